import { type Kysely, sql } from 'kysely';
import type { CentralDialect } from './central-db';
import { createPeriodPartition, periodStartsIn } from './partitioning-catalog';
import {
  defaultPartitionName,
  PARTITIONED_BRANCHES,
  PARTITIONED_ROOT,
  periodAfter,
  periodOf,
} from './partitioning-layout';

/** Periods made past the newest one holding rows; the upkeep job keeps this lead from then on. */
const PERIODS_AHEAD = 2;
const OLD_TABLE = 'sync_events_unpartitioned';

/**
 * Migration 016: on PostgreSQL, central's sync history becomes partitioned by the store's
 * event time (layout and reasons in partitioning-layout.ts), so retention drops whole days
 * of rollups instead of deleting them row by row. Every existing row is copied over with
 * its id, inside the migration's transaction: a failure leaves the old table as it was.
 *
 * SQLite stays one table: a SQLite central is one box with one writer, where the chunked
 * DELETE of central-housekeeping.ts is cheap enough and has nothing to contend with.
 */
export async function partitionedSyncHistoryUp(db: Kysely<unknown>, dialect: CentralDialect): Promise<void> {
  if (dialect !== 'postgres') return;
  // Central processes of the old version may be ingesting during a rolling upgrade: ingest
  // locks `stores` before sync_events, and the foreign key below locks `stores` after, so
  // take it first (the same order; see partition-upkeep.ts) and let ingest wait, not deadlock.
  await sql`lock table stores in share row exclusive mode`.execute(db);
  await sql`alter table ${sql.table(PARTITIONED_ROOT)} rename to ${sql.table(OLD_TABLE)}`.execute(db);
  // A partitioned table takes no identity column before PostgreSQL 17: a sequence does the
  // same, carrying on from the highest id so the feed's id order goes on unbroken.
  await sql`create sequence sync_event_ids as bigint`.execute(db);
  await sql`
    create table sync_events (
      id bigint not null default nextval('sync_event_ids'),
      store_id text not null,
      seq bigint not null,
      ts bigint not null,
      type text not null,
      kind text not null,
      entity_id text not null,
      payload text not null,
      received_at bigint not null
    ) partition by list (kind)`.execute(db);
  await sql`create table sync_events_rollup partition of sync_events for values in ('rollup') partition by range (ts)`.execute(
    db,
  );
  await sql`create table sync_events_kept partition of sync_events default partition by range (ts)`.execute(
    db,
  );
  for (const branch of PARTITIONED_BRANCHES) {
    await sql`create table ${sql.table(defaultPartitionName(branch))} partition of ${sql.table(branch.table)} default`.execute(
      db,
    );
    const starts = await periodStartsIn(db, OLD_TABLE, branch.unit, {
      kind: branch.table === 'sync_events_rollup' ? 'rollup' : 'not-rollup',
    });
    const periods = starts.map((start) => periodOf(branch.unit, start));
    const newest = starts.at(-1);
    if (newest !== undefined)
      for (let ahead = 1; ahead <= PERIODS_AHEAD; ahead++)
        periods.push(periodAfter(branch.unit, newest, ahead));
    for (const period of periods) await createPeriodPartition(db, branch, period);
  }
  await sql`
    insert into sync_events (id, store_id, seq, ts, type, kind, entity_id, payload, received_at)
    select id, store_id, seq, ts, type, kind, entity_id, payload, received_at from ${sql.table(OLD_TABLE)}`.execute(
    db,
  );
  await sql`select setval('sync_event_ids', coalesce((select max(id) from sync_events), 0) + 1, false)`.execute(
    db,
  );
  await sql`drop table ${sql.table(OLD_TABLE)}`.execute(db);
  await sql`alter sequence sync_event_ids owned by sync_events.id`.execute(db);
  // Keys and indexes after the copy (one build rather than one update per row). The exactly
  // once key must contain the partition keys: (store_id, seq) plus kind and ts, which a
  // redelivered event repeats, so a duplicate still meets its first copy in one partition.
  await sql`alter table sync_events add constraint sync_events_once primary key (store_id, seq, kind, ts)`.execute(
    db,
  );
  await sql`alter table sync_events add constraint sync_events_store foreign key (store_id) references stores (id)`.execute(
    db,
  );
  await sql`create index sync_events_kind on sync_events (kind, id)`.execute(db);
  await sql`create index sync_events_store_entity on sync_events (store_id, kind, entity_id, ts)`.execute(db);
}
