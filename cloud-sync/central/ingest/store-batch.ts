import type { Transaction } from 'kysely';
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

  const inserted = await trx
    .insertInto('sync_events')
    .values(
      events.map((e) => ({
        store_id: batch.storeId,
        seq: e.seq,
        ts: e.ts,
        type: e.type,
        kind: SyncEventKind(e.type),
        entity_id: e.entityId,
        payload: JSON.stringify(e.payload),
        received_at: receivedAt,
      })),
    )
    .onConflict((oc) => oc.columns(['store_id', 'seq']).doNothing())
    .returning(['id', 'seq'])
    .execute();
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
  const dropped = batch.dropped?.rollups;
  return trx
    .updateTable('stores')
    .set((eb) => ({
      last_heard_at: receivedAt,
      sync_lag_ms: lagMs,
      highest_seq: eb
        .case()
        .when('highest_seq', '<', batchHighest)
        .then(batchHighest)
        .else(eb.ref('highest_seq'))
        .end(),
      // The edge reports a running count; a late batch must not lower it.
      dropped_rollups:
        dropped === undefined
          ? eb.ref('dropped_rollups')
          : eb
              .case()
              .when('dropped_rollups', '<', dropped)
              .then(dropped)
              .else(eb.ref('dropped_rollups'))
              .end(),
    }))
    .where('id', '=', batch.storeId)
    .returning(['id', 'name', 'region_id', 'highest_seq'])
    .executeTakeFirst();
}
