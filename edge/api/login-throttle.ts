import type { Clock } from '../runtime/clock';

export interface LoginThrottleOptions {
  maxFailures: number;
  windowMs: number;
  /** Bounds memory when someone cycles through made-up user names. */
  maxTrackedUsers: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleOptions = {
  maxFailures: 5,
  windowMs: 5 * 60_000,
  maxTrackedUsers: 10_000,
};

/**
 * A 4-digit PIN falls to 10 000 guesses, so failed logins are counted per user
 * name (known or not, so the answer does not reveal which names exist): after
 * `maxFailures` within `windowMs`, the name is refused until the oldest of those
 * failures leaves the window.
 */
export class LoginThrottle {
  readonly #failures = new Map<string, number[]>();
  readonly #options: LoginThrottleOptions;

  constructor(
    private readonly clock: Clock,
    options: Partial<LoginThrottleOptions> = {},
  ) {
    this.#options = { ...DEFAULT_LOGIN_THROTTLE, ...options };
  }

  /** Milliseconds until `user` may try again, or 0 if it may try now. */
  retryAfterMs(user: string): number {
    const recent = this.#recent(user);
    if (recent.length < this.#options.maxFailures) return 0;
    const oldest = recent[recent.length - this.#options.maxFailures] ?? this.clock.now();
    return Math.max(1, oldest + this.#options.windowMs - this.clock.now());
  }

  recordFailure(user: string): void {
    const recent = this.#recent(user);
    recent.push(this.clock.now());
    this.#failures.delete(user);
    this.#failures.set(user, recent);
    this.#evictOverflow();
  }

  recordSuccess(user: string): void {
    this.#failures.delete(user);
  }

  #recent(user: string): number[] {
    const cutoff = this.clock.now() - this.#options.windowMs;
    const recent = (this.#failures.get(user) ?? []).filter((t) => t > cutoff);
    if (recent.length === 0) this.#failures.delete(user);
    return recent;
  }

  #evictOverflow(): void {
    // Map keeps insertion order and recordFailure re-inserts, so the first key is the least recently failed.
    while (this.#failures.size > this.#options.maxTrackedUsers) {
      const first = this.#failures.keys().next();
      if (first.done) return;
      this.#failures.delete(first.value);
    }
  }
}
