import type { ClaimState } from '../../../../shared/api/device-claim';
import type { Database } from '../../../store/database';

export interface ClaimRow {
  serial: string;
  model: string | null;
  state: ClaimState;
  equipment_id: string | null;
  pre_registered: 0 | 1;
  first_seen_at: number;
  last_seen_at: number;
  remote_address: string | null;
  decided_by: string | null;
  decided_at: number | null;
  delivered_at: number | null;
}

/** The claims table (migration 025): one row per serial, its state and who decided it. */
export class DeviceClaimStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  get(serial: string): ClaimRow | undefined {
    return this.#db.prepare('SELECT * FROM device_claims WHERE serial = ?').get(serial) as
      | ClaimRow
      | undefined;
  }

  list(onlyPending: boolean): ClaimRow[] {
    const sql = onlyPending
      ? "SELECT * FROM device_claims WHERE state = 'pending' ORDER BY first_seen_at, serial"
      : 'SELECT * FROM device_claims ORDER BY first_seen_at, serial';
    return this.#db.prepare(sql).all() as ClaimRow[];
  }

  /** The claim holding this equipment id, other than `serial` (accepted or delivered). */
  holderOf(equipmentId: string, serial: string): ClaimRow | undefined {
    return this.#db
      .prepare(
        "SELECT * FROM device_claims WHERE equipment_id = ? AND serial <> ? AND state IN ('accepted', 'delivered')",
      )
      .get(equipmentId, serial) as ClaimRow | undefined;
  }

  insert(row: ClaimRow): void {
    this.#db
      .prepare(
        `INSERT INTO device_claims (serial, model, state, equipment_id, pre_registered, first_seen_at,
           last_seen_at, remote_address, decided_by, decided_at, delivered_at)
         VALUES (@serial, @model, @state, @equipment_id, @pre_registered, @first_seen_at,
           @last_seen_at, @remote_address, @decided_by, @decided_at, @delivered_at)`,
      )
      .run(row);
  }

  seen(serial: string, at: number, model: string | null, remoteAddress: string | null): void {
    this.#db
      .prepare(
        'UPDATE device_claims SET last_seen_at = ?, model = COALESCE(?, model), remote_address = ? WHERE serial = ?',
      )
      .run(at, model, remoteAddress, serial);
  }

  decide(serial: string, state: ClaimState, equipmentId: string | null, by: string, at: number): void {
    this.#db
      .prepare(
        'UPDATE device_claims SET state = ?, equipment_id = ?, decided_by = ?, decided_at = ?, delivered_at = NULL WHERE serial = ?',
      )
      .run(state, equipmentId, by, at, serial);
  }

  delivered(serial: string, at: number): void {
    this.#db
      .prepare("UPDATE device_claims SET state = 'delivered', delivered_at = ? WHERE serial = ?")
      .run(at, serial);
  }

  /** A delivered claim whose credentials were revoked since may claim again. */
  reopen(serial: string): void {
    this.#db
      .prepare("UPDATE device_claims SET state = 'accepted', delivered_at = NULL WHERE serial = ?")
      .run(serial);
  }
}
