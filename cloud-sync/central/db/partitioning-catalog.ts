import { type Kysely, sql } from 'kysely';
import {
  defaultPartitionName,
  type PartitionedBranch,
  type Period,
  PLAUSIBLE_TS,
  partitionName,
} from './partitioning-layout';

/**
 * Reading and changing the period partitions of one branch of central's sync history
 * (PostgreSQL only; see partitioning-layout.ts). Used by migration 016 and by the upkeep
 * job. Callers run the changes inside a transaction: DDL is transactional in PostgreSQL,
 * so a partition is either made with its rows moved in, or not at all.
 */

export interface PeriodPartition {
  name: string;
  from: number;
  to: number;
  /** PostgreSQL's estimate from the last ANALYZE; null when the table was never analysed. */
  rowsEstimate: number | null;
}

export interface BranchPartitions {
  periods: PeriodPartition[];
  hasDefault: boolean;
}

const RANGE_BOUND = /FROM \('?(-?\d+)'?\) TO \('?(-?\d+)'?\)/;

/** The period partitions of a branch, oldest first, read from the catalog (not guessed from names). */
export async function branchPartitions<DB>(
  db: Kysely<DB>,
  branch: PartitionedBranch,
): Promise<BranchPartitions> {
  const { rows } = await sql<{ name: string; bound: string; reltuples: number }>`
    select c.relname as name, pg_get_expr(c.relpartbound, c.oid) as bound, c.reltuples
    from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = to_regclass(${branch.table})`.execute(db);
  const periods: PeriodPartition[] = [];
  let hasDefault = false;
  for (const row of rows) {
    if (row.bound === 'DEFAULT') {
      hasDefault = true;
      continue;
    }
    const match = RANGE_BOUND.exec(row.bound);
    if (!match) continue;
    periods.push({
      name: row.name,
      from: Number(match[1]),
      to: Number(match[2]),
      rowsEstimate: Number(row.reltuples) >= 0 ? Number(row.reltuples) : null,
    });
  }
  periods.sort((a, b) => a.from - b.from);
  return { periods, hasDefault };
}

/**
 * Makes the partition for `period`, moving into it any rows of that period that had landed
 * in the default partition (PostgreSQL refuses a new partition while the default holds rows
 * of its range). The table is made apart, filled, then attached: attaching checks the
 * default no longer holds the range and builds the branch's indexes on it. Returns the rows
 * moved out of the default.
 */
export async function createPeriodPartition<DB>(
  trx: Kysely<DB>,
  branch: PartitionedBranch,
  period: Period,
): Promise<number> {
  const name = partitionName(branch, period);
  const from = sql.lit(period.from);
  const to = sql.lit(period.to);
  const fallback = sql.table(defaultPartitionName(branch));
  // Ingest held off the default (reads go on) until the attach: a row of this period written
  // there after the move would make the attach fail and the run retry, never be lost.
  await sql`lock table ${fallback} in share row exclusive mode`.execute(trx);
  const { rows: waiting } = await sql<{ present: boolean }>`
    select exists (select 1 from ${fallback} where ts >= ${from} and ts < ${to}) as present`.execute(trx);
  // Rows about to move: a query planned before the attach knows the branch without the new
  // partition but may run after the commit, when the rows have left the default, and would
  // miss them (a feed poller would skip them for good). Holding the whole branch makes such
  // queries wait and plan again. The default holds few rows, so this is short.
  if (waiting[0]?.present)
    await sql`lock table ${sql.table(branch.table)} in access exclusive mode`.execute(trx);
  await sql`create table ${sql.table(name)} (like ${sql.table(branch.table)} including defaults including constraints)`.execute(
    trx,
  );
  const moved = await sql`
    with moved as (
      delete from ${fallback} where ts >= ${from} and ts < ${to} returning *
    )
    insert into ${sql.table(name)} select * from moved`.execute(trx);
  await sql`alter table ${sql.table(branch.table)} attach partition ${sql.table(name)} for values from (${from}) to (${to})`.execute(
    trx,
  );
  return Number(moved.numAffectedRows ?? 0);
}

/**
 * Drops a whole period: its rows go with it, in the time of a catalog change rather than a
 * DELETE per row (no dead tuples, no vacuum, no index churn against ingest).
 */
export async function dropPeriodPartition<DB>(trx: Kysely<DB>, partition: PeriodPartition): Promise<void> {
  await sql`drop table ${sql.table(partition.name)}`.execute(trx);
}

/** Rows in a branch's default partition: a store whose clock is far off, or a period not made yet. */
export async function defaultPartitionRows<DB>(db: Kysely<DB>, branch: PartitionedBranch): Promise<number> {
  const { rows } = await sql<{
    n: number;
  }>`select count(*) as n from ${sql.table(defaultPartitionName(branch))}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** The distinct event times' periods present in a table, by their first ts (a day or month start). */
export async function periodStartsIn<DB>(
  db: Kysely<DB>,
  table: string,
  unit: PartitionedBranch['unit'],
  where: { kind: 'rollup' | 'not-rollup' | 'any' },
): Promise<number[]> {
  const start =
    unit === 'day'
      ? sql`(floor(ts / 86400000.0) * 86400000)::bigint`
      : sql`(extract(epoch from date_trunc('month', to_timestamp(ts / 1000.0) at time zone 'UTC')) * 1000)::bigint`;
  const kind =
    where.kind === 'rollup'
      ? sql`and kind = 'rollup'`
      : where.kind === 'not-rollup'
        ? sql`and kind <> 'rollup'`
        : sql``;
  // Only plausible times: the others stay in the default partition (and would overflow to_timestamp).
  const { rows } = await sql<{ start: number }>`
    select distinct ${start} as start from ${sql.table(table)}
    where ts >= ${sql.lit(PLAUSIBLE_TS.from)} and ts < ${sql.lit(PLAUSIBLE_TS.to)} ${kind}
    order by 1`.execute(db);
  return rows.map((r) => Number(r.start));
}
