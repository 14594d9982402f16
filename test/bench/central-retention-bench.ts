import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { openCentralDatabase } from '../../cloud-sync/central/db/central-db';
import { centralMigrations } from '../../cloud-sync/central/db/migrations';
import { upkeepPartitions } from '../../cloud-sync/central/retention/partition-upkeep';
import { silentLogger } from '../../shared/server/runtime/logger';
import type { TestPostgres } from '../../shared/server/testing/postgres';

const MIN = 60_000;
const DAY = 1440 * MIN;
/** The same 35 days housekeeping keeps by default. */
const KEEP_MS = 35 * DAY;
/** The chunk the DELETE path used (central-housekeeping.ts). */
const CHUNK = 500;

export interface RetentionBenchOptions {
  /** Equipment of the one store whose month of minute rollups is expired (10: a full kitchen). */
  equipment?: number;
  days?: number;
}

export interface RetentionBenchFigure {
  rows: number;
  days: number;
  /** Upkeep run dropping the month's day partitions (PostgreSQL from migration 016). */
  dropMs: number;
  /** The DELETE in chunks of 500 by id that retention did before, on the table as it was. */
  chunkedDeleteMs: number;
  /** The VACUUM that DELETE leaves to do (autovacuum would, competing with ingest). */
  vacuumAfterDeleteMs: number;
  /** The alarm feed's newest page, after retention, on the partitioned table. */
  feedQueryMs: number;
  partitionsDropped: number;
  /**
   * Why the kept kinds are partitioned by month: the alarm feed's page (no time filter, so
   * every partition is visited) planned and run over three years of months and of days.
   */
  feedOverPartitions: { partitions: number; planningMs: number; executionMs: number }[];
}

const FIRST_DAY = Date.UTC(2026, 9, 1);

/** Fills `rows` minute rollups of one store over `days` days from FIRST_DAY, in one statement. */
async function fillRollups(db: Kysely<unknown>, equipment: number, days: number): Promise<number> {
  const rows = equipment * days * 1440;
  // Literals, not parameters: PostgreSQL would type a parameter beside an int column as int4.
  const [first, min, eq] = [sql.lit(FIRST_DAY), sql.lit(MIN), sql.lit(equipment)];
  await sql`insert into regions (id, name, created_at) values ('bench', 'Bench', 0)`.execute(db);
  await sql`insert into stores (id, name, region_id, created_at) values ('bench-1', 'Bench 1', 'bench', 0)`.execute(
    db,
  );
  await sql`
    insert into sync_events (store_id, seq, ts, type, kind, entity_id, payload, received_at)
    select 'bench-1', g, ${first} + (g / ${eq}) * ${min} + ${min}, 'rollup.minute', 'rollup',
      'eq-' || (g % ${eq}),
      '{"equipmentId":"eq-' || (g % ${eq}) || '","minuteTs":' || (${first} + (g / ${eq}) * ${min}) ||
        ',"metrics":{"temp_c":{"min":2.1,"max":3.4,"avg":2.8,"count":6}}}',
      ${first} + (g / ${eq}) * ${min} + 2 * ${min}
    from generate_series(0::bigint, ${sql.lit(rows - 1)}) g`.execute(db);
  // A few alarms, so the feed has something to page after the rollups are gone.
  await sql`
    insert into sync_events (store_id, seq, ts, type, kind, entity_id, payload, received_at)
    select 'bench-1', ${sql.lit(rows)} + g, ${first} + g * ${min}, 'alarm.raised', 'alarm', g::text, '{}', ${first} + g * ${min}
    from generate_series(0::bigint, 199) g`.execute(db);
  await sql`analyze sync_events`.execute(db);
  return rows;
}

/** A database as central left it before migration 016: every earlier migration, one sync_events table. */
async function before016(url: string): Promise<Kysely<unknown>> {
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url }) }),
  });
  const all = await centralMigrations('postgres').getMigrations();
  const { error } = await new Migrator({
    db,
    provider: {
      getMigrations: async () => Object.fromEntries(Object.entries(all).filter(([name]) => name < '016')),
    },
    migrationTableName: 'central_migrations',
    migrationLockTableName: 'central_migrations_lock',
    allowUnorderedMigrations: true,
  }).migrateToLatest();
  if (error) throw error;
  return db;
}

/**
 * Retention of one store-month of minute rollups: dropping its day partitions (migration
 * 016 on) against the chunked DELETE retention did before, on the same rows. Each side gets
 * a fresh database on the given server.
 */
