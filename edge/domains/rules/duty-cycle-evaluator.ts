import type { ReadingValue } from '../../../shared/device-messages';
import type { RuleEvaluator, RuleSignal } from './evaluator';

interface Segment {
  start: number;
  end: number;
  on: boolean;
}

interface DutySpec {
  maxPct: number;
  clearPct?: number | undefined;
  windowS: number;
}

/**
 * Share of the last window a boolean metric was true. A value holds from its
 * reading until the next; equal neighbours merge, so the queue holds one segment
 * per on/off switch inside the window and each reading does amortised constant work.
 */
export class DutyCycleEvaluator implements RuleEvaluator {
  #active = false;
  #last: { ts: number; on: boolean } | null = null;
  #segments: Segment[] = [];
  #head = 0;
  #onMs = 0;
  #coveredMs = 0;
  readonly #windowMs: number;
  readonly #clearPct: number;

  constructor(readonly spec: DutySpec) {
    this.#windowMs = spec.windowS * 1000;
    this.#clearPct = spec.clearPct ?? Math.max(0, spec.maxPct - 5);
  }

  get active(): boolean {
    return this.#active;
  }

  restoreActive(): void {
    this.#active = true;
  }

  get measured(): number | null {
    const pct = this.dutyPct;
    return pct === null ? null : Math.round(pct * 10) / 10;
  }

  /** Percent on over the covered part of the window; null until a whole window is covered. */
  get dutyPct(): number | null {
    return this.#coveredMs >= this.#windowMs ? (this.#onMs / this.#coveredMs) * 100 : null;
  }

  onReading(ts: number, value: ReadingValue, suppressed: boolean): RuleSignal | null {
    const on = value === true || value === 1;
    const last = this.#last;
    if (last && ts < last.ts) return null;
    if (last && ts > last.ts) this.#append({ start: last.ts, end: ts, on: last.on });
    this.#last = { ts, on };
    this.#evict(ts - this.#windowMs);
    const pct = this.dutyPct;
    if (pct === null) return null;
    if (!this.#active && pct > this.spec.maxPct && !suppressed) {
      this.#active = true;
      return { type: 'raise', at: ts, value: Math.round(pct * 10) / 10 };
    }
    if (this.#active && pct < this.#clearPct) {
      this.#active = false;
      return { type: 'clear', at: ts, value: Math.round(pct * 10) / 10 };
    }
    return null;
  }

  onTimer(): RuleSignal[] {
    return [];
  }

  nextCheckAt(): number | null {
    return null;
  }

  #append(segment: Segment): void {
    const tail = this.#segments.length > this.#head ? this.#segments[this.#segments.length - 1] : undefined;
    if (tail && tail.on === segment.on && tail.end === segment.start) tail.end = segment.end;
    else this.#segments.push(segment);
    const length = segment.end - segment.start;
    this.#coveredMs += length;
    if (segment.on) this.#onMs += length;
  }

  #evict(oldest: number): void {
    while (this.#head < this.#segments.length) {
      const first = this.#segments[this.#head]!;
      if (first.start >= oldest) break;
      const cut = Math.min(first.end, oldest) - first.start;
      this.#coveredMs -= cut;
      if (first.on) this.#onMs -= cut;
      first.start += cut;
      if (first.start < first.end) break;
      this.#head++;
    }
    if (this.#head > 256 && this.#head * 2 > this.#segments.length) {
      this.#segments = this.#segments.slice(this.#head);
      this.#head = 0;
    }
  }
}
