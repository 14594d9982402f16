import type { ReadingValue } from '../../../shared/device-messages';
import type { RuleEvaluator, RuleSignal } from './evaluator';
import { SlidingExtreme } from './sliding-extreme';

interface RateSpec {
  direction: 'rise' | 'fall';
  delta: number;
  windowS: number;
  clearAfterS: number;
}

/**
 * Change of more than `delta` within the window, measured against the window's
 * extreme (lowest value for a rise) so a steady warming is seen however it is sampled.
 */
export class RateEvaluator implements RuleEvaluator {
  #active = false;
  #calmSince: number | null = null;
  #lastTs = Number.NEGATIVE_INFINITY;
  #lastValue: number | null = null;
  readonly #window: SlidingExtreme;

  constructor(readonly spec: RateSpec) {
    this.#window = new SlidingExtreme(spec.windowS * 1000, spec.direction === 'rise' ? 'min' : 'max');
  }

  get active(): boolean {
    return this.#active;
  }

  get measured(): number | null {
    return this.#lastValue;
  }

  restoreActive(): void {
    this.#active = true;
  }

  onReading(ts: number, value: ReadingValue, suppressed: boolean): RuleSignal | null {
    if (typeof value !== 'number' || ts < this.#lastTs) return null;
    this.#lastTs = ts;
    this.#lastValue = value;
    this.#window.push(ts, value);
    const extreme = this.#window.value ?? value;
    const change = this.spec.direction === 'rise' ? value - extreme : extreme - value;
    const exceeded = change > this.spec.delta;
    if (!this.#active) {
      if (!exceeded || suppressed) return null;
      this.#active = true;
      this.#calmSince = null;
      // The change began at the window's extreme: that is when the warming (or draining) started.
      return { type: 'raise', at: ts, value, since: this.#window.extremeTs ?? ts };
    }
    if (exceeded) {
      this.#calmSince = null;
      return null;
    }
    this.#calmSince ??= ts;
    if (ts - this.#calmSince < this.spec.clearAfterS * 1000) return null;
    this.#active = false;
    this.#calmSince = null;
    return { type: 'clear', at: ts, value };
  }

  // Clearing needs fresh readings showing calm, so there is nothing to do on a timer.
  onTimer(): RuleSignal[] {
    return [];
  }

  nextCheckAt(): number | null {
    return null;
  }
}
