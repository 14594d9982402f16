import type { Database } from '../store/database';

export type OutboxEventType =
  | `alarm.${'raised' | 'reraised' | 'cleared' | 'acked' | 'notified' | 'escalated'}`
  | `ticket.${'opened' | 'alarm_attached' | 'transition' | 'note'}`;

export interface OutboxEvent {
  type: OutboxEventType;
  entityId: number;
  ts: number;
  payload: unknown;
}

/**
 * Appends alarm and ticket changes for the central sync. Callers append inside the
 * transaction that makes the change, so a change and its event commit or vanish together.
 */
export class OutboxWriter {
  readonly #insert;

  constructor(
    db: Database,
    readonly storeId: string,
  ) {
    this.#insert = db.prepare(
      'INSERT INTO outbox (store_id, ts, type, entity_id, payload) VALUES (?, ?, ?, ?, ?)',
    );
  }

  append(event: OutboxEvent): number {
    const result = this.#insert.run(
      this.storeId,
      event.ts,
      event.type,
      event.entityId,
      JSON.stringify(event.payload),
    );
    return Number(result.lastInsertRowid);
  }
}
