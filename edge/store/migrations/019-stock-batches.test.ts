import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { DATABASE_FILE, migrate } from '../database';
import { migrations } from './index';

let dir: string | undefined;
let db: BetterSqlite3.Database | undefined;
afterEach(() => {
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const insertMovement = (reason: string) =>
  db
    ?.prepare(
      `INSERT INTO stock_movements (ingredient, delta_milli, reason, counted_milli, ref, at, business_date, by)
       VALUES ('mayonnaise', ?, ?, ?, 'r', 1, '2026-12-07', 'x')`,
    )
    .run(reason === 'count' ? 0 : -5_000, reason, reason === 'count' ? 3_000_000 : null);

it('keeps the ledger, ids and all, and lets it record batches made', () => {
  dir = mkdtempSync(join(tmpdir(), 'galley-'));
  db = new BetterSqlite3(join(dir, DATABASE_FILE));
  for (const migration of migrations.filter((m) => m.version <= 18)) {
    db.exec(migration.sql);
    db.pragma(`user_version = ${migration.version}`);
  }
  insertMovement('count');
  insertMovement('sale');
  expect(() => insertMovement('production')).toThrow(/CHECK constraint failed/);

  migrate(db);
  expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(19);
  expect(
    db.prepare('SELECT id, reason, delta_milli, counted_milli FROM stock_movements ORDER BY id').all(),
  ).toEqual([
    { id: 1, reason: 'count', delta_milli: 0, counted_milli: 3_000_000 },
    { id: 2, reason: 'sale', delta_milli: -5_000, counted_milli: null },
  ]);
  insertMovement('production');
  expect(() => insertMovement('stolen')).toThrow(/CHECK constraint failed/);
  const indexes = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'stock_movements' ORDER BY name",
    )
    .pluck()
    .all();
  expect(indexes).toEqual(['stock_movements_day', 'stock_movements_ingredient']);
  db.prepare(
    `INSERT INTO stock_batches (sub_recipe, batches, qty_milli, made_at, made_by, business_date)
     VALUES ('sauce', 3, 6000000, 1, 'cook', '2026-12-07')`,
  ).run();
  expect(() =>
    db
      ?.prepare(
        `INSERT INTO stock_batches (sub_recipe, qty_milli, made_at, made_by, business_date)
         VALUES ('sauce', 0, 1, 'cook', '2026-12-07')`,
      )
      .run(),
  ).toThrow(/CHECK constraint failed/);
});
