import { sql } from 'kysely';
import type { Logger } from '../../../shared/server/runtime/logger';
import type { CentralDb } from '../db/central-db';
import {
  branchPartitions,
  createPeriodPartition,
  defaultPartitionRows,
  dropPeriodPartition,
  type PeriodPartition,
  periodStartsIn,
} from '../db/partitioning-catalog';
import {
  defaultPartitionName,
  PARTITIONED_BRANCHES,
  type PartitionedBranch,
  type Period,
  partitionName,
  periodAfter,
  periodOf,
} from '../db/partitioning-layout';

export interface PartitionUpkeepOptions {
  /** Periods made ahead of the current one, so ingest never waits on (or misses) a new partition. */
  periodsAhead: number;
  /** Rollups whose whole partition is older than this (by the store's event time) are dropped. */
  rollupMaxAgeMs: number;
  /**
   * How long one catalog change may wait for its lock: a long regional query holding the
   * table would otherwise queue ingest behind the waiting DROP. A change that times out is
   * deferred to the next run.
   */
  lockTimeoutMs: number;
}

export interface DroppedPartition {
  name: string;
  from: number;
  to: number;
  rowsEstimate: number | null;
}

export interface PartitionUpkeepRun {
  created: string[];
  dropped: DroppedPartition[];
  /** Rows that had landed in a default partition and now sit in their period's partition. */
  movedFromDefault: number;
  /** Expired rollups deleted out of the rollup default partition (rows too old to carve). */
  expiredDeletedFromDefault: number;
  /** Rows left in each default partition after upkeep: implausible times, logged each run. */
  leftInDefault: Record<string, number>;
  /** Changes that could not take their lock in time; tried again next run. */
  deferred: string[];
}

const LOCK_NOT_AVAILABLE = '55P03';

/**
 * Keeps central's partitioned sync history (PostgreSQL; layout in partitioning-layout.ts):
 * makes the current and next periods, carves rows that landed in a default partition into
 * their period, drops rollup periods past retention, and says what is left in the defaults.
 * The caller holds the housekeeping advisory lock, so one central process does this for all.
 */
export async function upkeepPartitions(
  db: CentralDb,
  now: number,
  options: PartitionUpkeepOptions,
  log: Logger,
): Promise<PartitionUpkeepRun> {
  const run: PartitionUpkeepRun = {
    created: [],
    dropped: [],
    movedFromDefault: 0,
    expiredDeletedFromDefault: 0,
    leftInDefault: {},
    deferred: [],
  };
  const cutoff = now - options.rollupMaxAgeMs;
  for (const branch of PARTITIONED_BRANCHES) {
    const { periods: existing } = await branchPartitions(db, branch);
    for (const period of await wantedPeriods(db, branch, now, options.periodsAhead, cutoff)) {
      if (existing.some((p) => p.from < period.to && period.from < p.to)) continue;
      const name = partitionName(branch, period);
      const moved = await guarded(db, options, run, branch, name, (trx) =>
        createPeriodPartition(trx, branch, period),
      );
      if (moved === undefined) continue;
      run.created.push(name);
      run.movedFromDefault += moved;
    }
    if (branch.expires) {
      for (const partition of existing.filter((p) => p.to <= cutoff)) {
        const dropped = await guarded(db, options, run, branch, partition.name, async (trx) => {
          await dropPeriodPartition(trx, partition);
          return droppedRecord(partition);
        });
        if (dropped) run.dropped.push(dropped);
      }
      run.expiredDeletedFromDefault += await deleteExpiredFromDefault(db, branch, cutoff);
    }
    const left = await defaultPartitionRows(db, branch);
    run.leftInDefault[defaultPartitionName(branch)] = left;
    if (left > 0)
      log.warn(
        { partition: defaultPartitionName(branch), rows: left },
        'sync events outside any period partition (a store clock far off?): kept in the default partition',
      );
  }
  if (run.created.length > 0 || run.dropped.length > 0 || run.movedFromDefault > 0)
    log.info(
      {
        created: run.created,
        dropped: run.dropped.map((d) => d.name),
        movedFromDefault: run.movedFromDefault,
        expiredDeletedFromDefault: run.expiredDeletedFromDefault,
      },
      'sync history partitions kept',
    );
  return run;
}

/** The current and next periods, and the periods of rows waiting in the default (unexpired ones). */
async function wantedPeriods(
  db: CentralDb,
  branch: PartitionedBranch,
  now: number,
  ahead: number,
  cutoff: number,
): Promise<Period[]> {
  const wanted = new Map<number, Period>();
  for (let i = 0; i <= ahead; i++) {
    const period = periodAfter(branch.unit, now, i);
    wanted.set(period.from, period);
  }
  for (const start of await periodStartsIn(db, defaultPartitionName(branch), branch.unit, { kind: 'any' })) {
    const period = periodOf(branch.unit, start);
    // A rollup period already past retention is not worth a partition: its rows are deleted below.
    if (branch.expires && period.to <= cutoff) continue;
    wanted.set(period.from, period);
  }
  return [...wanted.values()].sort((a, b) => a.from - b.from);
}

/**
 * Runs one catalog change in its own transaction with a lock timeout. A change that cannot
 * get its lock in time is deferred (answers undefined); any other failure is thrown.
 */
async function guarded<T>(
  db: CentralDb,
  options: PartitionUpkeepOptions,
  run: PartitionUpkeepRun,
  branch: PartitionedBranch,
  name: string,
  change: (trx: CentralDb) => Promise<T>,
): Promise<T | undefined> {
  try {
    return await db.transaction().execute(async (trx) => {
      await sql`select set_config('lock_timeout', ${`${options.lockTimeoutMs}ms`}, true)`.execute(trx);
      await lockInOrder(trx, branch);
      return change(trx);
    });
  } catch (err) {
    if ((err as { code?: unknown }).code !== LOCK_NOT_AVAILABLE) throw err;
    run.deferred.push(name);
    return undefined;
  }
}

/**
 * Takes the locks of a partition change up front, in the order everyone else takes them, so
 * the others wait for the change (a few milliseconds) instead of deadlocking with it:
 * - `stores` first: the partition's foreign key to `stores` locks it, and ingest locks
 *   `stores` (each store's last-heard row) before it writes sync_events;
 * - then the branch before its partitions, as DDL on sync_events walks the tree top down
 *   (share update exclusive: what the attach takes anyway; ingest and reads go on).
 */
async function lockInOrder(trx: CentralDb, branch: PartitionedBranch): Promise<void> {
  await sql`lock table stores in share row exclusive mode`.execute(trx);
  await sql`lock table ${sql.table(branch.table)} in share update exclusive mode`.execute(trx);
}

async function deleteExpiredFromDefault(
  db: CentralDb,
  branch: PartitionedBranch,
  cutoff: number,
): Promise<number> {
  const result =
    await sql`delete from ${sql.table(defaultPartitionName(branch))} where ts < ${cutoff}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

function droppedRecord(partition: PeriodPartition): DroppedPartition {
  return {
    name: partition.name,
    from: partition.from,
    to: partition.to,
    rowsEstimate: partition.rowsEstimate,
  };
}
