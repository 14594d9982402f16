import type { RuleEvaluator, RuleSignal } from './evaluator';

/**
 * Offline when the device says so (status / Last Will) or stays silent for
 * `silenceMs`; back online when it reports again. Silence is checked lazily: one
 * timer at lastSeen + silence, re-armed only when it fires early.
 */
export class OfflineEvaluator implements RuleEvaluator {
  #active = false;
  #lastSeen: number;

  constructor(
    readonly silenceMs: number,
    startedAt: number,
  ) {
    // A device gets one full silence period after the edge starts before it counts as gone.
    this.#lastSeen = startedAt;
  }

  get active(): boolean {
    return this.#active;
  }

  restoreActive(): void {
    this.#active = true;
  }

  /** Any telemetry proves the device is alive. */
  onReading(ts: number): RuleSignal | null {
    this.#lastSeen = Math.max(this.#lastSeen, ts);
    return this.#setActive(false, ts, 'telemetry');
  }

  onStatus(online: boolean, ts: number, cause: string, suppressed: boolean): RuleSignal | null {
    if (online) this.#lastSeen = Math.max(this.#lastSeen, ts);
    if (!online && suppressed) return null;
    return this.#setActive(!online, ts, cause);
  }

  onTimer(now: number, suppressed: boolean): RuleSignal[] {
    if (this.#active || suppressed || now - this.#lastSeen < this.silenceMs) return [];
    const signal = this.#setActive(true, now, 'silence');
    return signal ? [signal] : [];
  }

  nextCheckAt(): number | null {
    return this.#active ? null : this.#lastSeen + this.silenceMs;
  }

  #setActive(active: boolean, at: number, cause: string): RuleSignal | null {
    if (this.#active === active) return null;
    this.#active = active;
    return { type: active ? 'raise' : 'clear', at, value: null, cause };
  }
}
