import { type LocalDay, localDayOf, localInstant } from '../maintenance-metrics/local-day';

/** The store-local day named `YYYY-MM-DD`, as the half-open [start, end) of its instants. */
export function storeDay(day: string, timeZone: string): LocalDay {
  const [y = 1970, m = 1, d = 1] = day.split('-').map(Number);
  // Noon UTC of that date is that date, the day before or after, in every zone: step to it.
  let found = localDayOf(Date.UTC(y, m - 1, d, 12), timeZone);
  if (found.day < day) found = localDayOf(found.end, timeZone);
  else if (found.day > day) found = localDayOf(found.start - 1, timeZone);
  return found;
}

export { type LocalDay, localDayOf, localInstant };
