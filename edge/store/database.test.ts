import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { type Database, openDatabase, withoutCommitSync } from './database';

const FULL = 2;
const NORMAL = 1;
let db: Database | undefined;
let dir: string | undefined;
afterEach(() => {
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function open(): Database {
  dir = mkdtempSync(join(tmpdir(), 'galley-db-'));
  db = openDatabase(dir);
  return db;
}

const synchronous = (d: Database) => d.pragma('synchronous', { simple: true });

it('commits derived state without an fsync and restores FULL afterwards, also when it throws', () => {
  const d = open();
  expect(synchronous(d)).toBe(FULL);
  const seen = withoutCommitSync(d, () => {
    d.prepare("INSERT INTO kv (key, value) VALUES ('a', '1')").run();
    return synchronous(d);
  });
  expect(seen).toBe(NORMAL);
  expect(synchronous(d)).toBe(FULL);
  expect(() =>
    withoutCommitSync(d, () => {
      throw new Error('boom');
    }),
  ).toThrow('boom');
  expect(synchronous(d)).toBe(FULL);
  expect(d.prepare("SELECT value FROM kv WHERE key = 'a'").pluck().get()).toBe('1');
});

it("inside a caller's transaction leaves the caller's durability alone", () => {
  const d = open();
  const seen = d.transaction(() => withoutCommitSync(d, () => synchronous(d)))();
  expect(seen).toBe(FULL);
});
