import type { Clock } from '../../../edge/runtime/clock';
import type { IssuedStoreToken, StoreTokenInfo } from '../../../shared/central/api';
import { generateSecret, hashSecret, verifySecret } from '../../../shared/secret-hash';
import { STORE_TOKEN_PREFIX } from '../../../shared/sync/sync-protocol';
import { CentralError } from '../central-error';
import type { CentralDb } from '../db/central-db';
import type { CentralTables } from '../db/schema';
import type { StoreCaller } from './caller';

const TOKEN = new RegExp(`^${STORE_TOKEN_PREFIX}([A-Za-z0-9_-]{1,64})\\.([A-Za-z0-9_-]{16,128})$`);

/** Per-store sync credentials `gst_<tokenId>.<secret>`: shown once, kept as a salted hash, revocable. */
export class StoreTokens {
  constructor(private readonly deps: { db: CentralDb; clock: Clock }) {}

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
    const now = this.deps.clock.now();
    await this.deps.db
      .updateTable('store_tokens')
      .set({ revoked_at: now })
      .where('token_id', '=', tokenId)
      .where('revoked_at', 'is', null)
      .execute();
    const row = await this.deps.db
      .selectFrom('store_tokens')
      .selectAll()
      .where('token_id', '=', tokenId)
      .executeTakeFirst();
    if (!row) throw new CentralError('NOT_FOUND', `no store token "${tokenId}"`);
    return infoOf(row);
  }

  async list(storeId: string): Promise<StoreTokenInfo[]> {
    const rows = await this.deps.db
      .selectFrom('store_tokens')
      .selectAll()
      .where('store_id', '=', storeId)
      .orderBy('created_at')
      .execute();
    return rows.map(infoOf);
  }

  /** The store a bearer token speaks for; undefined when malformed, unknown, revoked or wrong. */
  async verify(token: string): Promise<StoreCaller | { revoked: true } | undefined> {
    const match = TOKEN.exec(token);
    if (!match) return undefined;
    const [, tokenId, secret] = match as unknown as [string, string, string];
    const row = await this.deps.db
      .selectFrom('store_tokens')
      .selectAll()
      .where('token_id', '=', tokenId)
      .executeTakeFirst();
    if (!row || !verifySecret(secret, row.secret_hash)) return undefined;
    if (row.revoked_at !== null) return { revoked: true };
    await this.deps.db
      .updateTable('store_tokens')
      .set({ last_used_at: this.deps.clock.now() })
      .where('token_id', '=', tokenId)
      .execute();
    return { storeId: row.store_id, tokenId };
  }
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
