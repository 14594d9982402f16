import {
  LoginThrottle,
  type LoginThrottleOptions,
  type ThrottleClock,
  throttleKey,
} from '../../../shared/server/http/login-throttle';

export type CentralThrottleOptions = Partial<LoginThrottleOptions>;

/**
 * Failed central logins per (user name, address), with the edge's back-off: five free,
 * then 1 s, 2 s … 5 min. Per pair, not per address, because a store's whole staff may
 * sit behind one NAT address and one guesser there must not lock them all out; nor per
 * user name alone, or anyone could lock the regional manager out from anywhere.
 */
export class CentralLoginThrottle {
  readonly #throttle: LoginThrottle;

  constructor(clock: ThrottleClock, options: CentralThrottleOptions = {}) {
    this.#throttle = new LoginThrottle(clock, options);
  }

  /** Milliseconds until this user name from this address may try again; 0 when it may now. */
  retryAfterMs(username: string, address: string): number {
    return this.#throttle.retryAfterMs(throttleKey(username, address));
  }

  /**
   * Counted before the password is checked (and cleared by `recordSuccess`), so
   * guesses sent in parallel cannot all pass the check before the first is counted.
   */
  recordAttempt(username: string, address: string): void {
    this.#throttle.recordFailure(throttleKey(username, address));
  }

  /** Clears this pair only: logging into one's own account elsewhere resets nothing else. */
  recordSuccess(username: string, address: string): void {
    this.#throttle.recordSuccess(throttleKey(username, address));
  }
}
