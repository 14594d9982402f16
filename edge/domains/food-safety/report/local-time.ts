/**
 * Store-local wall-clock text for instants, fast enough for a month of minute records
 * (864 000 rows, two times each): Intl is asked once per 15-minute block, since every
 * zone's offset and every offset change falls on a quarter hour, and the rest is
 * arithmetic on the UTC fields.
 */
export class LocalTime {
  readonly timeZone: string;
  readonly #format: Intl.DateTimeFormat;
  readonly #offsets = new Map<number, number>();
  #lastBlock = Number.NaN;
  #lastOffset = 0;
  #lastDay = Number.NaN;
  #lastDate = '';

  constructor(timeZone: string) {
    this.timeZone = timeZone;
    this.#format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
  }

  /** How far the wall clock is ahead of UTC at that instant, in ms. */
  offsetAt(ms: number): number {
    const block = Math.floor(ms / 900_000);
    if (block === this.#lastBlock) return this.#lastOffset;
    let offset = this.#offsets.get(block);
    if (offset === undefined) {
      const parts = new Map(
        this.#format.formatToParts(block * 900_000).map((p) => [p.type, Number(p.value)]),
      );
      const wall = Date.UTC(
        parts.get('year') ?? 1970,
        (parts.get('month') ?? 1) - 1,
        parts.get('day') ?? 1,
        parts.get('hour') ?? 0,
        parts.get('minute') ?? 0,
        parts.get('second') ?? 0,
      );
      offset = wall - block * 900_000;
      this.#offsets.set(block, offset);
    }
    this.#lastBlock = block;
    this.#lastOffset = offset;
    return offset;
  }

  /** `2026-11-03` */
  day(ms: number): string {
    return this.dateTime(ms).slice(0, 10);
  }

  /** `2026-11-03 14:05`; the date text is kept from the call before, as rows come in time order. */
  dateTime(ms: number): string {
    const local = ms + this.offsetAt(ms);
    const day = Math.floor(local / DAY_MS);
    if (day !== this.#lastDay) {
      const d = new Date(day * DAY_MS);
      this.#lastDay = day;
      this.#lastDate = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    }
    return `${this.#lastDate} ${hhmm(local - day * DAY_MS)}`;
  }

  /** `14:05` */
  clock(ms: number): string {
    const local = ms + this.offsetAt(ms);
    return hhmm(local - Math.floor(local / DAY_MS) * DAY_MS);
  }

  /** `UTC+08:00`, as printed beside the times so a reader abroad knows what they mean. */
  offsetLabel(ms: number): string {
    const minutes = Math.round(this.offsetAt(ms) / 60_000);
    const sign = minutes < 0 ? '-' : '+';
    const abs = Math.abs(minutes);
    return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  }
}

const DAY_MS = 86_400_000;
const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => pad(n));
/** `HH:MM` of the ms since local midnight. */
const hhmm = (sinceMidnight: number): string => {
  const minutes = Math.floor(sinceMidnight / 60_000);
  return `${TWO_DIGITS[Math.floor(minutes / 60)]}:${TWO_DIGITS[minutes % 60]}`;
};
