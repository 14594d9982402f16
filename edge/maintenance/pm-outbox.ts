import type { Database } from '../store/database';

export type PmEventType = `pm.${'opened' | 'transition' | 'step_signed' | 'escalated' | 'meter_reset'}`;

/**
 * Appends `pm.*` events for the central sync, inside the caller's transaction. The
 * outbox's priority column defaults to the high lane, where work orders belong.
 */
export class PmOutbox {
  readonly #insert;

  constructor(
    db: Database,
    readonly storeId: string,
  ) {
    this.#insert = db.prepare(
      'INSERT INTO outbox (store_id, ts, type, entity_id, payload) VALUES (?, ?, ?, ?, ?)',
    );
  }

  append(type: PmEventType, entityId: number | string, ts: number, payload: unknown): void {
    this.#insert.run(this.storeId, ts, type, entityId, JSON.stringify(payload));
  }
}
