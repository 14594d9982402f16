import type { ReadingValue } from '../../../shared/device-messages';
import type { RuleEvaluator, RuleSignal } from './evaluator';

/**
 * A live sensor always wobbles a little; the same value for `forS` means a dead or
 * disconnected probe. Decided on readings only: silence is the offline rule's job.
 */
export class StuckEvaluator implements RuleEvaluator {
  #active = false;
  #reference: number | null = null;
  #changedAt = 0;
  #lastTs = Number.NEGATIVE_INFINITY;

  constructor(
    readonly forS: number,
    readonly tolerance: number,
  ) {}

  get active(): boolean {
    return this.#active;
  }

  restoreActive(): void {
    this.#active = true;
  }

  onReading(ts: number, value: ReadingValue, suppressed: boolean): RuleSignal | null {
    if (typeof value !== 'number' || ts < this.#lastTs) return null;
    this.#lastTs = ts;
    if (this.#reference === null || Math.abs(value - this.#reference) > this.tolerance) {
      this.#reference = value;
      this.#changedAt = ts;
      if (!this.#active) return null;
      this.#active = false;
      return { type: 'clear', at: ts, value };
    }
    if (this.#active || suppressed || ts - this.#changedAt < this.forS * 1000) return null;
    this.#active = true;
    return { type: 'raise', at: ts, value, since: this.#changedAt };
  }

  onTimer(): RuleSignal[] {
    return [];
  }

  nextCheckAt(): number | null {
    return null;
  }
}
