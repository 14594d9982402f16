import { sql, type Transaction } from 'kysely';
import type { SyncBatch } from '../../../shared/sync/sync-protocol';
import { CentralError } from '../central-error';
import type { CentralDialect } from '../db/central-db';
import { inPieces } from '../db/rows-per-statement';
import type { CentralTables } from '../db/schema';
import {
  type AlarmNotificationCandidate,
  enqueueAlarmNotifications,
  type RegionWebhooks,
} from '../webhooks/webhook-enqueue';
import { eventKey, insertEvents } from './event-insert';
import { ProjectionPlan } from './projections';

type Trx = Transaction<CentralTables>;

/** What storing one batch did, before its transaction commits. */
export interface StoredBatch {
  events: number;
  inserted: number;
  /** events kept as history only: their payload does not fit the projection */
  invalid: { seq: number; type: string; problem: string }[];
  highestSeq: number;
}

export type BatchOutcome = StoredBatch | { failed: unknown };

export interface StoredGroup {
  outcomes: BatchOutcome[];
  /** webhook deliveries queued */
  queued: number;
}

interface HeardStore {
  id: string;
  name: string;
  region_id: string;
  highest_seq: number;
  /** lifecycle state (migration 015): only an open store's alarms reach the webhooks */
  state: string;
}

/**
 * Inside a transaction: stores a group of sync batches, each event at most once per
 * (store, seq), and updates the read models for the newly stored events only, with a
 * few statements for the whole group (one per table and piece of rows), so that on
 * PostgreSQL a burst of 1 000 stores costs a few round trips per group, not per batch.
 * A batch of an unknown store fails alone; any other error fails the group.
 *
 * These statements are written with Kysely's `sql` template rather than its builder:
 * building and compiling the queries cost more than running them. The SQL is plain
 * enough to mean the same on SQLite and PostgreSQL (the tests run on both).
 */
export async function storeBatches(
  trx: Trx,
  dialect: CentralDialect,
  webhooks: RegionWebhooks,
  batches: readonly SyncBatch[],
  receivedAt: number,
): Promise<StoredGroup> {
  const stores = await recordStoresHeard(trx, batches, receivedAt);
  const known = batches.filter((batch) => stores.has(batch.storeId));
  // Ascending seq within each batch, so the feed (central's id order) keeps the edge's order.
  const eventsOf = new Map(known.map((batch) => [batch, [...batch.events].sort((a, b) => a.seq - b.seq)]));
  const stored = await insertEvents(
    trx,
    dialect,
    [...eventsOf].flatMap(([batch, events]) => events.map((e) => ({ storeId: batch.storeId, event: e }))),
    receivedAt,
  );

  const plan = new ProjectionPlan();
  const candidates: AlarmNotificationCandidate[] = [];
  const outcomes = batches.map((batch): BatchOutcome => {
    const store = stores.get(batch.storeId);
    const events = eventsOf.get(batch);
    if (!store || !events) return { failed: new CentralError('NOT_FOUND', `no store "${batch.storeId}"`) };
    let inserted = 0;
    const invalid: StoredBatch['invalid'] = [];
    for (const event of events) {
      const key = eventKey(batch.storeId, event.seq);
      const eventId = stored.get(key);
      // The first batch of the group holding an event stores it; a copy in a later one is a duplicate.
      if (eventId === undefined) continue;
      stored.delete(key);
      inserted++;
      const outcome = plan.add(batch.storeId, event);
      if (outcome.kind === 'invalid')
        invalid.push({ seq: event.seq, type: event.type, problem: outcome.problem });
      if (outcome.kind === 'alarm')
        candidates.push({
          eventId,
          change: outcome.change,
          alarm: outcome.alarm,
          store: { id: store.id, name: store.name, regionId: store.region_id, state: store.state },
        });
    }
    return { events: events.length, inserted, invalid, highestSeq: store.highest_seq };
  });
  await plan.apply(trx);
  const queued = await enqueueAlarmNotifications(trx, webhooks, candidates, receivedAt);
  return { outcomes, queued };
}

/**
 * Notes when each store was last heard, its sync lag, highest seq and dropped rollups;
 * returns the stores that exist. The edge reports a running count of dropped rollups, and
 * batches may arrive late: neither that count nor the highest seq ever goes down.
 */
async function recordStoresHeard(
  trx: Trx,
  batches: readonly SyncBatch[],
  receivedAt: number,
): Promise<Map<string, HeardStore>> {
  const heard = new Map<string, { lagMs: number; highest: number; dropped: number | null }>();
  for (const batch of batches) {
    const oldestTs = batch.events.reduce((min, e) => Math.min(min, e.ts), Number.POSITIVE_INFINITY);
    const highest = batch.events.reduce((max, e) => Math.max(max, e.seq), 0);
    const dropped = batch.dropped?.rollups;
    const held = heard.get(batch.storeId);
    heard.set(batch.storeId, {
      lagMs: Math.max(0, receivedAt - oldestTs),
      highest: Math.max(highest, held?.highest ?? 0),
      dropped: dropped === undefined ? (held?.dropped ?? null) : Math.max(dropped, held?.dropped ?? 0),
    });
  }
  const found = new Map<string, HeardStore>();
  // Typed casts: PostgreSQL reads untyped parameters in VALUES as text.
  const rows = [...heard].map(
    ([id, h]) =>
      sql`(${id}, cast(${h.lagMs} as bigint), cast(${h.highest} as bigint), cast(${h.dropped} as bigint))`,
  );
  await inPieces(rows, async (piece) => {
    const result = await sql<HeardStore>`
      update stores set
        last_heard_at = ${receivedAt},
        sync_lag_ms = heard.column2,
        highest_seq = case when stores.highest_seq < heard.column3 then heard.column3 else stores.highest_seq end,
        dropped_rollups = case when stores.dropped_rollups < heard.column4 then heard.column4 else stores.dropped_rollups end
      from (values ${sql.join(piece)}) as heard
      where stores.id = heard.column1
      returning stores.id, stores.name, stores.region_id, stores.highest_seq, stores.state`.execute(trx);
    for (const row of result.rows) found.set(row.id, row);
  });
  return found;
}
