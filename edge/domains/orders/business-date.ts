const formats = new Map<string, Intl.DateTimeFormat>();

function wallClock(
  timeZone: string,
  epochMs: number,
): { y: number; m: number; d: number; hour: number; minute: number } {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(epochMs);
  const value = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return {
    y: value('year'),
    m: value('month'),
    d: value('day'),
    hour: value('hour'),
    minute: value('minute'),
  };
}

/**
 * The business day an instant belongs to, `YYYY-MM-DD`: the store's calendar day,
 * except that the hours before `closeoutHour` still belong to the day before (a
 * receipt at 03:59 with closeout at 04:00 is last night's trade).
 */
export function businessDateOf(epochMs: number, timeZone: string, closeoutHour: number): string {
  const { y, m, d, hour } = wallClock(timeZone, epochMs);
  const day = new Date(Date.UTC(y, m - 1, hour < closeoutHour ? d - 1 : d));
  return day.toISOString().slice(0, 10);
}

/** The hour of the day (0–23) on the store's wall clock. */
export function storeHourOf(epochMs: number, timeZone: string): number {
  return wallClock(timeZone, epochMs).hour;
}

/**
 * The instant a business day began: its date at the closeout hour on the store's wall
 * clock. Found from the zone's offset at that hour (twice, for a day whose offset changes).
 */
export function businessDayStartOf(businessDate: string, timeZone: string, closeoutHour: number): number {
  const [y = 1970, m = 1, d = 1] = businessDate.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d, closeoutHour);
  const offsetAt = (instant: number) => {
    const { y: wy, m: wm, d: wd, hour, minute } = wallClock(timeZone, instant);
    return Date.UTC(wy, wm - 1, wd, hour, minute) - Math.floor(instant / 60_000) * 60_000;
  };
  let guess = wall - offsetAt(wall);
  guess = wall - offsetAt(guess);
  return guess;
}
