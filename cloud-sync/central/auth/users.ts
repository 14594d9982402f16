import { createHash, randomBytes } from 'node:crypto';
import {
  type CentralMe,
  CentralRole,
  type CentralSession,
  type CentralUser,
  CreateUserRequest,
} from '../../../shared/central/api';
import type { Clock } from '../../../shared/server/runtime/clock';
import { generateSecret, hashSecret, verifySecret } from '../../../shared/server/secret-hash';
import { CentralError } from '../central-error';
import type { CentralDb } from '../db/central-db';

/** Roles that belong to a region (finance may, or be head office's). */
const REGIONAL: readonly string[] = ['regional_manager', 'regional_purchaser', 'finance'];

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** People who use the regional view: accounts (scrypt-hashed passwords) and bearer sessions. */
export class CentralUsers {
  #decoyHash: string | undefined;

  constructor(private readonly deps: { db: CentralDb; clock: Clock }) {}

  async add(input: CreateUserRequest): Promise<CentralUser> {
    const user = CreateUserRequest.parse(input);
    const { db } = this.deps;
    const createdAt = this.deps.clock.now();
    await db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('users')
        .select('username')
        .where('username', '=', user.username)
        .executeTakeFirst();
      if (existing) throw new CentralError('CONFLICT', `user "${user.username}" already exists`);
      if (user.regionId) {
        const region = await trx
          .selectFrom('regions')
          .select('id')
          .where('id', '=', user.regionId)
          .executeTakeFirst();
        if (!region) throw new CentralError('NOT_FOUND', `no region "${user.regionId}"`);
      }
      await trx
        .insertInto('users')
        .values({
          username: user.username,
          password_hash: hashSecret(user.password, 'scrypt'),
          role: user.role,
          region_id: REGIONAL.includes(user.role) ? (user.regionId ?? null) : null,
          created_at: createdAt,
        })
        .execute();
      if (user.role === 'technician' && user.storeIds.length > 0) {
        const known = await trx.selectFrom('stores').select('id').where('id', 'in', user.storeIds).execute();
        const missing = user.storeIds.filter((id) => !known.some((s) => s.id === id));
        if (missing.length > 0) throw new CentralError('NOT_FOUND', `no store ${missing.join(', ')}`);
        await trx
          .insertInto('user_stores')
          .values(user.storeIds.map((storeId) => ({ username: user.username, store_id: storeId })))
          .execute();
      }
    });
    const me = await this.me(user.username);
    return { ...me!, createdAt };
  }

  async list(): Promise<CentralUser[]> {
    const rows = await this.deps.db.selectFrom('users').selectAll().orderBy('username').execute();
    const assignments = await this.deps.db.selectFrom('user_stores').selectAll().execute();
    return rows.map((row) => ({
      username: row.username,
      role: CentralRole.parse(row.role),
      regionId: row.region_id,
      storeIds: assignments.filter((a) => a.username === row.username).map((a) => a.store_id),
      createdAt: row.created_at,
    }));
  }

  async me(username: string): Promise<CentralMe | undefined> {
    const row = await this.deps.db
      .selectFrom('users')
      .select(['username', 'role', 'region_id'])
      .where('username', '=', username)
      .executeTakeFirst();
    if (!row) return undefined;
    const stores = await this.deps.db
      .selectFrom('user_stores')
      .select('store_id')
      .where('username', '=', username)
      .orderBy('store_id')
      .execute();
    return {
      username: row.username,
      role: CentralRole.parse(row.role),
      regionId: row.region_id,
      storeIds: stores.map((s) => s.store_id),
    };
  }

  /** Throws BAD_CREDENTIALS for an unknown user or a wrong password, without saying which. */
  async login(username: string, password: string): Promise<CentralSession> {
    const row = await this.deps.db
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', username)
      .executeTakeFirst();
    // An unknown user still costs one scrypt, so timing does not tell which names exist.
    this.#decoyHash ??= hashSecret(generateSecret(), 'scrypt');
    const ok = verifySecret(password, row?.password_hash ?? this.#decoyHash) && row !== undefined;
    if (!ok) throw new CentralError('BAD_CREDENTIALS', 'unknown user or wrong password');
    const me = await this.me(username);
    if (!me) throw new CentralError('BAD_CREDENTIALS', 'unknown user or wrong password');
    const token = randomBytes(32).toString('base64url');
    const now = this.deps.clock.now();
    const expiresAt = now + SESSION_TTL_MS;
    await this.deps.db
      .insertInto('sessions')
      .values({ token_hash: tokenHash(token), username, created_at: now, expires_at: expiresAt })
      .execute();
    return { ...me, token, expiresAt };
  }

  async verifySession(token: string): Promise<CentralMe | undefined> {
    const row = await this.deps.db
      .selectFrom('sessions')
      .select(['username', 'expires_at'])
      .where('token_hash', '=', tokenHash(token))
      .executeTakeFirst();
    if (!row || row.expires_at <= this.deps.clock.now()) return undefined;
    return this.me(row.username);
  }

  async logout(token: string): Promise<void> {
    await this.deps.db.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
  }

  /**
   * First start: creates `admin` with the given password, or a generated one that the
   * caller prints once. Does nothing (returns undefined) when an admin exists.
   */
  async ensureAdmin(
    password: string | undefined,
  ): Promise<{ username: string; password: string } | undefined> {
    const existing = await this.deps.db
      .selectFrom('users')
      .select('username')
      .where('role', '=', 'admin')
      .executeTakeFirst();
    if (existing) return undefined;
    const chosen = password && password.length > 0 ? password : generateSecret(12);
    await this.add({ username: 'admin', password: chosen, role: 'admin' });
    return { username: 'admin', password: chosen };
  }
}
