import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { IssuedStoreToken, StoreTokenInfo } from '../../../shared/central/api';
import { STATE_ALLOWS, StoreLifecycleState } from '../../../shared/central/store-lifecycle';
import type { Clock } from '../../../shared/server/runtime/clock';
import { generateSecret, hashSecret, verifySecret } from '../../../shared/server/secret-hash';
import { STORE_TOKEN_PREFIX } from '../../../shared/sync/sync-protocol';
import { CentralError } from '../central-error';
import type { CentralDb } from '../db/central-db';
import { CoalescingLoader } from '../db/coalescing-loader';
import type { CentralTables } from '../db/schema';
import type { StoreCaller } from './caller';
import { StoreTokenRevocations } from './store-token-revocations';

const TOKEN = new RegExp(`^${STORE_TOKEN_PREFIX}([A-Za-z0-9_-]{1,64})\\.([A-Za-z0-9_-]{16,128})$`);

/**
 * How long a successful verification is trusted without checking the secret again, as long as
 * no token was revoked meanwhile (the revocation version is read on every request).
 */
export const STORE_TOKEN_CACHE_MS = 60_000;
const CACHE_MAX_ENTRIES = 20_000;
/** `lastUsedAt` of tokens verified within this long is written in one statement. */
const LAST_USED_FLUSH_MS = 1_000;
const FLUSH_CHUNK = 500;

type TokenRow = Pick<
  CentralTables['store_tokens'],
  'token_id' | 'store_id' | 'secret_hash' | 'revoked_at'
> & {
  /** the store's lifecycle state (migration 015): a closed store's tokens are refused */
  state: string;
  state_since: number;
};

/** A valid token of a store that has closed: refused, saying since when. */
export interface ClosedStoreToken {
  closed: true;
  closedAt: number;
}

interface CachedVerification {
  caller: StoreCaller;
  until: number;
  /** the revocation version read before the row was: any revocation since makes it stale */
  revocationVersion: number;
}

/**
 * Per-store sync credentials `gst_<tokenId>.<secret>`: shown once, kept as a salted hash, revocable.
 *
 * Every edge posts every few seconds; a database read, a hash check and a write per request
 * was most of central's time under 1 000 stores. So a successful verification is kept in
 * memory for STORE_TOKEN_CACHE_MS, keyed by a digest of the whole token (a wrong secret
 * with a known token id never hits it), and `lastUsedAt` is noted once per refill (at most
 * once a minute per token) and written for all tokens noted within LAST_USED_FLUSH_MS in one
 * statement, before `list()` reads it. A crash loses at most that second of `lastUsedAt`.
 *
 * Several central processes share one database: every revocation bumps a version row in
 * its transaction, and a cached verification counts only while that version is unchanged
 * (one shared primary-key read per event-loop turn, `StoreTokenRevocations`). So a token
 * revoked through any process or the CLI is refused by every process on its next request.
 */
export class StoreTokens {
  readonly #verified = new Map<string, CachedVerification>();
  readonly #revocations: StoreTokenRevocations;
  /** token id → when it was last used, not yet written */
  #lastUsed = new Map<string, number>();
  #lastFlushAt = Number.NEGATIVE_INFINITY;

