import type { FastifyRequest } from 'fastify';
import type { StoreUser } from '../../shared/config/users';
import { ApiHttpError } from '../../shared/server/http/errors';
import {
  LoginThrottle,
  type LoginThrottleOptions,
  type ThrottleClock,
  throttleKey,
} from '../../shared/server/http/login-throttle';
import type { Logger } from '../../shared/server/runtime/logger';
import type { Counter, MetricsRegistry } from '../../shared/server/runtime/metrics';
import { hashSecret, verifySecretAsync } from '../../shared/server/secret-hash';
import { displayOf } from './display-identity';

/**
 * Where a PIN was typed. A paired kitchen display is its own place whatever its
 * address, so guesses from elsewhere on the LAN never hold back the right PIN there.
 */
export interface PinOrigin {
  address: string;
  displayId?: string | undefined;
}

export interface PinClaim {
  user: string;
  pin: string;
}

/** What the PIN is for: only the status of a wrong PIN differs (login 401, signing 403). */
export type PinPurpose = 'login' | 'sign_off';

export interface PinGateDeps {
  /** Looked up at each check, so a config reload applies to the next PIN typed. */
  findUser(id: string): StoreUser | undefined;
  clock: ThrottleClock;
  metrics: MetricsRegistry;
  logger: Logger;
  /** A throttle to share, or options for the gate's own one. */
  throttle?: LoginThrottle | Partial<LoginThrottleOptions>;
}

export const WRONG_PIN_MESSAGE = 'unknown user or wrong PIN';

/** Where a request's PIN was typed: its paired display when it carries one's credential, else its address. */
export function pinOriginOf(request: FastifyRequest): PinOrigin {
  const display = displayOf(request);
  return display ? { address: request.ip, displayId: display.id } : { address: request.ip };
}

/**
 * The one place the edge checks a person's PIN (login, task and step sign-off).
 * The PIN is checked before anything about the target, and every failure, whatever
 * the route, counts against the same (user, place), so a staff token cannot use a
 * sign-off route as an unthrottled oracle. The answers do not depend on whether the
 * user exists nor on what the request was about.
 */
export class PinGate {
  readonly #deps: PinGateDeps;
  readonly #throttle: LoginThrottle;
  readonly #failures: Counter;
  readonly #throttled: Counter;
  readonly #log: Logger;
  #decoyHash: string | undefined;

  constructor(deps: PinGateDeps) {
    this.#deps = deps;
    this.#throttle =
      deps.throttle instanceof LoginThrottle ? deps.throttle : new LoginThrottle(deps.clock, deps.throttle);
    // The same series the login route has always counted into; sign-off failures are failed PINs too.
    this.#failures = deps.metrics.counter(
      'galley_api_login_failures_total',
      'Failed PIN checks (logins and sign-offs)',
    );
    this.#throttled = deps.metrics.counter(
      'galley_api_pin_throttled_total',
      'PIN attempts refused unchecked (429) because that user failed too often from that place',
      ['purpose'],
    );
    this.#log = deps.logger.child({ ns: 'api.pin' });
  }

  /** The user whose PIN this is; otherwise throws the refusal to answer with (401/403, or 429). */
  async check(claim: PinClaim, origin: PinOrigin, purpose: PinPurpose): Promise<StoreUser> {
    const place =
      origin.displayId !== undefined ? `display:${origin.displayId}` : `address:${origin.address}`;
    const key = throttleKey(claim.user, place);
    const waitMs = this.#throttle.retryAfterMs(key);
    if (waitMs > 0) {
      this.#throttled.inc({ purpose });
      this.#log.warn({ user: claim.user, place, purpose, waitMs }, 'PIN attempt throttled');
      throw tooManyAttempts(waitMs);
    }
    // Charged before the slow check and refunded on success, so guesses sent in
    // parallel queue behind the count instead of all slipping past it.
    this.#throttle.recordFailure(key);
    const user = this.#deps.findUser(claim.user);
    // An unknown user still costs one scrypt, so timing does not tell which users exist.
    this.#decoyHash ??= hashSecret('0000', 'scrypt');
    const ok = (await verifySecretAsync(claim.pin, user?.pinHash ?? this.#decoyHash)) && user !== undefined;
    if (ok) {
      this.#throttle.recordSuccess(key);
      return user;
    }
    this.#failures.inc();
    this.#log.warn({ user: claim.user, place, purpose }, 'wrong PIN');
    throw wrongPin(purpose);
  }
}

function wrongPin(purpose: PinPurpose): ApiHttpError {
  return purpose === 'login'
    ? new ApiHttpError(401, 'unauthorized', WRONG_PIN_MESSAGE)
    : new ApiHttpError(403, 'forbidden', WRONG_PIN_MESSAGE);
}

function tooManyAttempts(waitMs: number): ApiHttpError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new ApiHttpError(
    429,
    'too_many_requests',
    `too many wrong PINs for this user from here; try again in ${seconds} s`,
    undefined,
    { 'retry-after': String(seconds) },
  );
}
