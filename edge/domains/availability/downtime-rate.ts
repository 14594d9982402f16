import type { RateBasis } from '../../../shared/api/downtime';
import { HOUR_MS, HOURS_PER_WEEK, type LocalHour } from './downtime-hours';
import { type Ratio, ratio, ZERO } from './downtime-ratio';

/** Sales rates look this many weeks back: long enough to smooth a week, short enough to follow the season. */
export const RATE_WEEKS = 8;
export const RATE_HOURS = RATE_WEEKS * HOURS_PER_WEEK;

/** What was sold before an outage: every order that was not voided, with its portions of the item. */
export interface SalesHistory {
  /** the RATE_HOURS local hours before the outage's first hour, oldest first */
  hours: readonly LocalHour[];
  /** orders placed in those hours; `portions` of the item in question, 0 when it had none */
  orders: readonly { placedAt: number; portions: number }[];
  /** the store's first order ever: hours before it are hours the box has no data for */
  firstOrderAt: number | undefined;
}

export interface SalesRate {
  /** portions per hour */
  perHour: Ratio;
  basis: RateBasis;
  /** how many hours the average was taken over */
  hours: number;
}

interface HourTally {
  hourOfWeek: number;
  covered: boolean;
  open: boolean;
  portions: number;
}

/**
 * An item's average portions sold per hour at each hour of the week:
 *
 * - the portions sold in that hour of the week over the last 8 weeks, divided by the
 *   number of those weeks the store was open then (sold anything at all), so a week it
 *   was closed does not drag the average down (`hour-of-week`);
 * - 0 when the box has data for that hour but the store never sold anything then: it
 *   was closed, and a closed kitchen loses no sales (`closed`);
 * - with no data for that hour at all (a box younger than a week), the item's average
 *   over every hour the store was open in those 8 weeks (`all-hours`);
 * - 0 with no sales history (`none`).
 *
 * Combo lines count for the combo only: their parts were not sold on their own, and an
 * outage taking the parts and the combo off counts each for what it sells.
 */
export function salesRates(history: SalesHistory): (hourOfWeek: number) => SalesRate {
  const tallies: HourTally[] = history.hours.map((hour, i) => ({
    hourOfWeek: hour.hourOfWeek,
    covered:
      history.firstOrderAt !== undefined &&
      (history.hours[i + 1]?.start ?? hour.start + HOUR_MS) > history.firstOrderAt,
    open: false,
    portions: 0,
  }));
  const starts = history.hours.map((h) => h.start);
  for (const order of history.orders) {
    const i = hourIndex(starts, order.placedAt);
    const tally = i === undefined ? undefined : tallies[i];
    if (!tally) continue;
    tally.open = true;
    tally.portions += order.portions;
  }
  const openHours = tallies.filter((t) => t.open);
  const allHours: SalesRate =
    openHours.length > 0
      ? {
          perHour: ratio(sum(openHours.map((t) => t.portions)), openHours.length),
          basis: 'all-hours',
          hours: openHours.length,
        }
      : { perHour: ZERO, basis: 'none', hours: 0 };
  const rates = new Map<number, SalesRate>();
  return (hourOfWeek) => {
    let rate = rates.get(hourOfWeek);
    if (!rate) {
      const same = tallies.filter((t) => t.hourOfWeek === hourOfWeek);
      const open = same.filter((t) => t.open);
      rate =
        open.length > 0
          ? {
              perHour: ratio(sum(open.map((t) => t.portions)), open.length),
              basis: 'hour-of-week',
              hours: open.length,
            }
          : same.some((t) => t.covered)
            ? { perHour: ZERO, basis: 'closed', hours: 0 }
            : allHours;
      rates.set(hourOfWeek, rate);
    }
    return rate;
  };
}

/** The hour an instant falls in, by binary search over the hours' starts; undefined outside them. */
function hourIndex(starts: readonly number[], at: number): number | undefined {
  let lo = 0;
  let hi = starts.length - 1;
  if (hi < 0 || at < (starts[0] ?? 0)) return undefined;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= at) lo = mid;
    else hi = mid - 1;
  }
  const next = starts[lo + 1] ?? (starts[lo] ?? 0) + HOUR_MS;
  return at < next ? lo : undefined;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
