import type { Clock, TimerHandle } from '../../../shared/server/runtime/clock';

/** At most one pending timer per key (an alarm's delayed ticket, a ticket's verification), on the injected clock. */
export class KeyedTimers {
  readonly #timers = new Map<number, TimerHandle>();

  constructor(private readonly clock: Clock) {}

  has(key: number): boolean {
    return this.#timers.has(key);
  }

  /** Runs `fn` at `at` (epoch ms, at once if past), replacing the key's pending timer. */
  set(key: number, at: number, fn: () => void): void {
    this.cancel(key);
    const handle = this.clock.setTimeout(
      () => {
        this.#timers.delete(key);
        fn();
      },
      Math.max(0, at - this.clock.now()),
    );
    this.#timers.set(key, handle);
  }

  cancel(key: number): void {
    const handle = this.#timers.get(key);
    if (handle) this.clock.clearTimeout(handle);
    this.#timers.delete(key);
  }

  clear(): void {
    for (const handle of this.#timers.values()) this.clock.clearTimeout(handle);
    this.#timers.clear();
  }
}
