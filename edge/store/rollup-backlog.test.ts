import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type Database, openDatabase } from './database';
import { MINUTE_MS } from './readings-store';
import { RollupBacklog } from './rollup-backlog';

let dir: string;
let db: Database;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'galley-'));
  db = openDatabase(dir);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const FRONTIER = 1_000 * MINUTE_MS;

it('notes each late bucket once however many readings land in it, and again after it was recomputed', () => {
  const backlog = new RollupBacklog(db);
  backlog.setFrontier(FRONTIER);
  const late = FRONTIER - 5 * MINUTE_MS;
  for (let i = 0; i < 50; i++) backlog.noteWritten('wic-1', 'temp_c', late + i * 1000);
  backlog.noteWritten('wic-1', 'door_open', late);
  backlog.noteWritten('wic-1', 'temp_c', FRONTIER + 1000);
  expect(backlog.peekLate(10)).toEqual([
    { equipmentId: 'wic-1', metric: 'temp_c', bucketTs: late },
    { equipmentId: 'wic-1', metric: 'door_open', bucketTs: late },
  ]);

  backlog.doneLate(backlog.peekLate(10));
  expect(backlog.pendingLate()).toBe(0);
  // A reading arriving in the same bucket after its recompute makes it pending again.
  backlog.noteWritten('wic-1', 'door_open', late + 2000);
  expect(backlog.peekLate(10)).toEqual([{ equipmentId: 'wic-1', metric: 'door_open', bucketTs: late }]);
});
