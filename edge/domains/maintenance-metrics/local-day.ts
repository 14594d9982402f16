export interface LocalDay {
  /** YYYY-MM-DD in the time zone */
  day: string;
  start: number;
  /** exclusive: the next day's start */
  end: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function partsIn(timeZone: string, epochMs: number): number[] {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  const value = (type: string) => Number(format.formatToParts(epochMs).find((p) => p.type === type)?.value);
  return [value('year'), value('month'), value('day'), value('hour'), value('minute'), value('second')];
}

/** How far the zone's wall clock is ahead of UTC at that instant. */
function offsetAt(timeZone: string, epochMs: number): number {
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0] = partsIn(timeZone, epochMs);
  return Date.UTC(y, mo - 1, d, h, mi, s) - Math.floor(epochMs / 1000) * 1000;
}

/** The instant the wall clock shows local midnight of that date (twice refined for DST changes). */
function localMidnight(timeZone: string, y: number, m: number, d: number): number {
  const wall = Date.UTC(y, m - 1, d);
  let guess = wall - offsetAt(timeZone, wall);
  guess = wall - offsetAt(timeZone, guess);
  return guess;
}

/** The store-local calendar day containing the instant. */
export function localDayOf(epochMs: number, timeZone: string): LocalDay {
  const [y = 1970, m = 1, d = 1] = partsIn(timeZone, epochMs);
  const start = localMidnight(timeZone, y, m, d);
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  const end = localMidnight(timeZone, next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
  const day = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return { day, start, end };
}

/**
 * The instant the wall clock of the zone shows `minutes` after midnight on the local day
 * (09:00 on a day that springs forward at 02:00 is still 09:00 on the wall).
 */
export function localInstant(day: LocalDay, minutes: number, timeZone: string): number {
  const guess = day.start + minutes * 60_000;
  return guess + offsetAt(timeZone, day.start) - offsetAt(timeZone, guess);
}
