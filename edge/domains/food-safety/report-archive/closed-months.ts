import { localDayOf } from '../../maintenance-metrics/local-day';

/** A store-local calendar month: `2026-11`, from its first local midnight to the next month's. */
export interface StoreMonth {
  month: string;
  from: number;
  to: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The instant of local midnight on the 1st of that month in the zone. */
function monthStart(year: number, month: number, timeZone: string): number {
  const first = `${year}-${pad(month)}-01`;
  // UTC noon of the 1st is the 1st on the wall for offsets below +12 h, the 2nd above.
  const day = localDayOf(Date.UTC(year, month - 1, 1, 12), timeZone);
  return day.day === first ? day.start : localDayOf(day.start - 1, timeZone).start;
}

/** The month `monthsBefore` months before the local month of `now` (0: the current one). */
export function storeMonth(now: number, timeZone: string, monthsBefore: number): StoreMonth {
  const today = localDayOf(now, timeZone).day;
  const index = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 - monthsBefore;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const next = index + 1;
  return {
    month: `${year}-${pad(month)}`,
    from: monthStart(year, month, timeZone),
    to: monthStart(Math.floor(next / 12), (next % 12) + 1, timeZone),
  };
}

/** The `count` store months closed by `now` (the current one is not), oldest first. */
export function closedMonths(now: number, timeZone: string, count: number): StoreMonth[] {
  const months: StoreMonth[] = [];
  for (let back = count; back >= 1; back--) months.push(storeMonth(now, timeZone, back));
  return months;
}
