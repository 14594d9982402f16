import type { Clock } from '../../shared/server/runtime/clock';
import { generateSecret, hashSecret, verifySecret } from '../../shared/server/secret-hash';
import type { Database } from './database';

export type CredentialErrorCode = 'CREDENTIAL_EXISTS' | 'CREDENTIAL_NOT_FOUND';

export class CredentialError extends Error {
  constructor(
    readonly code: CredentialErrorCode,
    readonly equipmentId: string,
    message: string,
  ) {
    super(message);
    this.name = 'CredentialError';
  }
}

/** What a connecting device's secret amounts to; the broker turns this into a CONNACK code and a log line. */
export type CredentialCheck = 'ok' | 'not_provisioned' | 'revoked' | 'bad_secret';

export interface DeviceCredentialInfo {
  equipmentId: string;
  state: 'active' | 'revoked';
  createdAt: number;
  rotatedAt: number | null;
  revokedAt: number | null;
}

interface CredentialRow {
  equipment_id: string;
  secret_hash: string;
  created_at: number;
  rotated_at: number | null;
  revoked_at: number | null;
}

/**
 * Device secrets, stored only as salted hashes. Secrets are machine-generated with
 * 192 random bits, so the fast salted sha256 scheme is enough and keeps a reconnect
 * storm of a whole store cheap.
 */
export class DeviceCredentials {
  readonly #db: Database;
  readonly #clock: Clock;

  constructor(deps: { db: Database; clock: Clock }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
  }

  /** Provisions a device and returns its secret; the secret is not kept and cannot be shown again. */
  add(equipmentId: string): string {
    const row = this.#row(equipmentId);
    if (row && row.revoked_at === null) {
      throw new CredentialError(
        'CREDENTIAL_EXISTS',
        equipmentId,
        `${equipmentId} already has an active secret; use rotate to replace it`,
      );
    }
    const secret = generateSecret();
    this.#db
      .prepare(
        `INSERT INTO device_credentials (equipment_id, secret_hash, created_at, rotated_at, revoked_at)
         VALUES (?, ?, ?, NULL, NULL)
         ON CONFLICT (equipment_id) DO UPDATE SET secret_hash = excluded.secret_hash,
           created_at = excluded.created_at, rotated_at = NULL, revoked_at = NULL`,
      )
      .run(equipmentId, hashSecret(secret, 'sha256'), this.#clock.now());
    return secret;
  }

  /** Replaces the secret; the old one stops working at once (also for a revoked device, which it re-enables). */
  rotate(equipmentId: string): string {
    if (!this.#row(equipmentId)) {
      throw new CredentialError(
        'CREDENTIAL_NOT_FOUND',
        equipmentId,
        `${equipmentId} has no credentials; use add`,
      );
    }
    const secret = generateSecret();
    this.#db
      .prepare(
        'UPDATE device_credentials SET secret_hash = ?, rotated_at = ?, revoked_at = NULL WHERE equipment_id = ?',
      )
      .run(hashSecret(secret, 'sha256'), this.#clock.now(), equipmentId);
    return secret;
  }

  revoke(equipmentId: string): void {
    const row = this.#row(equipmentId);
    if (!row) {
      throw new CredentialError('CREDENTIAL_NOT_FOUND', equipmentId, `${equipmentId} has no credentials`);
    }
    if (row.revoked_at !== null) return;
    this.#db
      .prepare('UPDATE device_credentials SET revoked_at = ? WHERE equipment_id = ?')
      .run(this.#clock.now(), equipmentId);
  }

  list(): DeviceCredentialInfo[] {
    const rows = this.#db
      .prepare('SELECT * FROM device_credentials ORDER BY equipment_id')
      .all() as CredentialRow[];
    return rows.map((row) => ({
      equipmentId: row.equipment_id,
      state: row.revoked_at === null ? 'active' : 'revoked',
      createdAt: row.created_at,
      rotatedAt: row.rotated_at,
      revokedAt: row.revoked_at,
    }));
  }

  check(equipmentId: string, secret: string): CredentialCheck {
    const row = this.#row(equipmentId);
    if (!row) return 'not_provisioned';
    if (row.revoked_at !== null) return 'revoked';
    return verifySecret(secret, row.secret_hash) ? 'ok' : 'bad_secret';
  }

  /** Whether the device still holds a credential that is not revoked (a live session may go on). */
  deviceActive(equipmentId: string): boolean {
    const row = this.#row(equipmentId);
    return row !== undefined && row.revoked_at === null;
  }

  verify(equipmentId: string, secret: string): boolean {
    return this.check(equipmentId, secret) === 'ok';
  }

  #row(equipmentId: string): CredentialRow | undefined {
    return this.#db.prepare('SELECT * FROM device_credentials WHERE equipment_id = ?').get(equipmentId) as
      | CredentialRow
      | undefined;
  }
}
