import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { atomic } from './atomic';
import { type Database, openDatabase } from './database';

let dir: string;
let db: Database;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'galley-atomic-'));
  db = openDatabase(dir);
  db.exec('CREATE TABLE t (v INTEGER)');
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = () => (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
const insert = (v: number) => db.prepare('INSERT INTO t (v) VALUES (?)').run(v);

test('commits the work and hands back its result', () => {
  const result = atomic(db)(() => {
    insert(1);
    return 'done';
  });
  expect(result).toBe('done');
  expect(count()).toBe(1);
  expect(db.inTransaction).toBe(false);
});

test('a throw rolls back all of the work', () => {
  expect(() =>
    atomic(db)(() => {
      insert(1);
      throw new Error('refused');
    }),
  ).toThrow('refused');
  expect(count()).toBe(0);
});

test('nested, a throw rolls back only the inner work, and the outer still commits', () => {
  atomic(db)(() => {
    insert(1);
    try {
      atomic(db)(() => {
        insert(2);
        throw new Error('inner refused');
      });
    } catch {
      // the outer goes on
    }
    insert(3);
  });
  expect(db.prepare('SELECT v FROM t ORDER BY v').all()).toEqual([{ v: 1 }, { v: 3 }]);
});

test('one runner per database', () => {
  expect(atomic(db)).toBe(atomic(db));
});
