import { createHmac, randomBytes } from 'node:crypto';
import type { Clock } from '../../shared/server/runtime/clock';
import { verifySecretAsync } from '../../shared/server/secret-hash';

export type IntegrationLoginResult = 'ok' | 'bad_secret' | 'throttled' | 'busy';

export interface IntegrationLoginOptions {
  /** failures per (username, address) before further attempts wait */
  maxFailures: number;
  windowMs: number;
  /** first wait after maxFailures; doubles with each further failure */
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** scrypt verifications running at once; more are refused as busy (they share libuv's pool with file I/O) */
  maxInFlight: number;
  /** bounds memory when someone cycles through addresses or names */
  maxTracked: number;
}

export const DEFAULT_INTEGRATION_LOGIN: IntegrationLoginOptions = {
  maxFailures: 5,
  windowMs: 60_000,
  initialBackoffMs: 1_000,
  maxBackoffMs: 5 * 60_000,
  maxInFlight: 2,
  maxTracked: 10_000,
};

interface FailureRecord {
  failures: number[];
  blockedUntil: number;
  backoffMs: number;
}

/**
 * Integration secrets are scrypt hashes (people may choose them), so checking one
 * costs ~50 ms of CPU. Wrong guesses must not be able to stall the event loop that
 * acknowledges every device's telemetry: the hash runs off the main thread, a
 * secret once verified is remembered (keyed by the stored hash, so a config change
 * forgets it), and failures per (username, address) back off exponentially before
 * any more hashing is spent on them. Throttling is per address, so a guesser cannot
 * lock the real integration out from its own address.
 */
export class IntegrationLogins {
  readonly #options: IntegrationLoginOptions;
  /** username → digest of the last secret verified against `secretHash` */
  readonly #verified = new Map<string, { secretHash: string; digest: string }>();
  readonly #failures = new Map<string, FailureRecord>();
  readonly #cacheKey = randomBytes(32);
  #inFlight = 0;

  constructor(
    private readonly clock: Clock,
    options: Partial<IntegrationLoginOptions> = {},
  ) {
    this.#options = { ...DEFAULT_INTEGRATION_LOGIN, ...options };
  }

  async verify(
    username: string,
    secret: string,
    secretHash: string,
    address: string,
  ): Promise<IntegrationLoginResult> {
    const digest = createHmac('sha256', this.#cacheKey).update(secret).digest('base64');
    const known = this.#verified.get(username);
    if (known && known.secretHash === secretHash && known.digest === digest) return 'ok';

    const key = `${username}\u0000${address}`;
    const now = this.clock.now();
    const record = this.#failures.get(key);
    if (record && record.blockedUntil > now) return 'throttled';
    if (this.#inFlight >= this.#options.maxInFlight) return 'busy';

    this.#inFlight += 1;
    let ok: boolean;
    try {
      ok = await verifySecretAsync(secret, secretHash);
    } finally {
      this.#inFlight -= 1;
    }
    if (ok) {
      this.#failures.delete(key);
      this.#verified.delete(username);
      this.#verified.set(username, { secretHash, digest });
      this.#bound(this.#verified);
      return 'ok';
    }
    this.#recordFailure(key, this.clock.now());
    return 'bad_secret';
  }

  /** Milliseconds until (username, address) may try again; 0 when it may now. */
  retryAfterMs(username: string, address: string): number {
    const record = this.#failures.get(`${username}\u0000${address}`);
    return record ? Math.max(0, record.blockedUntil - this.clock.now()) : 0;
  }

  #recordFailure(key: string, now: number): void {
    const o = this.#options;
    const record = this.#failures.get(key) ?? { failures: [], blockedUntil: 0, backoffMs: 0 };
    record.failures = record.failures.filter((t) => t > now - o.windowMs);
    record.failures.push(now);
    if (record.failures.length >= o.maxFailures) {
      record.backoffMs =
        record.backoffMs === 0 ? o.initialBackoffMs : Math.min(record.backoffMs * 2, o.maxBackoffMs);
      record.blockedUntil = now + record.backoffMs;
    }
    this.#failures.delete(key);
    this.#failures.set(key, record);
    this.#bound(this.#failures);
  }

  /** Maps keep insertion order and entries are re-inserted on use: the first is the stalest. */
  #bound(map: Map<string, unknown>): void {
    while (map.size > this.#options.maxTracked) {
      const first = map.keys().next();
      if (first.done) return;
      map.delete(first.value);
    }
  }
}
