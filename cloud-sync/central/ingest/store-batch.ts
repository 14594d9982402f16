import { sql, type Transaction } from 'kysely';
import type { Logger } from '../../../edge/runtime/logger';
import { type SyncBatch, SyncEventKind } from '../../../shared/sync/sync-protocol';
import { CentralError } from '../central-error';
import type { CentralTables } from '../db/schema';
import { enqueueAlarmNotifications } from '../webhooks/webhook-enqueue';
import { projectEvent } from './projections';

/** What storing one batch did, before its transaction commits. */
export interface StoredBatch {
  events: number;
  inserted: number;
  invalid: number;
  /** webhook deliveries queued */
  queued: number;
  highestSeq: number;
}

/**
 * Inside a transaction: stores a store's sync batch at most once per (store, seq) and
 * updates the read models for the newly stored events only.
 *
 * The statements of this hot path (here and in the projections) are written with Kysely's
 * `sql` template rather than its builder: when 1 000 stores post at once, building and
 * compiling the same few queries again for every batch cost more than running them. The
 * SQL is plain enough to mean the same on SQLite and PostgreSQL (the tests run on both).
 */
export async function storeBatch(
  trx: Transaction<CentralTables>,
  batch: SyncBatch,
  receivedAt: number,
  log: Logger,
): Promise<StoredBatch> {
  // Ascending seq everywhere, so concurrent batches lock the same keys in the same order.
  const events = [...batch.events].sort((a, b) => a.seq - b.seq);
  const oldestTs = events.reduce((min, e) => Math.min(min, e.ts), Number.POSITIVE_INFINITY);
  // The store's sync state first, returning what the rest needs: one statement instead of
  // a look-up before and a read-back after, and every batch of a store locks its row first.
  const store = await updateStoreSyncState(trx, batch, receivedAt, Math.max(0, receivedAt - oldestTs));
  if (!store) throw new CentralError('NOT_FOUND', `no store "${batch.storeId}"`);

  const rows = sql.join(
    events.map(
      (e) =>
        sql`(${batch.storeId}, ${e.seq}, ${e.ts}, ${e.type}, ${SyncEventKind(e.type)}, ${e.entityId}, ${JSON.stringify(e.payload)}, ${receivedAt})`,
    ),
  );
  const { rows: inserted } = await sql<{ id: number; seq: number }>`
    insert into sync_events (store_id, seq, ts, type, kind, entity_id, payload, received_at)
    values ${rows}
    on conflict (store_id, seq) do nothing
    returning id, seq`.execute(trx);
  const idBySeq = new Map(inserted.map((row) => [row.seq, row.id]));

  let invalid = 0;
  let queued = 0;
  for (const event of events) {
    const eventId = idBySeq.get(event.seq);
    if (eventId === undefined) continue;
    const outcome = await projectEvent(trx, batch.storeId, event);
    if (outcome.kind === 'invalid') {
      invalid++;
      log.warn(
        { storeId: batch.storeId, seq: event.seq, type: event.type, problem: outcome.problem },
        'event kept as history; its payload does not fit the projection',
      );
    } else if (outcome.kind === 'alarm') {
      queued += await enqueueAlarmNotifications(trx, {
        eventId,
        change: outcome.change,
        alarm: outcome.alarm,
        store: { id: store.id, name: store.name, regionId: store.region_id },
        now: receivedAt,
      });
    }
  }
  return { events: events.length, inserted: inserted.length, invalid, queued, highestSeq: store.highest_seq };
}

/** Records that the store was heard from; undefined when there is no such store. */
async function updateStoreSyncState(
  trx: Transaction<CentralTables>,
  batch: SyncBatch,
  receivedAt: number,
  lagMs: number,
) {
  const batchHighest = batch.events.reduce((max, e) => Math.max(max, e.seq), 0);
  // The edge reports a running count of dropped rollups; a late batch must not lower it.
  const dropped = batch.dropped?.rollups ?? null;
  const { rows } = await sql<
    Pick<CentralTables['stores'], 'id' | 'name' | 'region_id'> & { highest_seq: number }
  >`
    update stores set
      last_heard_at = ${receivedAt},
      sync_lag_ms = ${lagMs},
      highest_seq = case when highest_seq < ${batchHighest} then ${batchHighest} else highest_seq end,
      dropped_rollups = case when dropped_rollups < ${dropped} then ${dropped} else dropped_rollups end
    where id = ${batch.storeId}
    returning id, name, region_id, highest_seq`.execute(trx);
  return rows[0];
}
