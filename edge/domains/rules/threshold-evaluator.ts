import type { Condition } from '../../../shared/config/rules';
import type { ReadingValue } from '../../../shared/device-messages';
import { conditionHolds, negateCondition } from './conditions';
import type { RuleEvaluator, RuleSignal } from './evaluator';

interface ThresholdSpec {
  raise: Condition & { forS: number };
  clear?: (Condition & { forS: number }) | undefined;
}

/**
 * Threshold held for a duration, with hysteresis: raising and clearing each need
 * their own condition held continuously, so a noisy signal near one threshold
 * cannot toggle the alarm.
 */
export class ThresholdEvaluator implements RuleEvaluator {
  #active = false;
  #raiseSince: number | null = null;
  #clearSince: number | null = null;
  #lastTs = Number.NEGATIVE_INFINITY;
  #lastValue: number | null = null;
  readonly #raise: Condition;
  readonly #raiseForMs: number;
  readonly #clear: Condition;
  readonly #clearForMs: number;

  constructor(spec: ThresholdSpec) {
    this.#raise = spec.raise;
    this.#raiseForMs = spec.raise.forS * 1000;
    this.#clear = spec.clear ?? negateCondition(spec.raise);
    this.#clearForMs = (spec.clear?.forS ?? 0) * 1000;
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
    if (!this.#active) {
      if (suppressed || !conditionHolds(this.#raise, value)) {
        this.#raiseSince = null;
        return null;
      }
      this.#raiseSince ??= ts;
      return ts - this.#raiseSince >= this.#raiseForMs ? this.#flip(ts) : null;
    }
    if (!conditionHolds(this.#clear, value)) {
      this.#clearSince = null;
      return null;
    }
    this.#clearSince ??= ts;
    return ts - this.#clearSince >= this.#clearForMs ? this.#flip(ts) : null;
  }

  onTimer(now: number, suppressed: boolean): RuleSignal[] {
    const due = this.nextCheckAt();
    if (due === null || now < due || this.#lastValue === null) return [];
    if (!this.#active && suppressed) {
      this.#raiseSince = null;
      return [];
    }
    const holds = conditionHolds(this.#active ? this.#clear : this.#raise, this.#lastValue);
    return holds ? [this.#flip(now)] : [];
  }

  nextCheckAt(): number | null {
    if (!this.#active && this.#raiseSince !== null) return this.#raiseSince + this.#raiseForMs;
    if (this.#active && this.#clearSince !== null) return this.#clearSince + this.#clearForMs;
    return null;
  }

  #flip(at: number): RuleSignal {
    this.#active = !this.#active;
    const since = (this.#active ? this.#raiseSince : this.#clearSince) ?? at;
    this.#raiseSince = null;
    this.#clearSince = null;
    return { type: this.#active ? 'raise' : 'clear', at, value: this.#lastValue, since };
  }
}
