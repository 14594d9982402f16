/**
 * Hours of the store's week: sales rates are kept per hour of the week (Mon 12:00–13:00 is
 * one, 168 in all) and an outage is cut at the store's local hour boundaries.
 */

export const HOUR_MS = 3_600_000;
export const HOURS_PER_WEEK = 168;

/** One local hour: its first instant and which hour of the week it is (0 = Monday 00:00). */
export interface LocalHour {
  start: number;
  hourOfWeek: number;
}

/** A part of an outage that falls in one local hour. */
export interface HourPiece extends LocalHour {
  ms: number;
}

const WEEKDAY_INDEX: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/**
 * The local hour holding an instant. Its start is found from the local minutes and
 * seconds, not from UTC, so zones half an hour off UTC cut where their clocks do.
 */
export function localHourOf(epochMs: number, timeZone: string): LocalHour {
  let weekday = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of formatFor(timeZone).formatToParts(epochMs)) {
    if (part.type === 'weekday') weekday = WEEKDAY_INDEX[part.value] ?? 0;
    else if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
    else if (part.type === 'second') second = Number(part.value);
  }
  const intoHour = minute * 60_000 + second * 1000 + (((epochMs % 1000) + 1000) % 1000);
  return { start: epochMs - intoHour, hourOfWeek: weekday * 24 + hour };
}

/** [from, to) cut at local hour boundaries, each piece with its hour of the week. */
export function splitByHour(from: number, to: number, timeZone: string): HourPiece[] {
  const pieces: HourPiece[] = [];
  let at = from;
  while (at < to) {
    const hour = localHourOf(at, timeZone);
    const end = Math.min(hour.start + HOUR_MS, to);
    pieces.push({ ...hour, ms: end - at });
    at = end;
  }
  return pieces;
}

/** The `count` whole local hours before the one holding `before`, oldest first. */
export function hoursBefore(before: number, count: number, timeZone: string): LocalHour[] {
  const hours: LocalHour[] = [];
  let start = localHourOf(before, timeZone).start;
  for (let i = 0; i < count; i++) {
    const hour = localHourOf(start - 1, timeZone);
    hours.push(hour);
    start = hour.start;
  }
  return hours.reverse();
}
