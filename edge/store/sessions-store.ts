import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { SessionRole } from '../../shared/roles';
import type { Clock } from '../../shared/server/runtime/clock';
import type { Database } from './database';

const HOUR_MS = 3_600_000;

/**
 * People's sessions last a shift; the kitchen display's lasts a month because it
 * runs unattended and nobody is there to log it back in.
 */
export const SESSION_TTL_MS: Record<SessionRole, number> = {
  receiver: 12 * HOUR_MS,
  purchaser: 12 * HOUR_MS,
  finance: 12 * HOUR_MS,
  staff: 12 * HOUR_MS,
  technician: 12 * HOUR_MS,
  manager: 12 * HOUR_MS,
  admin: 12 * HOUR_MS,
  display: 30 * 24 * HOUR_MS,
  // An integration authenticates each request with its secret and never holds a session.
  pos: 0,
};

export interface Session {
  userId: string;
  /** the role the session acts as: the strongest it holds (shared/roles.ts `actingRole`) */
  role: SessionRole;
  /** every role it holds, `role` among them; an access rule is met by any of them */
  roles: readonly SessionRole[];
  createdAt: number;
  expiresAt: number;
}

export interface IssuedSession extends Session {
  /** The bearer token; returned once, stored only as its hash. */
  token: string;
}

interface SessionRow {
  user_id: string;
  role: SessionRole;
  /** JSON array; null for sessions opened before a user could hold several roles */
  roles: string | null;
  created_at: number;
  expires_at: number;
}

/**
 * Bearer sessions in the `sessions` table. Tokens are 32 random bytes, so an
 * unsalted sha256 suffices: a stolen database yields nothing to replay, and
 * lookup by hash stays a primary-key hit.
 */
export class SessionsStore {
  readonly #insert;
  readonly #select;
  readonly #delete;
  readonly #purge;
  readonly #trim;

  constructor(
    db: Database,
    private readonly clock: Clock,
  ) {
    this.#insert = db.prepare<[string, string, string, string, number, number]>(
      'INSERT INTO sessions (token_hash, user_id, role, roles, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.#select = db.prepare<[string], SessionRow>(
      'SELECT user_id, role, roles, created_at, expires_at FROM sessions WHERE token_hash = ?',
    );
    this.#delete = db.prepare<[string]>('DELETE FROM sessions WHERE token_hash = ?');
    this.#purge = db.prepare<[number]>('DELETE FROM sessions WHERE expires_at <= ?');
    this.#trim = db.prepare<[string, string, number]>(
      `DELETE FROM sessions WHERE user_id = ? AND token_hash NOT IN
         (SELECT token_hash FROM sessions WHERE user_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?)`,
    );
  }

  /**
   * `role` is the role the session acts as and `roles` every role it holds (`role`
   * when absent). `keepNewest` bounds how many live sessions `userId` may hold; older
   * ones are ended. Used for sessions anyone may open (the display's), so nobody can
   * fill the table by asking over and over.
   */
  create(
    userId: string,
    role: SessionRole,
    options: { keepNewest?: number; roles?: readonly SessionRole[] } = {},
  ): IssuedSession {
    const now = this.clock.now();
    this.purgeExpired();
    const token = randomBytes(32).toString('base64url');
    const roles = options.roles?.includes(role) ? options.roles : [role, ...(options.roles ?? [])];
    const session: Session = { userId, role, roles, createdAt: now, expiresAt: now + SESSION_TTL_MS[role] };
    this.#insert.run(
      hashToken(token),
      userId,
      role,
      JSON.stringify(roles),
      session.createdAt,
      session.expiresAt,
    );
    if (options.keepNewest !== undefined) this.#trim.run(userId, userId, options.keepNewest);
    return { ...session, token };
  }

  /** The live session for `token`, or undefined; an expired one is deleted on sight. */
  verify(token: string): Session | undefined {
    const hash = hashToken(token);
    const row = this.#select.get(hash);
    if (!row) return undefined;
    if (row.expires_at <= this.clock.now()) {
      this.#delete.run(hash);
      return undefined;
    }
    return {
      userId: row.user_id,
      role: row.role,
      roles: rolesOf(row),
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    };
  }

  /** Returns whether a session was ended. */
  revoke(token: string): boolean {
    return this.#delete.run(hashToken(token)).changes > 0;
  }

  /** Returns how many expired sessions were deleted. */
  purgeExpired(): number {
    return this.#purge.run(this.clock.now()).changes;
  }
}

/** The roles column as written by `create`; anything else falls back to the one role. */
function rolesOf(row: SessionRow): readonly SessionRole[] {
  if (row.roles === null) return [row.role];
  const parsed = z.array(SessionRole).safeParse(JSON.parse(row.roles));
  return parsed.success && parsed.data.includes(row.role) ? parsed.data : [row.role];
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
