import type { Database } from './database';

export interface DeviceEventRow {
  id: number;
  equipmentId: string;
  /** when the equipment says the fault happened (epoch ms) */
  ts: number;
  /** when the edge received it (epoch ms) */
  receivedAt: number;
  code: string;
  message: string | null;
}

export interface DeviceEventQuery {
  equipmentId?: string;
  /** inclusive, epoch ms */
  from?: number;
  /** exclusive, epoch ms */
  to?: number;
  limit?: number;
}

interface Row {
  id: number;
  equipment_id: string;
  ts: number;
  received_at: number;
  code: string;
  message: string | null;
}

/** Faults the equipment reports itself, newest first when listed. */
export class DeviceEventsStore {
  readonly #insert;
  readonly #list;

  constructor(db: Database) {
    // A QoS 1 redelivery repeats the same (equipment, ts, code): store it once.
    this.#insert = db.prepare(
      `INSERT INTO device_events (equipment_id, ts, received_at, code, message)
       SELECT @equipmentId, @ts, @receivedAt, @code, @message
       WHERE NOT EXISTS (SELECT 1 FROM device_events WHERE equipment_id = @equipmentId AND ts = @ts AND code = @code)`,
    );
    this.#list = db.prepare(
      `SELECT id, equipment_id, ts, received_at, code, message FROM device_events
       WHERE (@equipmentId IS NULL OR equipment_id = @equipmentId) AND ts >= @from AND ts < @to
       ORDER BY ts DESC, id DESC LIMIT @limit`,
    );
  }

  /** Returns false when the event was already stored (a redelivery). */
  insert(event: {
    equipmentId: string;
    ts: number;
    receivedAt: number;
    code: string;
    message?: string | undefined;
  }): boolean {
    return (
      this.#insert.run({
        equipmentId: event.equipmentId,
        ts: event.ts,
        receivedAt: event.receivedAt,
        code: event.code,
        message: event.message ?? null,
      }).changes > 0
    );
  }

  list(query: DeviceEventQuery = {}): DeviceEventRow[] {
    const rows = this.#list.all({
      equipmentId: query.equipmentId ?? null,
      from: query.from ?? 0,
      to: query.to ?? Number.MAX_SAFE_INTEGER,
      limit: query.limit ?? 100,
    }) as Row[];
    return rows.map((row) => ({
      id: row.id,
      equipmentId: row.equipment_id,
      ts: row.ts,
      receivedAt: row.received_at,
      code: row.code,
      message: row.message,
    }));
  }
}
