import { sql } from 'kysely';
import type { CentralDb } from '../db/central-db';
import { CoalescingLoader } from '../db/coalescing-loader';

const SCOPE = 'store_tokens';

/**
 * The store-token revocation version, shared by every central process through the
 * database. A revocation bumps it in the same transaction as the token row, and every
 * verification reads it before trusting its in-memory cache, so a token revoked through
 * any process (or the CLI) is refused everywhere on the next request, not after a timer.
 *
 * The read is one primary-key row; reads asked for in the same turn of the event loop
 * share one query, and a request never joins a read that was sent before it arrived,
 * so it cannot see a version older than a revocation that finished before it.
 */
export class StoreTokenRevocations {
  readonly #loader = new CoalescingLoader<string, number>(async () => {
    const { rows } = await sql<{ version: number | string }>`
      select version from auth_revocations where scope = ${SCOPE}`.execute(this.db);
    return new Map([[SCOPE, Number(rows[0]?.version ?? 0)]]);
  });

  constructor(private readonly db: CentralDb) {}

  /** The version now in the database. */
  async current(): Promise<number> {
    return (await this.#loader.load(SCOPE)) ?? 0;
  }

  /** Bumps the version; call inside the transaction that revokes. */
  async bump(trx: CentralDb): Promise<void> {
    await sql`update auth_revocations set version = version + 1 where scope = ${SCOPE}`.execute(trx);
  }
}
