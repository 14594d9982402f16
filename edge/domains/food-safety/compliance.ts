import type { DailyCompliance, ExcursionView } from '../../../shared/api/food-safety';
import type { FoodSafetyDayPayload } from '../../../shared/central/food-safety-api';
import type { LocalizedText } from '../../../shared/localized-text';
import type { LocalDay } from '../maintenance-metrics/local-day';
import type { IntervalRow } from './food-safety-store';
import { statusOf } from './food-safety-views';

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * A day's compliance from its holding log: the share of the day's minutes in limit
 * (excused ones count as in limit, as the alarm treats them; minutes without data do
 * not), and a fail on any excursion longer than the alert delay that touched the day.
 * Not "any reading passed": a cooler warm all afternoon fails however cold its morning.
 */
export function dailyCompliance(
  controlPointId: string,
  day: LocalDay,
  records: readonly IntervalRow[],
  excursions: readonly ExcursionView[],
  now: number,
): DailyCompliance {
  return complianceOfMinutes(controlPointId, day, minutesByStatus(day, records), excursions, now);
}

/** Minutes per status in the day (an interval running past its end counts up to the end), and all recorded. */
export interface StatusMinutes {
  in_limit: number;
  out_of_limit: number;
  excused: number;
  no_data: number;
  covered: number;
}

export function minutesByStatus(day: LocalDay, records: readonly IntervalRow[]): StatusMinutes {
  const sums = { in_limit: 0, out_of_limit: 0, excused: 0, no_data: 0, covered: 0 };
  for (const row of records) {
    const span = Math.min(row.span_min, Math.round((day.end - row.start_ts) / 60_000));
    sums[statusOf(row.status)] += span;
    sums.covered += span;
  }
  return sums;
}

/** The same compliance from minutes already summed (by the store, for a report reading a month). */
export function complianceOfMinutes(
  controlPointId: string,
  day: LocalDay,
  sums: StatusMinutes,
  excursions: readonly ExcursionView[],
  now: number,
): DailyCompliance {
  const minutesInDay = Math.round((day.end - day.start) / 60_000);
  const covered = sums.covered;
  const elapsed = Math.max(0, Math.min(minutesInDay, Math.floor((now - day.start) / 60_000)));
  // Minutes gone by with no record (before the box kept any, or the interval still open) are no data.
  const noDataMin = sums.no_data + Math.max(0, elapsed - covered);
  const notYetMin = Math.max(0, minutesInDay - Math.max(elapsed, covered));
  const pass = excursions.length === 0;
  const compliancePct = round1(((sums.in_limit + sums.excused) / minutesInDay) * 100);
  const longest = excursions.reduce((max, e) => Math.max(max, e.minutes), 0);
  return {
    controlPointId,
    day: day.day,
    from: day.start,
    to: day.end,
    minutesInDay,
    inLimitMin: sums.in_limit,
    excusedMin: sums.excused,
    outOfLimitMin: sums.out_of_limit,
    noDataMin,
    notYetMin,
    compliancePct,
    pass,
    excursions: [...excursions],
    verdict: pass
      ? {
          en: `Pass: ${compliancePct} % of the day in limit, no excursion`,
          'zh-CN': `合格：全天 ${compliancePct}% 时间在限值内，无超限事件`,
        }
      : {
          en: `Fail: ${excursions.length} excursion(s), longest ${longest} min; ${compliancePct} % of the day in limit`,
          'zh-CN': `不合格：${excursions.length} 次超限，最长 ${longest} 分钟；全天 ${compliancePct}% 时间在限值内`,
        },
  };
}

/** The closed day of a control point as central keeps it (`food_safety.day`). */
export function dayEvent(
  cp: { id: string; name: LocalizedText; equipmentId: string },
  c: DailyCompliance,
): FoodSafetyDayPayload {
  return {
    controlPointId: cp.id,
    name: cp.name,
    equipmentId: cp.equipmentId,
    day: c.day,
    from: c.from,
    to: c.to,
    minutesInDay: c.minutesInDay,
    inLimitMin: c.inLimitMin,
    excusedMin: c.excusedMin,
    outOfLimitMin: c.outOfLimitMin,
    noDataMin: c.noDataMin,
    compliancePct: c.compliancePct,
    pass: c.pass,
    excursions: c.excursions.length,
    // The box keeps no manual checks yet; a recording it could not make is a no-data minute.
    missedChecks: 0,
  };
}
