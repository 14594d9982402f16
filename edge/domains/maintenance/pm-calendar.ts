import type { z } from 'zod';
import type { CalendarIntervalTrigger, CalendarRuleTrigger } from '../../../shared/config/maintenance';
import { LocalTimeOfDay, parseClockTime, type Weekday } from '../rules/local-time';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

type IntervalTrigger = z.infer<typeof CalendarIntervalTrigger>;
type RuleTrigger = z.infer<typeof CalendarRuleTrigger>;

/**
 * Calendar arithmetic in the store's time zone: "every 2 weeks at 06:00" and
 * "mon,thu 06:00" are local times, so a store in Shanghai gets its tasks at 06:00
 * Shanghai time whatever the box's own zone.
 */
export class PmCalendar {
  readonly #local: LocalTimeOfDay;

  constructor(readonly timeZone: string) {
    this.#local = new LocalTimeOfDay(timeZone);
  }

  /** The epoch ms of `minuteOfDay` on the local day that contains `t`. */
  atLocalMinute(t: number, minuteOfDay: number): number {
    const local = this.#local.at(t);
    const midnight = Math.floor(t / MINUTE_MS) * MINUTE_MS - local.minuteOfDay * MINUTE_MS;
    const guess = midnight + minuteOfDay * MINUTE_MS;
    // Across a DST change the day is not 24 h long: correct by the difference seen at the guess.
    const drift = this.#local.at(guess).minuteOfDay - minuteOfDay;
    return drift === 0 ? guess : guess - drift * MINUTE_MS;
  }

  /** The local `YYYY-MM-DD` date at `hh:mm`, as epoch ms. */
  localDate(date: string, hhmm: string): number {
    const [y, m, d] = date.split('-').map(Number);
    const utcNoon = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12);
    return this.atLocalMinute(utcNoon, parseClockTime(hhmm));
  }

  periodMs(trigger: IntervalTrigger): number {
    return ((trigger.every.days ?? 0) + (trigger.every.weeks ?? 0) * 7) * DAY_MS;
  }

  /** First due of an interval plan: its start date, else the next `at` from `now` on. */
  firstIntervalDue(trigger: IntervalTrigger, startAt: string | undefined, now: number): number {
    if (startAt) return this.localDate(startAt, trigger.at);
    const today = this.atLocalMinute(now, parseClockTime(trigger.at));
    return today >= now ? today : this.atLocalMinute(today + DAY_MS, parseClockTime(trigger.at));
  }

  /** Interval plus re-alignment to the local time of day (days are not always 24 h). */
  addPeriod(from: number, trigger: IntervalTrigger): number {
    return this.atLocalMinute(from + this.periodMs(trigger), parseClockTime(trigger.at));
  }

  /** The first occurrence of a weekly rule strictly after `after` (or at it, when `inclusive`). */
  nextRuleOccurrence(trigger: RuleTrigger, after: number, inclusive = false): number {
    const { days, minute } = parseRule(trigger.rule);
    for (let i = 0; i <= 8; i++) {
      const candidate = this.atLocalMinute(after + i * DAY_MS, minute);
      const ok = inclusive ? candidate >= after : candidate > after;
      if (ok && (days === 'daily' || days.includes(this.#local.at(candidate).weekday))) return candidate;
    }
    throw new Error(`no occurrence of "${trigger.rule}" within 8 days`);
  }
}

function parseRule(rule: string): { days: Weekday[] | 'daily'; minute: number } {
  const [days = 'daily', time = '00:00'] = rule.split(' ');
  return {
    days: days === 'daily' ? 'daily' : (days.split(',') as Weekday[]),
    minute: parseClockTime(time),
  };
}
