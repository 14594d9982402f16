import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { migrations } from './migrations/index';

export type Database = BetterSqlite3.Database;

export const DATABASE_FILE = 'galley.sqlite';

/**
 * Opens (creating if needed) the edge database in `dataDir` and brings its schema
 * up to date. WAL lets the API read while ingest writes; synchronous=FULL makes a
 * commit survive power loss, which is what a PUBACK promises (group commit pays for it).
 */
export function openDatabase(dataDir: string): Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new BetterSqlite3(join(dataDir, DATABASE_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

export function migrate(db: Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}

/**
 * Runs `fn`, whose transactions then commit without waiting for the disk. Only for
 * state derived from data that is already durable, written after every ingest batch
 * (maintenance meters counted from committed readings): an fsync there would double
 * the disk waits of ingest for nothing a PUBACK promised. WAL with synchronous=NORMAL
 * stays consistent on power loss; at worst the last few such commits are lost (a
 * few seconds of meter counting), and the next durable commit syncs them anyway.
 */
export function withoutCommitSync<T>(db: Database, fn: () => T): T {
  // Inside a caller's transaction the caller's commit decides; the pragma would not apply.
  if (db.inTransaction) return fn();
  db.pragma('synchronous = NORMAL');
  try {
    return fn();
  } finally {
    db.pragma('synchronous = FULL');
  }
}
