import { CLAIM_KEY_PREFIX, ClaimKeyText, type ClaimKeyView } from '../../../../shared/api/device-claim';
import type { Clock } from '../../../../shared/server/runtime/clock';
import { generateSecret, hashSecret, verifySecret } from '../../../../shared/server/secret-hash';
import type { Database } from '../../../store/database';

/** Why a presented claim key is not good; each becomes a CONNACK and a counted refusal. */
export type ClaimKeyProblem =
  | 'claim_key_malformed'
  | 'claim_key_other_store'
  | 'claim_key_unknown'
  | 'claim_key_expired'
  | 'claim_key_revoked';

export class ClaimKeyError extends Error {
  readonly code = 'CLAIM_KEY_NOT_FOUND';
  constructor(id: number) {
    super(`no claim key ${id}`);
    this.name = 'ClaimKeyError';
  }
}

interface KeyRow {
  id: number;
  store_id: string;
  secret_hash: string;
  issued_at: number;
  expires_at: number;
  revoked_at: number | null;
}

/**
 * The store's claim keys, kept as salted hashes (machine-made, 192 random bits, so the
 * fast scheme: 20 devices claiming at once must not queue behind scrypt). A key names its
 * store, so a key of another store is told apart from a wrong one without a lookup.
 */
export class ClaimKeyStore {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #storeId: string;

  constructor(deps: { db: Database; clock: Clock; storeId: string }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#storeId = deps.storeId;
  }

  /** Issues a key valid for `hours`; the text is returned once and never kept. */
  issue(hours: number): { key: string; view: ClaimKeyView } {
    const secret = generateSecret();
    const issuedAt = this.#clock.now();
    const expiresAt = issuedAt + hours * 3_600_000;
    const info = this.#db
      .prepare(
        'INSERT INTO claim_keys (store_id, secret_hash, issued_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, NULL)',
      )
      .run(this.#storeId, hashSecret(secret, 'sha256'), issuedAt, expiresAt);
    const view = {
      id: Number(info.lastInsertRowid),
      storeId: this.#storeId,
      issuedAt,
      expiresAt,
      revokedAt: null,
    };
    return { key: `${CLAIM_KEY_PREFIX}${this.#storeId}.${secret}`, view };
  }

  revoke(id: number): ClaimKeyView {
    const row = this.#db.prepare('SELECT * FROM claim_keys WHERE id = ?').get(id) as KeyRow | undefined;
    if (!row) throw new ClaimKeyError(id);
    if (row.revoked_at === null) {
      this.#db.prepare('UPDATE claim_keys SET revoked_at = ? WHERE id = ?').run(this.#clock.now(), id);
    }
    return toView({ ...row, revoked_at: row.revoked_at ?? this.#clock.now() });
  }

  list(): ClaimKeyView[] {
    return (this.#db.prepare('SELECT * FROM claim_keys ORDER BY id').all() as KeyRow[]).map(toView);
  }

  /** The key's problem, or undefined when it is this store's, live and not revoked. */
  check(text: string): ClaimKeyProblem | undefined {
    const parsed = ClaimKeyText.safeParse(text);
    if (!parsed.success) return 'claim_key_malformed';
    if (parsed.data.storeId !== this.#storeId) return 'claim_key_other_store';
    const rows = this.#db
      .prepare('SELECT * FROM claim_keys WHERE store_id = ? ORDER BY id DESC')
      .all(this.#storeId) as KeyRow[];
    const row = rows.find((r) => verifySecret(parsed.data.secret, r.secret_hash));
    if (!row) return 'claim_key_unknown';
    if (row.revoked_at !== null) return 'claim_key_revoked';
    if (this.#clock.now() >= row.expires_at) return 'claim_key_expired';
    return undefined;
  }
}

function toView(row: KeyRow): ClaimKeyView {
  return {
    id: row.id,
    storeId: row.store_id,
    issuedAt: row.issued_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}
