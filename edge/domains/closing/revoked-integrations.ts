import type { Database } from '../../store/database';

/**
 * Integration clients (a POS) the box refuses though the store config lists them: at
 * closing every one is revoked here, where neither a config edit nor central's push-down
 * brings it back. The broker and the HTTP API ask on every login.
 */
export class RevokedIntegrations {
  readonly #has;
  readonly #put;

  constructor(db: Database) {
    this.#has = db.prepare<[string], { n: number }>(
      'SELECT 1 AS n FROM revoked_integrations WHERE username = ?',
    );
    this.#put = db.prepare<[string, number, string]>(
      'INSERT OR IGNORE INTO revoked_integrations (username, revoked_at, reason) VALUES (?, ?, ?)',
    );
  }

  has(username: string): boolean {
    return this.#has.get(username) !== undefined;
  }

  /** Returns whether it was not revoked before. */
  revoke(username: string, at: number, reason: string): boolean {
    return this.#put.run(username, at, reason).changes > 0;
  }
}
