import type { RuleEvaluator, RuleSignal } from './evaluator';

/**
 * Offline when the device says so (status / Last Will / disconnect) or stays silent
 * for `silenceMs`. Offline by silence ends with any telemetry; offline by status ends
 * only with an online status, because ingest holds the return of a device that keeps
 * dropping until it has settled (PresenceDebounce), and telemetry between its drops
 * must not clear early what the next drop would raise again. Silence is checked
 * lazily: one timer at lastSeen + silence, re-armed only when it fires early.
 * A planned stop (status cause `shutdown`) is not a fault: it raises nothing, clears
 * nothing, and no silence is looked for until the device says it is back.
 */
export class OfflineEvaluator implements RuleEvaluator {
  #active = false;
  /** What raised the active alarm; a restored one is treated as silence so telemetry can end it. */
  #raisedBy: 'status' | 'silence' = 'silence';
  #lastSeen: number;
  /** Said it was shutting down: silence is expected until it comes back online. */
  #switchedOff = false;

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
    this.#raisedBy = 'silence';
  }

  /** Telemetry proves a silent device is alive. */
  onReading(ts: number): RuleSignal | null {
    this.#lastSeen = Math.max(this.#lastSeen, ts);
    if (this.#active && this.#raisedBy === 'status') return null;
    return this.#setActive(false, ts, 'telemetry');
  }

  onStatus(online: boolean, ts: number, cause: string, suppressed: boolean): RuleSignal | null {
    this.#switchedOff = !online && cause === 'shutdown';
    if (this.#switchedOff) return null;
    if (online) this.#lastSeen = Math.max(this.#lastSeen, ts);
    if (!online && suppressed) return null;
    const signal = this.#setActive(!online, ts, cause);
    // Also when already offline by silence: the device has now said so itself.
    if (!online) this.#raisedBy = 'status';
    return signal;
  }

  onTimer(now: number, suppressed: boolean): RuleSignal[] {
    if (this.#active || this.#switchedOff || suppressed || now - this.#lastSeen < this.silenceMs) return [];
    const signal = this.#setActive(true, now, 'silence');
    if (!signal) return [];
    this.#raisedBy = 'silence';
    // Gone since it was last heard from, not since the silence was noticed.
    return [{ ...signal, since: this.#lastSeen }];
  }

  nextCheckAt(): number | null {
    return this.#active || this.#switchedOff ? null : this.#lastSeen + this.silenceMs;
  }

  #setActive(active: boolean, at: number, cause: string): RuleSignal | null {
    if (this.#active === active) return null;
    this.#active = active;
    return { type: active ? 'raise' : 'clear', at, value: null, cause };
  }
}
