const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface LocalTime {
  weekday: Weekday;
  /** Minutes since local midnight. */
  minuteOfDay: number;
}

/**
 * One formatter per time zone for the whole process: each Intl.DateTimeFormat holds
 * ICU state of its own (≈ 36 KB), and every equipment's rules ask for local time, so
 * one per equipment cost a 1 000-device store 35 MiB.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/**
 * Weekday and minute of day in a time zone. Formatting is costly, so the answer is
 * cached per minute: every reading in the same minute reuses it.
 */
export class LocalTimeOfDay {
  readonly #format: Intl.DateTimeFormat;
  #cachedMinute = Number.NaN;
  #cached: LocalTime = { weekday: 'mon', minuteOfDay: 0 };

  constructor(readonly timeZone: string) {
    this.#format = formatFor(timeZone);
  }

  at(epochMs: number): LocalTime {
    const minute = Math.floor(epochMs / 60_000);
    if (minute === this.#cachedMinute) return this.#cached;
    let weekday: Weekday = 'mon';
    let hour = 0;
    let min = 0;
    for (const part of this.#format.formatToParts(epochMs)) {
      if (part.type === 'weekday') weekday = part.value.slice(0, 3).toLowerCase() as Weekday;
      else if (part.type === 'hour') hour = Number(part.value);
      else if (part.type === 'minute') min = Number(part.value);
    }
    this.#cachedMinute = minute;
    this.#cached = { weekday, minuteOfDay: hour * 60 + min };
    return this.#cached;
  }
}

export function parseClockTime(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export function previousWeekday(day: Weekday): Weekday {
  return WEEKDAYS[(WEEKDAYS.indexOf(day) + 6) % 7]!;
}