export async function benchCentralRetention(
  postgres: TestPostgres,
  options: RetentionBenchOptions = {},
): Promise<RetentionBenchFigure> {
  const equipment = options.equipment ?? 10;
  const days = options.days ?? 30;
  const dataDir = mkdtempSync(join(tmpdir(), 'galley-retention-bench-'));
  const cutoffNow = FIRST_DAY + days * DAY + KEEP_MS + DAY;
  try {
    // Before: every migration up to 015, the table unpartitioned, the old chunked DELETE.
    const db = await before016(await postgres.createDatabase());
    let chunkedDeleteMs: number;
    let vacuumAfterDeleteMs: number;
    let rows: number;
    try {
      rows = await fillRollups(db, equipment, days);
      const started = performance.now();
      for (;;) {
        const { rows: ids } = await sql<{ id: number }>`
          select id from sync_events where kind = 'rollup' and ts < ${cutoffNow - KEEP_MS} order by id limit ${CHUNK}`.execute(
          db,
        );
        if (ids.length === 0) break;
        await sql`delete from sync_events where id in (${sql.join(ids.map((r) => r.id))})`.execute(db);
      }
      chunkedDeleteMs = performance.now() - started;
      const vacuumStarted = performance.now();
      await sql`vacuum sync_events`.execute(db);
      vacuumAfterDeleteMs = performance.now() - vacuumStarted;
    } finally {
      await db.destroy();
    }

    // After: migration 016's partitions, made by upkeep for each day of the month, then dropped.
    const after = await openCentralDatabase({ dataDir, databaseUrl: await postgres.createDatabase() });
    try {
      const db = after.db as unknown as Kysely<unknown>;
      const log = silentLogger();
      const keepAll = { periodsAhead: 2, rollupMaxAgeMs: 10 * 365 * DAY, lockTimeoutMs: 5000 };
      for (let day = 0; day < days; day++)
        await upkeepPartitions(after.db, FIRST_DAY + day * DAY, keepAll, log);
      await upkeepPartitions(after.db, cutoffNow, keepAll, log);
      await fillRollups(db, equipment, days);
      const started = performance.now();
      const run = await upkeepPartitions(after.db, cutoffNow, { ...keepAll, rollupMaxAgeMs: KEEP_MS }, log);
      const dropMs = performance.now() - started;
      if (run.dropped.length < days)
        throw new Error(`expected ${days} partitions dropped, got ${run.dropped.length}`);
      const feedStarted = performance.now();
      await sql`select id, store_id, type, ts from sync_events where kind = 'alarm' order by id desc limit 50`.execute(
        db,
      );
      const feedQueryMs = performance.now() - feedStarted;
      const feedOverPartitions = [];
      for (const partitions of [36, 1095]) feedOverPartitions.push(await feedOver(db, partitions));
      return {
        rows,
        days,
        dropMs,
        chunkedDeleteMs,
        vacuumAfterDeleteMs,
        feedQueryMs,
        partitionsDropped: run.dropped.length,
        feedOverPartitions,
      };
    } finally {
      await after.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * A table shaped like the kept branch cut into `partitions` periods, 200 alarms in the
 * newest; PostgreSQL's own planning and execution times of the feed's page (second run).
 */
async function feedOver(
  db: Kysely<unknown>,
  partitions: number,
): Promise<{ partitions: number; planningMs: number; executionMs: number }> {
  const table = sql.table(`feed_probe_${partitions}`);
  const width = sql.lit(DAY);
  await sql`create table ${table} (id bigint not null, kind text not null, ts bigint not null, payload text not null) partition by range (ts)`.execute(
    db,
  );
  await sql`create index on ${table} (kind, id)`.execute(db);
  await sql
    .raw(`do $$ begin for i in 0..${partitions - 1} loop
      execute format('create table feed_probe_${partitions}_%s partition of feed_probe_${partitions} for values from (%s) to (%s)',
        i, i::bigint * ${DAY}, (i + 1)::bigint * ${DAY});
    end loop; end $$`)
    .execute(db);
  await sql`insert into ${table} select g, 'alarm', ${sql.lit(partitions - 1)}::bigint * ${width} + g, '{}' from generate_series(1, 200) g`.execute(
    db,
  );
  await sql`analyze ${table}`.execute(db);
  const explain = sql<{ 'QUERY PLAN': [{ 'Planning Time': number; 'Execution Time': number }] }>`
    explain (analyze, format json) select id, payload from ${table} where kind = 'alarm' order by id desc limit 50`;
  await explain.execute(db);
  const plan = (await explain.execute(db)).rows[0]?.['QUERY PLAN'][0];
  await sql`drop table ${table}`.execute(db);
  return {
    partitions,
    planningMs: plan?.['Planning Time'] ?? Number.NaN,
    executionMs: plan?.['Execution Time'] ?? Number.NaN,
  };
}

export function retentionBenchRow(f: RetentionBenchFigure): string {
  return [
    `central retention postgres: ${f.rows} minute rollups (${f.days} days of one 10-unit store) expired`,
    `  drop ${f.partitionsDropped} day partitions  ${f.dropMs.toFixed(0).padStart(7)} ms`,
    `  chunked DELETE (before 016)    ${f.chunkedDeleteMs.toFixed(0).padStart(7)} ms + VACUUM ${f.vacuumAfterDeleteMs.toFixed(0)} ms`,
    `  ratio ${(f.chunkedDeleteMs / f.dropMs).toFixed(0)}× (without the VACUUM); alarm feed page after: ${f.feedQueryMs.toFixed(1)} ms`,
    ...f.feedOverPartitions.map(
      (p) =>
        `  alarm feed page over ${String(p.partitions).padStart(4)} partitions: planning ${p.planningMs.toFixed(1)} ms, execution ${p.executionMs.toFixed(1)} ms`,
    ),
  ].join('\n');
}
