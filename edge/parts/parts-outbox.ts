import { laneOf } from '../alarms/outbox';
import type { Database } from '../store/database';

export type PartsOutboxEventType =
  | `part.${'used' | 'adjusted' | 'received' | 'seeded'}`
  | `purchase.${'requested' | 'approved' | 'rejected' | 'received'}`;

/**
 * Stock and purchase changes for central, appended inside the transaction that makes
 * them, like the alarm and ticket outbox.
 */
export class PartsOutbox {
  readonly #insert;

  constructor(
    db: Database,
    readonly storeId: string,
  ) {
    this.#insert = db.prepare(
      'INSERT INTO outbox (store_id, ts, type, entity_id, payload, priority) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  append(type: PartsOutboxEventType, entityId: number | string, ts: number, payload: object): void {
    this.#insert.run(this.storeId, ts, type, entityId, JSON.stringify(payload), laneOf(type));
  }
}
