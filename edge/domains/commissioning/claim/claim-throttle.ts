import type { Clock } from '../../../../shared/server/runtime/clock';
import { TokenBucket } from '../../../broker/token-bucket';

/** Wrong claim keys from one address before it must wait. */
export const CLAIM_FAILURES_ALLOWED = 5;
export const CLAIM_LOCKOUT_MS = 60_000;
/** Claim CONNECTs the whole store takes at once, and per second after: a store opens 20–60 units. */
export const CLAIM_BURST = 60;
export const CLAIMS_PER_SECOND = 10;
/** Addresses remembered; a flood of spoofed sources cannot grow the map past this. */
const ADDRESSES_MAX = 4096;

/**
 * Keeps a claim key from being guessed and the claim path from being a CPU sink: every
 * claim takes a token from a store-wide bucket, and an address that presented
 * CLAIM_FAILURES_ALLOWED wrong keys waits CLAIM_LOCKOUT_MS from its last one.
 */
export class ClaimThrottle {
  readonly #clock: Clock;
  readonly #bucket: TokenBucket;
  readonly #failures = new Map<string, { count: number; lastAt: number }>();

  constructor(clock: Clock) {
    this.#clock = clock;
    this.#bucket = new TokenBucket(clock, CLAIMS_PER_SECOND, CLAIM_BURST);
  }

  /** Milliseconds the address must still wait, or 0 when it may claim now (a token is taken). */
  waitMs(address: string): number {
    const failed = this.#failures.get(address);
    if (failed && failed.count >= CLAIM_FAILURES_ALLOWED) {
      const left = failed.lastAt + CLAIM_LOCKOUT_MS - this.#clock.now();
      if (left > 0) return left;
      this.#failures.delete(address);
    }
    return this.#bucket.tryTake() ? 0 : Math.ceil(1000 / CLAIMS_PER_SECOND);
  }

  failed(address: string): void {
    if (!this.#failures.has(address) && this.#failures.size >= ADDRESSES_MAX) this.#failures.clear();
    const now = this.#clock.now();
    const previous = this.#failures.get(address);
    // Failures a lockout period apart are forgiven: a fumbled key now and then never locks out.
    const count = previous && now - previous.lastAt < CLAIM_LOCKOUT_MS ? previous.count + 1 : 1;
    this.#failures.set(address, { count, lastAt: now });
  }
}
