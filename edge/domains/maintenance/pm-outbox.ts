import type { Database } from '../../store/database';
import { type OutboxEventType, OutboxWriter } from '../../sync/outbox-writer';

export type PmEventType = Extract<OutboxEventType, `pm.${string}`>;

/**
 * Appends `pm.*` events for the central sync, inside the caller's transaction, through
 * the edge's one outbox writer (so they take the high lane like alarms and tickets).
 */
export class PmOutbox {
  readonly #writer: OutboxWriter;

  constructor(db: Database, storeId: string) {
    this.#writer = new OutboxWriter(db, storeId);
  }

  append(type: PmEventType, entityId: number | string, ts: number, payload: unknown): void {
    this.#writer.append({ type, entityId, ts, payload });
  }
}
