import type { ReadingValue } from '../../../shared/device-messages';
import type { RuleEvaluator, RuleSignal } from './evaluator';

interface ErraticSpec {
  maxJitter: number;
  windowS: number;
}

/**
 * Mean jitter (|x[i] − 2·x[i−1] + x[i−2]|, how much each step differs from the one before)
 * over a sliding window. A steady warming or a basket dropped in oil bends the curve a
 * few times an hour; a scattering probe does it at every reading. Each reading enters
 * and leaves the window once, so the work per reading is amortised constant.
 */
export class ErraticEvaluator implements RuleEvaluator {
  #active = false;
  #previous: { ts: number; value: number; step: number | null } | null = null;
  readonly #ts: number[] = [];
  readonly #jitter: number[] = [];
  #head = 0;
  #sum = 0;
  /** When the first jitter was measured: the mean means nothing before a whole window. */
  #since: number | null = null;
  #lastTs = 0;
  readonly #windowMs: number;

  constructor(readonly spec: ErraticSpec) {
    this.#windowMs = spec.windowS * 1000;
  }

  get active(): boolean {
    return this.#active;
  }

  restoreActive(): void {
    this.#active = true;
  }

  /** Mean jitter over the window; null until a whole window is covered. */
  get meanJitter(): number | null {
    const n = this.#jitter.length - this.#head;
    const covered = this.#since !== null && this.#lastTs - this.#since >= this.#windowMs;
    return covered && n > 0 ? this.#sum / n : null;
  }

  onReading(ts: number, value: ReadingValue, suppressed: boolean): RuleSignal | null {
    if (typeof value !== 'number') return null;
    const prev = this.#previous;
    if (prev && ts <= prev.ts) return null;
    const step = prev ? value - prev.value : null;
    this.#previous = { ts, value, step };
    if (step === null || prev?.step === null || prev?.step === undefined) return null;
    this.#push(ts, Math.abs(step - prev.step));
    const mean = this.meanJitter;
    if (mean === null) return null;
    const rounded = Math.round(mean * 100) / 100;
    if (!this.#active && mean > this.spec.maxJitter && !suppressed) {
      this.#active = true;
      return { type: 'raise', at: ts, value: rounded };
    }
    if (this.#active && mean < this.spec.maxJitter / 2) {
      this.#active = false;
      return { type: 'clear', at: ts, value: rounded };
    }
    return null;
  }

  onTimer(): RuleSignal[] {
    return [];
  }

  nextCheckAt(): number | null {
    return null;
  }

  #push(ts: number, jitter: number): void {
    this.#since ??= ts;
    this.#lastTs = ts;
    this.#ts.push(ts);
    this.#jitter.push(jitter);
    this.#sum += jitter;
    const oldest = ts - this.#windowMs;
    while (this.#head < this.#ts.length && this.#ts[this.#head]! < oldest) {
      this.#sum -= this.#jitter[this.#head]!;
      this.#head++;
    }
    if (this.#head > 1024 && this.#head * 2 > this.#ts.length) {
      this.#ts.splice(0, this.#head);
      this.#jitter.splice(0, this.#head);
      this.#head = 0;
    }
  }
}
