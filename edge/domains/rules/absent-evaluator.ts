import type { RuleEvaluator, RuleSignal } from './evaluator';

/**
 * A probe the firmware stops reporting while the rest of its telemetry still arrives
 * (an open thermocouple). Decided on the equipment's telemetry, every message of it:
 * a device gone silent altogether is the offline rule's, not a missing probe.
 */
export class AbsentEvaluator implements RuleEvaluator {
  #active = false;
  /** Last telemetry that carried the metric; null until the first telemetry of any kind. */
  #lastSeen: number | null = null;
  #lastTs = Number.NEGATIVE_INFINITY;

  constructor(readonly forMs: number) {}

  get active(): boolean {
    return this.#active;
  }

  restoreActive(): void {
    this.#active = true;
  }

  // Readings of the metric come through `onTelemetry`, which sees the messages without it too.
  onReading(): RuleSignal | null {
    return null;
  }

  onTelemetry(ts: number, present: boolean, suppressed: boolean): RuleSignal | null {
    if (ts < this.#lastTs) return null;
    this.#lastTs = ts;
    if (present || this.#lastSeen === null) this.#lastSeen = ts;
    if (present) {
      if (!this.#active) return null;
      this.#active = false;
      return { type: 'clear', at: ts, value: null, cause: 'telemetry' };
    }
    if (this.#active || suppressed || ts - this.#lastSeen < this.forMs) return null;
    this.#active = true;
    return { type: 'raise', at: ts, value: null, cause: 'missing', since: this.#lastSeen };
  }

  onTimer(): RuleSignal[] {
    return [];
  }

  nextCheckAt(): number | null {
    return null;
  }
}
