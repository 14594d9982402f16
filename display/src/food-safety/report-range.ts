import { shiftDate, storeDate } from '../stock/stock-dates';

export const REPORT_RANGES = ['today', 'week', 'month'] as const;
export type ReportRange = (typeof REPORT_RANGES)[number];

/** The store days a report button covers, both included: today, this week from Monday, this month from the 1st. */
export function reportDays(range: ReportRange, now: number, timezone: string): { from: string; to: string } {
  const to = storeDate(now, timezone);
  if (range === 'today') return { from: to, to };
  if (range === 'month') return { from: `${to.slice(0, 8)}01`, to };
  const [y = 1970, m = 1, d = 1] = to.split('-').map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return { from: shiftDate(to, -((weekday + 6) % 7)), to };
}
