import type { Database } from '../../store/database';
import { type OutboxEventType, OutboxWriter } from '../../sync/outbox-writer';

export type PartsOutboxEventType = Extract<OutboxEventType, `part.${string}` | `purchase.${string}`>;

/**
 * Stock and purchase changes for central, appended inside the transaction that makes
 * them, through the same typed outbox as alarms and tickets (so they take the high
 * lane and wake the sync pusher).
 */
export class PartsOutbox {
  readonly #writer: OutboxWriter;

  constructor(
    db: Database,
    readonly storeId: string,
  ) {
    this.#writer = new OutboxWriter(db, storeId);
  }

  append(type: PartsOutboxEventType, entityId: number | string, ts: number, payload: object): void {
    this.#writer.append({ type, entityId, ts, payload });
  }
}
