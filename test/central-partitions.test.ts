import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADVISORY_LOCKS } from '../cloud-sync/central/cluster/advisory-lock';
import { type CentralDatabase, openCentralDatabase } from '../cloud-sync/central/db/central-db';
import { centralMigrations } from '../cloud-sync/central/db/migrations';
import { branchPartitions } from '../cloud-sync/central/db/partitioning-catalog';
import { PARTITIONED_BRANCHES } from '../cloud-sync/central/db/partitioning-layout';
import { CentralHousekeeping } from '../cloud-sync/central/retention/central-housekeeping';
import {
  ADMIN_PASSWORD,
  batchOf,
  event,
  http,
  login,
  postBatch,
  releaseSharedPostgres,
  sharedPostgres,
  startTestCentral,
  type TestCentral,
} from '../cloud-sync/central/testing/central-test-kit';
import type { EquipmentReadings } from '../shared/central/insight-api';
import { FakeClock } from '../shared/server/runtime/fake-clock';
import { silentLogger } from '../shared/server/runtime/logger';
import type { TestPostgres } from '../shared/server/testing/postgres';
import type { SyncEvent } from '../shared/sync/sync-protocol';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MIN = 60_000;
const [ROLLUPS, KEPT] = PARTITIONED_BRANCHES as [
  (typeof PARTITIONED_BRANCHES)[number],
  (typeof PARTITIONED_BRANCHES)[number],
];

const rollup = (seq: number, minuteTs: number): SyncEvent =>
  event(
    seq,
    'rollup.minute',
    'walkin-1',
    { equipmentId: 'walkin-1', minuteTs, metrics: { temp_c: { min: 2, max: 3, avg: 2.5, count: 6 } } },
    minuteTs + MIN,
  );

const partitionNames = async (db: Kysely<unknown>, branch: typeof ROLLUPS) =>
  (await branchPartitions(db, branch)).periods.map((p) => p.name);

// One server for the file, shared with the running-central tests' kit.
let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await sharedPostgres();
}, 60_000);
afterAll(releaseSharedPostgres, 60_000);

