import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { FakeClock } from '../../../shared/server/runtime/fake-clock';
import { silentLogger } from '../../../shared/server/runtime/logger';
import { DATABASE_FILE, migrate, openDatabase } from '../database';
import { ReadingKeys, ReadingsStore } from '../readings-store';
import { RollupBacklog } from '../rollup-backlog';
import { RollupJob } from '../rollup-job';
import { migrations } from './index';

let dir: string | undefined;
const open: BetterSqlite3.Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A database as the edge left it before migration 7, holding raw readings. */
function databaseAtVersion6(): string {
  dir = mkdtempSync(join(tmpdir(), 'galley-'));
  const db = new BetterSqlite3(join(dir, DATABASE_FILE));
  for (const migration of migrations.filter((m) => m.version <= 6)) {
    db.exec(migration.sql);
    db.pragma(`user_version = ${migration.version}`);
  }
  const insert = db.prepare('INSERT INTO readings (equipment_id, metric, ts, value) VALUES (?, ?, ?, ?)');
  for (let i = 0; i < 120; i++) {
    insert.run('wic-1', 'temp_c', 60_000 + i * 1000, 3 + i / 100);
    insert.run('wic-1', 'door_open', 60_000 + i * 1000, i % 2);
  }
  insert.run('fryer-1', 'oil_temp_c', 90_000, 180);
  db.close();
  return dir;
}

it('moves every existing raw reading under its series, readable as before', async () => {
  const dataDir = databaseAtVersion6();
  const db = openDatabase(dataDir);
  open.push(db);
  expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)?.version);
  expect(db.prepare('SELECT count(*) FROM series_readings').pluck().get()).toBe(241);
  expect(db.prepare('SELECT count(*) FROM readings').pluck().get()).toBe(241);
  expect(new ReadingKeys(db).all()).toEqual([
    { equipmentId: 'fryer-1', metric: 'oil_temp_c' },
    { equipmentId: 'wic-1', metric: 'door_open' },
    { equipmentId: 'wic-1', metric: 'temp_c' },
  ]);
  const store = new ReadingsStore(db);
  expect(store.raw('wic-1', 'temp_c', 60_000, 62_000)).toEqual([
    { ts: 60_000, value: 3 },
    { ts: 61_000, value: 3.01 },
  ]);
  // A redelivery of a moved reading is still recognised by the key.
  expect(store.insertRaw('wic-1', 'temp_c', 60_000, 99)).toBe(false);
  expect(store.insertRaw('wic-1', 'temp_c', 300_000, 4)).toBe(true);

  // The rollup job reads the moved rows: two full minutes of temp_c.
  const clock = new FakeClock(10 * 60_000);
  const rollups = new RollupJob({ db, clock, logger: silentLogger(), backlog: new RollupBacklog(db) });
  await rollups.runOnce();
  const minute = db
    .prepare(
      "SELECT count, min, max, last FROM rollups_1m WHERE equipment_id = 'wic-1' AND metric = 'temp_c' AND bucket_ts = 60000",
    )
    .get();
  expect(minute).toEqual({ count: 60, min: 3, max: 3.59, last: 3.59 });
  // Migrating again is a no-op.
  migrate(db);
  expect(db.prepare('SELECT count(*) FROM series_readings').pluck().get()).toBe(242);
});
