/** The throttle needs only the time, so central and unit tests can hand in any clock. */
export interface ThrottleClock {
  now(): number;
}

export interface LoginThrottleOptions {
  /** Wrong guesses a key may make before it has to wait. */
  freeFailures: number;
  /** The wait after the last free failure; it doubles with each failure after that. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A key with no failure for this long starts again from zero. */
  forgetAfterMs: number;
  /** Bounds memory when someone cycles through made-up user names or addresses. */
  maxTracked: number;
}

/**
 * 5 free, then 1 s, 2 s, 4 s … 5 min: a person who mistypes a few times barely
 * notices, while a guesser is held to about one try per 5 min per key (a 4-digit
 * PIN then takes weeks from one place). Forgetting takes longer than the longest
 * wait, so waiting out the cap never earns the free tries back.
 */
export const DEFAULT_LOGIN_THROTTLE: LoginThrottleOptions = {
  freeFailures: 5,
  baseDelayMs: 1000,
  maxDelayMs: 5 * 60_000,
  forgetAfterMs: 15 * 60_000,
  maxTracked: 10_000,
};

/**
 * The key of one credential tried from one place: `place` is an address or a paired
 * display, never a reason to trust. Counting per (user, place) instead of per user
 * keeps a guesser elsewhere from locking the real person out.
 */
export function throttleKey(user: string, place: string): string {
  return JSON.stringify([user, place]);
}

interface Failures {
  count: number;
  lastAt: number;
}

/**
 * Failed logins per key with exponential back-off. Callers check `retryAfterMs`
 * first and refuse while it is above 0, without checking the secret at all (so a
 * throttled right PIN and a throttled wrong one look the same).
 */
export class LoginThrottle {
  readonly #failures = new Map<string, Failures>();
  readonly #options: LoginThrottleOptions;

  constructor(
    private readonly clock: ThrottleClock,
    options: Partial<LoginThrottleOptions> = {},
  ) {
    this.#options = { ...DEFAULT_LOGIN_THROTTLE, ...options };
  }

  /** Milliseconds until `key` may try again, or 0 if it may try now. */
  retryAfterMs(key: string): number {
    const failures = this.#current(key);
    if (!failures || failures.count < this.#options.freeFailures) return 0;
    const doublings = failures.count - this.#options.freeFailures;
    // 2 ** 30 already passes any sane cap; the bound keeps the arithmetic finite.
    const delay = Math.min(
      this.#options.baseDelayMs * 2 ** Math.min(doublings, 30),
      this.#options.maxDelayMs,
    );
    return Math.max(0, failures.lastAt + delay - this.clock.now());
  }

  recordFailure(key: string): void {
    const count = (this.#current(key)?.count ?? 0) + 1;
    // Re-inserted so the map's order stays least recently failed first.
    this.#failures.delete(key);
    this.#failures.set(key, { count, lastAt: this.clock.now() });
    this.#evictOverflow(key);
  }

  recordSuccess(key: string): void {
    this.#failures.delete(key);
  }

  /** Keys remembered now (for tests and metrics). */
  get tracked(): number {
    return this.#failures.size;
  }

  #current(key: string): Failures | undefined {
    const failures = this.#failures.get(key);
    if (failures && this.#forgotten(failures)) {
      this.#failures.delete(key);
      return undefined;
    }
    return failures;
  }

  #forgotten(failures: Failures): boolean {
    return this.clock.now() - failures.lastAt >= this.#options.forgetAfterMs;
  }

  /**
   * Drops the key with the fewest failures (the least recently failed among equals),
   * never the one just counted: spraying made-up names then evicts the sprayed names,
   * not the back-off of a user someone is guessing, and a table full of held-back keys
   * still counts a new one. The scan is cheap next to the scrypt each failure cost.
   */
  #evictOverflow(justCounted: string): void {
    while (this.#failures.size > this.#options.maxTracked) {
      let victim: string | undefined;
      let fewest = Number.POSITIVE_INFINITY;
      for (const [key, failures] of this.#failures) {
        if (key === justCounted) continue;
        const count = this.#forgotten(failures) ? 0 : failures.count;
        if (count < fewest) {
          victim = key;
          fewest = count;
          if (count <= 1) break;
        }
      }
      if (victim === undefined) return;
      this.#failures.delete(victim);
    }
  }
}