describe('migration 016 on a PostgreSQL central that already holds sync history', () => {
  const temps: string[] = [];
  afterEach(() => {
    for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every row with its id, files it by event time, and still stores a redelivery once', async () => {
    const url = await postgres.createDatabase();
    // The database as central left it before 016: every earlier migration, then history.
    const before = new Kysely<unknown>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url }) }),
    });
    const all = await centralMigrations('postgres').getMigrations();
    const earlier = Object.fromEntries(Object.entries(all).filter(([name]) => name < '016'));
    const migrated = await new Migrator({
      db: before,
      provider: { getMigrations: async () => earlier },
      migrationTableName: 'central_migrations',
      migrationLockTableName: 'central_migrations_lock',
      allowUnorderedMigrations: true,
    }).migrateToLatest();
    expect(migrated.error).toBeUndefined();
    await sql`insert into regions (id, name, created_at) values ('east', '华东区', 0)`.execute(before);
    await sql`insert into stores (id, name, region_id, created_at) values ('sh-001', 'Shanghai 001', 'east', 0)`.execute(
      before,
    );
    const history: [number, number, string, string][] = [
      [1, Date.UTC(2025, 11, 31, 23, 59, 59, 999), 'alarm.raised', 'alarm'],
      [2, Date.UTC(2026, 0, 1), 'alarm.cleared', 'alarm'],
      [3, Date.UTC(2026, 0, 3, 23, 59, 59, 999), 'rollup.minute', 'rollup'],
      [4, Date.UTC(2026, 0, 4), 'rollup.minute', 'rollup'],
      [5, Date.UTC(2026, 0, 4, 12), 'rollup.minute', 'rollup'],
      [6, Date.UTC(2026, 0, 4, 12), 'ticket.opened', 'ticket'],
      // A store whose clock said 1970: no partition for that, the default keeps it.
      [7, 5, 'rollup.minute', 'rollup'],
      [8, 5, 'pm.opened', 'pm'],
    ];
    for (const [seq, ts, type, kind] of history)
      await sql`insert into sync_events (store_id, seq, ts, type, kind, entity_id, payload, received_at)
        values ('sh-001', ${seq}, ${ts}, ${type}, ${kind}, 'e', ${JSON.stringify({ seq })}, ${ts + 1})`.execute(
        before,
      );
    const everyRow = sql<{ r: string }>`
      select (id, store_id, seq, ts, type, kind, entity_id, payload, received_at)::text as r from sync_events order by id`;
    const rowsBefore = await everyRow.execute(before);
    await before.destroy();

    const dataDir = mkdtempSync(join(tmpdir(), 'galley-partitions-'));
    temps.push(dataDir);
    const central = await openCentralDatabase({ dataDir, databaseUrl: url });
    try {
      const db = central.db as unknown as Kysely<unknown>;
      expect((await everyRow.execute(db)).rows).toEqual(rowsBefore.rows);
      expect(rowsBefore.rows).toHaveLength(8);
      const placed = await sql<{ seq: number; part: string }>`
        select seq, tableoid::regclass::text as part from sync_events order by seq`.execute(db);
      expect(placed.rows.map((r) => `${r.seq}:${r.part}`)).toEqual([
        '1:sync_events_kept_p202512',
        '2:sync_events_kept_p202601',
        '3:sync_events_rollup_p20260103',
        '4:sync_events_rollup_p20260104',
        '5:sync_events_rollup_p20260104',
        '6:sync_events_kept_p202601',
        '7:sync_events_rollup_default',
        '8:sync_events_kept_default',
      ]);
      // Periods holding rows plus the next two after the newest.
      expect(await partitionNames(db, ROLLUPS)).toEqual([
        'sync_events_rollup_p20260103',
        'sync_events_rollup_p20260104',
        'sync_events_rollup_p20260105',
        'sync_events_rollup_p20260106',
      ]);
      expect(await partitionNames(db, KEPT)).toEqual([
        'sync_events_kept_p202512',
        'sync_events_kept_p202601',
        'sync_events_kept_p202602',
        'sync_events_kept_p202603',
      ]);
      // The same event again (same store, seq, kind and ts) is refused by the once-key;
      // a new one takes the next id after the copied history.
      const again = await sql<{ id: number }>`
        insert into sync_events (store_id, seq, ts, type, kind, entity_id, payload, received_at)
        values ('sh-001', 4, ${Date.UTC(2026, 0, 4)}, 'rollup.minute', 'rollup', 'e', '{}', 99),
               ('sh-001', 9, ${Date.UTC(2026, 0, 4)}, 'rollup.minute', 'rollup', 'e', '{}', 99)
        on conflict do nothing returning id`.execute(db);
      expect(again.rows).toHaveLength(1);
      // (The refused row drew a number from the sequence too, as it would from an identity.)
      expect(Number(again.rows[0]?.id)).toBeGreaterThan(8);
    } finally {
      await central.close();
    }
  });
});

