import { DeviceStatusCause } from '../../shared/device-messages';
import { prepareDeviceStatusOutbox } from '../sync/outbox-writer';
import type { Database } from './database';

export interface DeviceStatusRow {
  equipmentId: string;
  online: boolean;
  /** epoch ms when `online` last changed */
  changedAt: number;
  /** epoch ms of the latest message received from the equipment, if any */
  lastSeen: number | null;
  /** what made the last change (`shutdown`: switched off on purpose); null when not known */
  cause: DeviceStatusCause | null;
}

interface Row {
  equipment_id: string;
  online: number;
  changed_at: number;
  last_seen: number | null;
  cause: string | null;
}

const COLUMNS = 'equipment_id, online, changed_at, last_seen, cause';

/** Whether each piece of equipment is connected, and when it was last heard from. */
export class DeviceStatusStore {
  readonly #get;
  readonly #all;
  readonly #touch;
  readonly #setOnline;
  readonly #changeOnline;

  constructor(db: Database) {
    this.#get = db.prepare(`SELECT ${COLUMNS} FROM device_status WHERE equipment_id = ?`);
    this.#all = db.prepare(`SELECT ${COLUMNS} FROM device_status ORDER BY equipment_id`);
    // Data proves the equipment is talking, so a first sighting counts as online.
    this.#touch = db.prepare(
      `INSERT INTO device_status (equipment_id, online, changed_at, last_seen) VALUES (@id, 1, @at, @at)
       ON CONFLICT (equipment_id) DO UPDATE SET last_seen = max(coalesce(last_seen, 0), excluded.last_seen)`,
    );
    this.#setOnline = db.prepare(
      `INSERT INTO device_status (equipment_id, online, changed_at, last_seen, cause)
       VALUES (@id, @online, @at, NULL, @cause)
       ON CONFLICT (equipment_id) DO UPDATE SET online = excluded.online, changed_at = excluded.changed_at,
         cause = excluded.cause
       WHERE device_status.online != excluded.online`,
    );
    const setOnline = this.#setOnline;
    const appendOutbox = prepareDeviceStatusOutbox(db);
    // A change and its outbox event for the central sync commit together (nested in the caller's transaction).
    this.#changeOnline = db.transaction(
      (id: string, online: boolean, at: number, cause: DeviceStatusCause | null): boolean => {
        const changed = setOnline.run({ id, online: online ? 1 : 0, at, cause }).changes > 0;
        if (changed) appendOutbox(id, online, at, cause);
        return changed;
      },
    );
  }

  get(equipmentId: string): DeviceStatusRow | undefined {
    const row = this.#get.get(equipmentId) as Row | undefined;
    return row ? toStatus(row) : undefined;
  }

  all(): DeviceStatusRow[] {
    return (this.#all.all() as Row[]).map(toStatus);
  }

  /** Records that a message arrived at `at` (edge clock). */
  touch(equipmentId: string, at: number): void {
    this.#touch.run({ id: equipmentId, at });
  }

  /**
   * Sets the online flag; returns whether it changed (a first record counts as a change).
   * A change is also appended to the outbox as `device.status`.
   */
  setOnline(equipmentId: string, online: boolean, at: number, cause?: DeviceStatusCause): boolean {
    return this.#changeOnline(equipmentId, online, at, cause ?? null);
  }
}

function toStatus(row: Row): DeviceStatusRow {
  return {
    equipmentId: row.equipment_id,
    online: row.online === 1,
    changedAt: row.changed_at,
    lastSeen: row.last_seen,
    cause: parseCause(row.cause),
  };
}

/** A cause this version does not know (written by a newer one) reads as unknown, not as an error. */
function parseCause(cause: string | null): DeviceStatusCause | null {
  const parsed = DeviceStatusCause.safeParse(cause);
  return parsed.success ? parsed.data : null;
}
