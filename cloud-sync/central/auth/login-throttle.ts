import { sql } from 'kysely';
import {
  DEFAULT_LOGIN_THROTTLE,
  type LoginThrottleOptions,
  type ThrottleClock,
  throttleKey,
} from '../../../shared/server/http/login-throttle';
import type { CentralDb, CentralDialect } from '../db/central-db';

export type CentralThrottleOptions = Omit<LoginThrottleOptions, 'maxTracked'>;

/** Expired rows are swept after this many recorded attempts (the table stays small under a spray). */
const SWEEP_EVERY_ATTEMPTS = 200;

/**
 * Failed central logins per (user name, address), with the edge's back-off: five free,
 * then 1 s, 2 s … 5 min. Per pair, not per address, because a store's whole staff may
 * sit behind one NAT address and one guesser there must not lock them all out; nor per
 * user name alone, or anyone could lock the regional manager out from anywhere.
 *
 * Counted in the database (`login_failures`), not in memory: behind a load balancer the
 * guesses of one attacker land on every central process, and five processes each with
 * their own count would give five times the guesses.
 */
export class CentralLoginThrottle {
  readonly #options: CentralThrottleOptions;
  #attemptsSinceSweep = 0;

  constructor(
    private readonly db: CentralDb,
    private readonly dialect: CentralDialect,
    private readonly clock: ThrottleClock,
    options: Partial<CentralThrottleOptions> = {},
  ) {
    const { maxTracked: _unused, ...defaults } = DEFAULT_LOGIN_THROTTLE;
    this.#options = { ...defaults, ...options };
  }

  /**
   * Takes one attempt for this user name from this address: answers 0 and counts it when
   * the pair may try now (the caller then checks the password), else the milliseconds to
   * wait, counting nothing. Checked and counted under the row's lock in one transaction,
   * so guesses sent in parallel, to one process or to several, cannot all pass the check
   * before the first is counted.
   */
  async tryAttempt(username: string, address: string): Promise<number> {
    const key = throttleKey(username, address);
    return this.db
      .transaction()
      .execute(async (trx) => {
        // The row must exist to be locked; a fresh one counts nothing (last_at 0 is long forgotten).
        await sql`
        insert into login_failures (throttle_key, failures, last_at) values (${key}, 0, 0)
        on conflict (throttle_key) do nothing`.execute(trx);
        // SQLite has one writer at a time, so its transaction alone serializes this.
        const lock = this.dialect === 'postgres' ? sql` for update` : sql``;
        const { rows } = await sql<{ failures: number | string; last_at: number | string }>`
        select failures, last_at from login_failures where throttle_key = ${key}${lock}`.execute(trx);
        const now = this.clock.now();
        const forgotten = now - Number(rows[0]?.last_at ?? 0) >= this.#options.forgetAfterMs;
        const failures = forgotten ? 0 : Number(rows[0]?.failures ?? 0);
        const waitMs = this.#waitMs(failures, Number(rows[0]?.last_at ?? 0), now);
        if (waitMs > 0) return waitMs;
        await sql`
        update login_failures set failures = ${failures + 1}, last_at = ${now}
        where throttle_key = ${key}`.execute(trx);
        return 0;
      })
      .finally(() => this.#sweepNow());
  }

  #waitMs(failures: number, lastAt: number, now: number): number {
    if (failures < this.#options.freeFailures) return 0;
    const doublings = failures - this.#options.freeFailures;
    // 2 ** 30 already passes any sane cap; the bound keeps the arithmetic finite.
    const delay = Math.min(
      this.#options.baseDelayMs * 2 ** Math.min(doublings, 30),
      this.#options.maxDelayMs,
    );
    return Math.max(0, lastAt + delay - now);
  }

  /** Forgotten rows are deleted now and then, so a spray of made-up names does not grow the table for ever. */
  async #sweepNow(): Promise<void> {
    if (++this.#attemptsSinceSweep < SWEEP_EVERY_ATTEMPTS) return;
    this.#attemptsSinceSweep = 0;
    const forgetBefore = this.clock.now() - this.#options.forgetAfterMs;
    await sql`delete from login_failures where last_at <= ${forgetBefore}`.execute(this.db);
  }

  /** Clears this pair only: logging into one's own account elsewhere resets nothing else. */
  async recordSuccess(username: string, address: string): Promise<void> {
    await sql`delete from login_failures where throttle_key = ${throttleKey(username, address)}`.execute(
      this.db,
    );
  }

  /** Keys with a failure not yet forgotten (for tests and metrics). */
  async tracked(): Promise<number> {
    const forgetBefore = this.clock.now() - this.#options.forgetAfterMs;
    const { rows } = await sql<{ n: number | string }>`
      select count(*) as n from login_failures where last_at > ${forgetBefore}`.execute(this.db);
    return Number(rows[0]?.n ?? 0);
  }
}