describe('partitioned sync history on a running PostgreSQL central', () => {
  let central: TestCentral;
  let admin: string;
  let storeToken: string;

  const start = async () => {
    central = await startTestCentral('postgres', { housekeeping: { intervalMs: HOUR } });
    admin = await login(central.url, 'admin', ADMIN_PASSWORD);
    await http(`${central.url}/api/admin/stores`, {
      token: admin,
      body: { id: 'sh-001', name: 'Shanghai 001', regionId: 'east' },
    });
    storeToken = (
      await http<{ token: string }>(`${central.url}/api/admin/stores/sh-001/tokens`, {
        token: admin,
        method: 'POST',
      })
    ).body.token;
  };
  afterEach(async () => {
    await central?.stop();
  });
  const db = () => central.service.central.database.db as unknown as Kysely<unknown>;
  const count = async () =>
    Number((await sql<{ n: number }>`select count(*) as n from sync_events`.execute(db())).rows[0]?.n);

  it('stores a batch delivered twice once, across day and month partitions and the default', async () => {
    await start();
    await central.service.housekeeping.runOnce();
    const events = [
      rollup(1, Date.UTC(2026, 0, 5, 23, 58, 59, 999)),
      rollup(2, Date.UTC(2026, 0, 5, 23, 59)),
      event(3, 'ticket.opened', 1, { id: 1 }, Date.UTC(2026, 0, 31, 23, 59, 59, 999)),
      event(4, 'ticket.updated', 1, { id: 1 }, Date.UTC(2026, 1, 1)),
      // Months old: no partition yet, so the default takes it until upkeep carves its day out.
      rollup(5, Date.UTC(2025, 11, 20, 10)),
    ];
    const first = await postBatch(central.url, storeToken, batchOf('sh-001', events));
    expect(first.body.inserted).toBe(5);
    const placed = await sql<{ part: string }>`
      select tableoid::regclass::text as part from sync_events order by seq`.execute(db());
    expect(placed.rows.map((r) => r.part)).toEqual([
      'sync_events_rollup_p20260105',
      'sync_events_rollup_p20260106',
      'sync_events_kept_p202601',
      'sync_events_kept_p202602',
      'sync_events_rollup_default',
    ]);
    const second = await postBatch(central.url, storeToken, batchOf('sh-001', events));
    expect(second.body.inserted).toBe(0);
    expect(await count()).toBe(5);

    // Upkeep moves the old rollup into its own day; a third delivery still finds it.
    const run = await central.service.housekeeping.runOnce();
    expect(run.partitions?.created).toEqual(['sync_events_rollup_p20251220']);
    expect(run.partitions?.movedFromDefault).toBe(1);
    const third = await postBatch(central.url, storeToken, batchOf('sh-001', events));
    expect(third.body.inserted).toBe(0);
    expect(await count()).toBe(5);
  });

  it('waits for a store sync in flight instead of deadlocking with it', async () => {
    await start();
    await central.service.housekeeping.runOnce();
    const now = central.clock.now();
    // A sync as ingest writes it, held open: its store row updated first, its events next.
    const sync = new pg.Client({ connectionString: central.databaseUrl });
    await sync.connect();
    try {
      await sync.query('begin');
      await sync.query(`update stores set last_heard_at = $1 where id = 'sh-001'`, [now]);
      // Upkeep a day later has a partition to make: it must wait for the sync's store row lock...
      const run = central.service.housekeeping.runOnce(now + DAY);
      await vi.waitFor(
        async () => {
          const waiting = await sync.query(
            `select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`,
          );
          expect(waiting.rows[0]?.n).toBeGreaterThan(0);
        },
        { timeout: 5000, interval: 20 },
      );
      // ...without holding the default partition the sync writes to meanwhile (a deadlock if it did).
      await sync.query(
        `insert into sync_events (store_id, seq, ts, type, kind, entity_id, payload, received_at)
         values ('sh-001', 1, $1, 'rollup.minute', 'rollup', 'walkin-1', '{}', $2)`,
        [now - 3 * DAY, now],
      );
      await sync.query('commit');
      const done = await run;
      expect(done.partitions?.created).toContain('sync_events_rollup_p20260108');
    } finally {
      await sync.end();
    }
    expect(await count()).toBe(1);
  });

  it('makes the current and next two periods, and keeps that lead as days pass', async () => {
    await start();
    await central.service.housekeeping.runOnce();
    expect(await partitionNames(db(), ROLLUPS)).toEqual([
      'sync_events_rollup_p20260105',
      'sync_events_rollup_p20260106',
      'sync_events_rollup_p20260107',
    ]);
    expect(await partitionNames(db(), KEPT)).toEqual([
      'sync_events_kept_p202601',
      'sync_events_kept_p202602',
      'sync_events_kept_p202603',
    ]);
    central.clock.advance(3 * DAY);
    await central.service.housekeeping.runOnce();
    expect(await partitionNames(db(), ROLLUPS)).toEqual(
      [5, 6, 7, 8, 9, 10].map((d) => `sync_events_rollup_p202601${String(d).padStart(2, '0')}`),
    );
  });

  it('drops exactly the rollup days past retention, keeps other history, and the readings still answer', async () => {
    await start();
    // The run every start begins: settled first, so the runs below are the ones measured.
    await central.service.housekeeping.runOnce();
    const now = central.clock.now();
    const minutes = {
      expiredAlready: now - 38 * DAY, // past 35 days at the first run: deleted from the default
      expiresTomorrow: now - 34.5 * DAY, // its day ends before tomorrow's cut-off: dropped then
      kept: now - 33 * DAY,
      recent: now - HOUR,
    };
    const events = [
      rollup(1, minutes.expiredAlready),
      rollup(2, minutes.expiresTomorrow),
      rollup(3, minutes.kept),
      rollup(4, minutes.recent),
      event(5, 'ticket.opened', 1, { id: 1 }, minutes.expiredAlready),
    ];
    expect((await postBatch(central.url, storeToken, batchOf('sh-001', events))).body.inserted).toBe(5);
    const first = await central.service.housekeeping.runOnce();
    expect(first.rollupsDeleted).toBe(1);
    expect(first.partitions?.dropped).toEqual([]);

    // The next day's run, by its time (advancing the clock would run it hourly on its own).
    const second = await central.service.housekeeping.runOnce(now + DAY);
    expect(second.partitions?.dropped.map((d) => d.name)).toEqual(['sync_events_rollup_p20251201']);
    const left = await sql<{ seq: number }>`select seq from sync_events order by seq`.execute(db());
    expect(left.rows.map((r) => Number(r.seq))).toEqual([3, 4, 5]);
    expect(second.partitions?.leftInDefault).toEqual({
      sync_events_rollup_default: 0,
      sync_events_kept_default: 0,
    });

    // That run, a day ahead, also expired the admin's session: log in again to read.
    admin = await login(central.url, 'admin', ADMIN_PASSWORD);
    const readings = async (minuteTs: number) => {
      const answer = await http<EquipmentReadings>(
        `${central.url}/api/stores/sh-001/equipment/walkin-1/readings?from=${minuteTs}&to=${minuteTs + MIN}`,
        { token: admin },
      );
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return answer.body.points.map((p) => p.minuteTs);
    };
    expect(await readings(minutes.recent)).toEqual([minutes.recent]);
    expect(await readings(minutes.kept)).toEqual([minutes.kept]);
    expect(await readings(minutes.expiresTomorrow)).toEqual([]);
  });
});

