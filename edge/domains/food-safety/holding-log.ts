import type { IntervalStatus } from '../../../shared/api/food-safety';
import type { ResolvedControlPoint } from './control-points';

interface Accumulator {
  /** the control point as it was when the interval began: its limit judges every reading of it */
  cp: ResolvedControlPoint;
  limitSeq: number;
  readings: number;
  worst: number;
  min: number;
  max: number;
  /** readings out of limit that nothing excused */
  out: number;
  /** readings out of limit while excused (defrost, door open) */
  excusedOut: number;
  /** the first excuse active in the interval, in or out of limit, so defrost shows in the record */
  excusedBy: string | null;
}

/** An interval of the holding log, closed and ready to be written. */
export interface ClosedInterval {
  start: number;
  spanMin: number;
  status: IntervalStatus;
  worst: number | null;
  min: number | null;
  max: number | null;
  readings: number;
  excusedBy: string | null;
  /** the limit record it was judged by */
  limitSeq: number;
}

/** Readings further ahead of the box's clock than this are a device clock gone wrong, not data. */
const MAX_AHEAD_MS = 60 * 60_000;

/**
 * The open intervals of one control point's holding log. Readings go into the
 * interval their timestamp falls in (half-open, aligned to the recording interval);
 * `close` hands back every interval that has ended, in order, the empty ones as
 * no-data stretches split at the store's day boundaries.
 */
export class HoldingLog {
  readonly #open = new Map<number, Accumulator>();
  #next: number;
  #cp: ResolvedControlPoint;
  #limitSeq: number;
  #late = 0;

  constructor(cp: ResolvedControlPoint, limitSeq: number, next: number) {
    this.#cp = cp;
    this.#limitSeq = limitSeq;
    this.#next = next;
  }

  /** A new limit applies from the next interval to begin; one already begun keeps its own. */
  use(cp: ResolvedControlPoint, limitSeq: number): void {
    this.#cp = cp;
    this.#limitSeq = limitSeq;
  }

  get controlPoint(): ResolvedControlPoint {
    return this.#cp;
  }

  /** Readings refused since last asked because their interval was already written. */
  takeLate(): number {
    const late = this.#late;
    this.#late = 0;
    return late;
  }

  /** The start of the next interval to be written. */
  get next(): number {
    return this.#next;
  }

  #size(): number {
    return this.#cp.recordEveryMin * 60_000;
  }

  static isOut(cp: ResolvedControlPoint, value: number): boolean {
    const { bound, tempC } = cp.limit;
    return bound === 'at_most' ? value > tempC : value < tempC;
  }

  /** false when the reading's interval was already written (late) or is implausibly far ahead. */
  add(ts: number, value: number, excuse: string | null, now: number): boolean {
    const size = this.#size();
    const start = Math.floor(ts / size) * size;
    if (start < this.#next) {
      this.#late += 1;
      return false;
    }
    if (ts > now + MAX_AHEAD_MS) return false;
    let acc = this.#open.get(start);
    if (!acc) {
      acc = {
        cp: this.#cp,
        limitSeq: this.#limitSeq,
        readings: 0,
        worst: value,
        min: value,
        max: value,
        out: 0,
        excusedOut: 0,
        excusedBy: null,
      };
      this.#open.set(start, acc);
    }
    acc.readings += 1;
    acc.min = Math.min(acc.min, value);
    acc.max = Math.max(acc.max, value);
    acc.worst = acc.cp.limit.bound === 'at_most' ? acc.max : acc.min;
    if (excuse !== null) acc.excusedBy ??= excuse;
    if (HoldingLog.isOut(acc.cp, value)) {
      if (excuse === null) acc.out += 1;
      else acc.excusedOut += 1;
    }
    return true;
  }

  /** Every interval that ended at or before `until`, in order. */
  close(until: number, dayEndAfter: (ts: number) => number): ClosedInterval[] {
    const size = this.#size();
    const lastEnd = Math.floor(until / size) * size;
    const closed: ClosedInterval[] = [];
    while (this.#next < lastEnd) {
      const start = this.#next;
      const acc = this.#open.get(start);
      if (acc) {
        this.#open.delete(start);
        closed.push({
          start,
          spanMin: size / 60_000,
          status: acc.out > 0 ? 'out_of_limit' : acc.excusedOut > 0 ? 'excused' : 'in_limit',
          worst: acc.worst,
          min: acc.min,
          max: acc.max,
          readings: acc.readings,
          excusedBy: acc.excusedBy,
          limitSeq: acc.limitSeq,
        });
        this.#next = start + size;
        continue;
      }
      let end = Math.min(lastEnd, dayEndAfter(start));
      for (const key of this.#open.keys()) if (key > start && key < end) end = key;
      closed.push({
        start,
        spanMin: Math.round((end - start) / 60_000),
        status: 'no_data',
        worst: null,
        min: null,
        max: null,
        readings: 0,
        excusedBy: null,
        limitSeq: this.#limitSeq,
      });
      this.#next = end;
    }
    return closed;
  }
}
