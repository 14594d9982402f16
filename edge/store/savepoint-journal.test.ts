import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { atomic } from './atomic';
import { type Database, openDatabase } from './database';
import { withSavepointJournalInMemory } from './savepoint-journal';

let dir: string;
let db: Database;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'galley-savepoint-journal-'));
  db = openDatabase(dir);
  db.exec('CREATE TABLE t (v INTEGER)');
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const tempStore = () => db.pragma('temp_store', { simple: true });
const MEMORY = 2;

test('keeps the journal in memory while the work runs, then restores the setting', () => {
  const seen = withSavepointJournalInMemory(db, () =>
    atomic(db)(() => {
      atomic(db)(() => db.prepare('INSERT INTO t (v) VALUES (1)').run());
      return tempStore();
    }),
  );
  expect(seen).toBe(MEMORY);
  expect(tempStore()).toBe(0);
  expect(db.prepare('SELECT v FROM t').pluck().all()).toEqual([1]);
});

test('restores the setting when the work throws', () => {
  expect(() =>
    withSavepointJournalInMemory(db, () => {
      throw new Error('refused');
    }),
  ).toThrow('refused');
  expect(tempStore()).toBe(0);
});

test('inside a transaction already open, the caller’s setting stands', () => {
  const seen = atomic(db)(() => withSavepointJournalInMemory(db, tempStore));
  expect(seen).toBe(0);
});

test('a connection with temporary tables keeps them and its setting', () => {
  db.exec('CREATE TEMP TABLE kept (v INTEGER); INSERT INTO kept VALUES (7)');
  const seen = withSavepointJournalInMemory(db, tempStore);
  expect(seen).toBe(0);
  expect(db.prepare('SELECT v FROM kept').pluck().all()).toEqual([7]);
});