  /** A stampede of stores reconnecting at once is looked up in a few queries, not one each. */
  readonly #rows = new CoalescingLoader<string, TokenRow>(async (tokenIds) => {
    // The `sql` template skips the builder's per-query cost (see storeBatches).
    const { rows } = await sql<TokenRow>`
      select token_id, store_id, secret_hash, revoked_at, stores.state, stores.state_since
      from store_tokens join stores on stores.id = store_tokens.store_id
      where token_id in (${sql.join(tokenIds)})`.execute(this.deps.db);
    return new Map(rows.map((row) => [row.token_id, row]));
  });

  constructor(private readonly deps: { db: CentralDb; clock: Clock }) {
    this.#revocations = new StoreTokenRevocations(deps.db);
  }

  async issue(storeId: string): Promise<IssuedStoreToken> {
    const store = await this.deps.db
      .selectFrom('stores')
      .select('id')
      .where('id', '=', storeId)
      .executeTakeFirst();
    if (!store) throw new CentralError('NOT_FOUND', `no store "${storeId}"`);
    const tokenId = generateSecret(9);
    const secret = generateSecret(24);
    const createdAt = this.deps.clock.now();
    await this.deps.db
      .insertInto('store_tokens')
      .values({
        token_id: tokenId,
        store_id: storeId,
        secret_hash: hashSecret(secret, 'sha256'),
        created_at: createdAt,
      })
      .execute();
    return {
      tokenId,
      storeId,
      createdAt,
      revokedAt: null,
      lastUsedAt: null,
      token: `${STORE_TOKEN_PREFIX}${tokenId}.${secret}`,
    };
  }

  async revoke(tokenId: string): Promise<StoreTokenInfo> {
    this.#forget(tokenId);
    const now = this.deps.clock.now();
    await this.deps.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('store_tokens')
        .set({ revoked_at: now })
        .where('token_id', '=', tokenId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) > 0) await this.#revocations.bump(trx);
    });
    const row = await this.deps.db
      .selectFrom('store_tokens')
      .selectAll()
      .where('token_id', '=', tokenId)
      .executeTakeFirst();
    if (!row) throw new CentralError('NOT_FOUND', `no store token "${tokenId}"`);
    return infoOf(row);
  }

  async list(storeId: string): Promise<StoreTokenInfo[]> {
    await this.flushLastUsed();
    const rows = await this.deps.db
      .selectFrom('store_tokens')
      .selectAll()
      .where('store_id', '=', storeId)
      .orderBy('created_at')
      .execute();
    return rows.map(infoOf);
  }

  /** The store a bearer token speaks for; undefined when malformed, unknown, revoked or wrong. */
  async verify(token: string): Promise<StoreCaller | { revoked: true } | ClosedStoreToken | undefined> {
    const match = TOKEN.exec(token);
    if (!match) return undefined;
    const key = digest(token);
    // Read before the token row: a revocation committed after this read bumps the version
    // past it, so whatever this request caches is stale for the next one.
    const revocationVersion = await this.#revocations.current();
    const now = this.deps.clock.now();
    const cached = this.#verified.get(key);
    if (cached && cached.until > now && cached.revocationVersion === revocationVersion)
      return { ...cached.caller };
    if (cached) this.#verified.delete(key);
    const [, tokenId, secret] = match as unknown as [string, string, string];
    const row = await this.#rows.load(tokenId);
    if (!row || !verifySecret(secret, row.secret_hash)) return undefined;
    if (row.revoked_at !== null) return { revoked: true };
    // Closing a store bumps the revocation version too, so no cached verification outlives it.
    if (!STATE_ALLOWS[StoreLifecycleState.parse(row.state)].tokenAccepted)
      return { closed: true, closedAt: Number(row.state_since) };
    this.#lastUsed.set(tokenId, now);
    if (now - this.#lastFlushAt >= LAST_USED_FLUSH_MS) await this.flushLastUsed();
    const caller: StoreCaller = { storeId: row.store_id, tokenId };
    this.#remember(key, { caller, until: now + STORE_TOKEN_CACHE_MS, revocationVersion });
    return caller;
  }

  /** Writes the noted `lastUsedAt` times, one statement per FLUSH_CHUNK tokens. */
  async flushLastUsed(): Promise<void> {
    this.#lastFlushAt = this.deps.clock.now();
    if (this.#lastUsed.size === 0) return;
    const pending = this.#lastUsed;
    this.#lastUsed = new Map();
    const entries = [...pending];
    try {
      for (let i = 0; i < entries.length; i += FLUSH_CHUNK) {
        const chunk = entries.slice(i, i + FLUSH_CHUNK);
        const cases = sql.join(
          chunk.map(([id, at]) => sql`WHEN ${id} THEN CAST(${at} AS bigint)`),
          sql` `,
        );
        await this.deps.db
          .updateTable('store_tokens')
          .set({ last_used_at: sql<number>`CASE token_id ${cases} END` })
          .where(
            'token_id',
            'in',
            chunk.map(([id]) => id),
          )
          .execute();
      }
    } catch (err) {
      // Keep what was not written (unless noted again since) for the next flush.
      for (const [id, at] of pending) if (!this.#lastUsed.has(id)) this.#lastUsed.set(id, at);
      throw err;
    }
  }

  #remember(key: string, entry: CachedVerification): void {
    if (this.#verified.size >= CACHE_MAX_ENTRIES) {
      // Maps iterate in insertion order: drop the oldest entry.
      const oldest = this.#verified.keys().next().value;
      if (oldest !== undefined) this.#verified.delete(oldest);
    }
    this.#verified.set(key, entry);
  }

  /** Frees this process's entries of a token at once (the version makes every process drop them). */
  #forget(tokenId: string): void {
    for (const [key, entry] of this.#verified) {
      if (entry.caller.tokenId === tokenId) this.#verified.delete(key);
    }
  }
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

function infoOf(row: CentralTables['store_tokens']): StoreTokenInfo {
  return {
    tokenId: row.token_id,
    storeId: row.store_id,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}
