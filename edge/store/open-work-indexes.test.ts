import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { OPEN_FOR_EQUIPMENT_SQL } from '../domains/alarms/alarm-store';
import { UNFINISHED_FOR_FAULT_SQL } from '../domains/tickets/ticket-store';
import { type Database, openDatabase } from './database';

let dir: string | undefined;
let db: Database | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function planOf(sql: string, ...params: string[]): string {
  dir ??= mkdtempSync(join(tmpdir(), 'galley-plan-'));
  db ??= openDatabase(dir);
  const rows = db.prepare<string[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).all(...params);
  return rows.map((r) => r.detail).join('; ');
}

// A partial index is used only while the query's WHERE says exactly what the index's does:
// these fail when one of them is edited without the other, before a store's history makes it slow.
it('finds the unfinished ticket of a fault from the partial index, not from the machine’s history', () => {
  expect(planOf(UNFINISHED_FOR_FAULT_SQL, 'wic-1', 'temp_high')).toContain('USING INDEX tickets_unfinished');
});

it('finds the open alarms of a machine from the partial index', () => {
  expect(planOf(OPEN_FOR_EQUIPMENT_SQL, 'wic-1')).toContain('USING INDEX alarms_open_by_equipment');
});