describe('partition upkeep from several central processes on one PostgreSQL', () => {
  const opened: CentralDatabase[] = [];
  afterEach(async () => {
    for (const database of opened.splice(0)) await database.close();
  });

  it('is done by one process at a time: a held lock makes the others skip, a race makes each partition once', async () => {
    const url = await postgres.createDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'galley-partitions-'));
    const clock = new FakeClock();
    const processes: CentralHousekeeping[] = [];
    for (let i = 0; i < 3; i++) {
      const database = await openCentralDatabase({ dataDir, databaseUrl: url });
      opened.push(database);
      processes.push(
        new CentralHousekeeping(
          { db: database.db, dialect: database.dialect, clock, logger: silentLogger() },
          { partitions: { periodsAhead: 12, lockTimeoutMs: 5000 } },
        ),
      );
    }
    const [a, b, c] = processes as [CentralHousekeeping, CentralHousekeeping, CentralHousekeeping];
    const db = opened[0]?.db as unknown as Kysely<unknown>;

    // Another process holds the housekeeping lock: this one skips its round, touching nothing.
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('select pg_advisory_lock($1)', [ADVISORY_LOCKS.housekeeping]);
      const skipped = await a.runOnce();
      expect(skipped.partitions).toBeUndefined();
      expect(await partitionNames(db, ROLLUPS)).toEqual([]);
    } finally {
      await holder.query('select pg_advisory_unlock($1)', [ADVISORY_LOCKS.housekeeping]);
      await holder.end();
    }

    // All three at once: whoever gets the lock makes them; no partition is made twice, no run fails.
    const runs = await Promise.all([a.runOnce(), b.runOnce(), c.runOnce()]);
    const created = runs.flatMap((run) => run.partitions?.created ?? []);
    expect(created).toHaveLength(26);
    expect(new Set(created).size).toBe(26);
    expect(await partitionNames(db, ROLLUPS)).toHaveLength(13);
    expect(await partitionNames(db, KEPT)).toHaveLength(13);
    rmSync(dataDir, { recursive: true, force: true });
  });
});
