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
 * writes nobody was promised durability for: state derived from data that is already
 * durable (maintenance meters counted from committed readings), and ingest batches
 * that hold no message a client waits to have acknowledged (QoS 0 only). With WAL and
 * synchronous=NORMAL such a commit survives a crash of the process; an OS crash or power
 * loss can lose the last few of them (never a durable commit, and the database stays
 * consistent), and the next durable commit syncs them anyway.
 */
export function withoutCommitSync<T>(db: Database, fn: () => T): T {
  // Inside a caller's transaction the caller's commit decides; the pragma would not apply.
  if (db.inTransaction) return fn();
  // exec, not pragma(): SQLite applies this pragma when it is compiled, so it cannot be a
  // reused prepared statement, and exec skips the statement object pragma() builds.
  db.exec('PRAGMA synchronous = NORMAL');
  try {
    return fn();
  } finally {
    db.exec('PRAGMA synchronous = FULL');
  }
}
