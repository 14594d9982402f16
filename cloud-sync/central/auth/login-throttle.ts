import { LoginThrottle, type LoginThrottleOptions } from '../../../edge/api/login-throttle';
import type { Clock } from '../../../edge/runtime/clock';

export interface CentralThrottleOptions {
  perUser: Partial<LoginThrottleOptions>;
  perAddress: Partial<LoginThrottleOptions>;
}

/**
 * A store's whole staff may sit behind one NAT address, so an address gets more tries
 * than a user name; guessing many names from one address still hits the address limit.
 */
export const DEFAULT_CENTRAL_THROTTLE: CentralThrottleOptions = {
  perUser: { maxFailures: 5, windowMs: 5 * 60_000 },
  perAddress: { maxFailures: 20, windowMs: 5 * 60_000 },
};

/** Failed central logins counted per user name and per client address (the edge's throttle, twice). */
export class CentralLoginThrottle {
  readonly #byUser: LoginThrottle;
  readonly #byAddress: LoginThrottle;

  constructor(clock: Clock, options: Partial<CentralThrottleOptions> = {}) {
    this.#byUser = new LoginThrottle(clock, { ...DEFAULT_CENTRAL_THROTTLE.perUser, ...options.perUser });
    this.#byAddress = new LoginThrottle(clock, {
      ...DEFAULT_CENTRAL_THROTTLE.perAddress,
      ...options.perAddress,
    });
  }

  /** Milliseconds until this user name from this address may try again; 0 when it may now. */
  retryAfterMs(username: string, address: string): number {
    return Math.max(this.#byUser.retryAfterMs(username), this.#byAddress.retryAfterMs(address));
  }

  recordFailure(username: string, address: string): void {
    this.#byUser.recordFailure(username);
    this.#byAddress.recordFailure(address);
  }

  /**
   * Clears the user name's failures only: a guesser who also owns an account must not
   * be able to reset the address count by logging into it.
   */
  recordSuccess(username: string): void {
    this.#byUser.recordSuccess(username);
  }
}
