import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, type SqliteDatabase, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Logger } from '../../../shared/server/runtime/logger';
import { withAdvisoryLock } from '../cluster/advisory-lock';
import { centralMigrations } from './migrations';
import type { CentralTables } from './schema';

export type CentralDialect = 'sqlite' | 'postgres';
export type CentralDb = Kysely<CentralTables>;

export interface CentralDatabase {
  db: CentralDb;
  dialect: CentralDialect;
  close(): Promise<void>;
}

export class CentralDbError extends Error {
  constructor(
    readonly code: 'CENTRAL_DB_MIGRATION' | 'CENTRAL_DB_OPEN',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'CentralDbError';
  }
}

export const CENTRAL_SQLITE_FILE = 'central.sqlite';

const PG_INT8 = 20;
const PG_NUMERIC = 1700;

/**
 * Opens central's database and brings its schema up to date: PostgreSQL when a
 * connection string is given, else a SQLite file under `dataDir`.
 */
export async function openCentralDatabase(options: {
  dataDir: string;
  databaseUrl?: string | undefined;
  logger?: Logger | undefined;
}): Promise<CentralDatabase> {
  const opened = options.databaseUrl
    ? openPostgres(options.databaseUrl, options.logger)
    : openSqlite(options.dataDir);
  try {
    await migrate(opened);
  } catch (err) {
    await opened.close();
    throw err;
  }
  return opened;
}

function openSqlite(dataDir: string): CentralDatabase {
  mkdirSync(dataDir, { recursive: true });
  const file = new Sqlite(join(dataDir, CENTRAL_SQLITE_FILE));
  file.pragma('journal_mode = WAL');
  // An acknowledged sync batch must be on disk: the edge deletes it from its outbox on the
  // ack, so a power loss must not take back what central said it stored. FULL syncs the
  // WAL at every commit; ingest commits a group of batches at once, so that is one fsync
  // per group, not per event.
  file.pragma('synchronous = FULL');
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 5000');
  const db = new Kysely<CentralTables>({
    dialect: new SqliteDialect({ database: withStatementCache(file) }),
  });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/** Distinct SQL texts kept prepared; queries with variable IN lists would otherwise grow it without end. */
const MAX_CACHED_STATEMENTS = 1000;

/**
 * Kysely prepares every query afresh; under a burst of syncing stores re-preparing
 * the same few statements cost as much as running them. Reusing a prepared statement
 * is safe here because Kysely's SQLite driver runs one query at a time on its single
 * connection (a stream holds the connection until it ends).
 */
function withStatementCache(file: Sqlite.Database): SqliteDatabase {
  const cache = new Map<string, Sqlite.Statement>();
  return {
    close: () => file.close(),
    prepare: (sql) => {
      let statement = cache.get(sql);
      if (!statement) {
        statement = file.prepare(sql);
        if (cache.size >= MAX_CACHED_STATEMENTS) cache.clear();
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

function openPostgres(connectionString: string, logger: Logger | undefined): CentralDatabase {
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    // Epoch-ms columns are bigint; they fit a JS number, so read them as numbers like SQLite does.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === PG_INT8 || oid === PG_NUMERIC
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle pooled connection the server drops (PostgreSQL restarted, failed over, a network
  // cut) is reported here; unhandled, it would end the process. pg has already removed it
  // from the pool, and the next query opens a new one, so a log line is all it takes.
  let idleConnectionsLost = 0;
  pool.on('error', (err) => {
    idleConnectionsLost++;
    logger?.child({ ns: 'central.db' }).warn({ err, idleConnectionsLost }, 'idle PostgreSQL connection lost');
  });
  // A connection checked out of the pool (a query in flight, an advisory lock held) reports a
  // dropped socket on itself, not on the pool: without a listener that error would end the
  // process. The query in flight still fails and its caller answers; this only keeps the
  // process alive and says so.
  let busyConnectionsLost = 0;
  pool.on('connect', (client) => {
    client.on('error', (err) => {
      busyConnectionsLost++;
      logger?.child({ ns: 'central.db' }).warn({ err, busyConnectionsLost }, 'PostgreSQL connection lost');
    });
  });
  const db = new Kysely<CentralTables>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

async function migrate(opened: CentralDatabase): Promise<void> {
  const migrator = new Migrator({
    db: opened.db,
    provider: centralMigrations(opened.dialect),
    migrationTableName: 'central_migrations',
    migrationLockTableName: 'central_migrations_lock',
    // Numbers are reserved per room, so a database may have run 010–012 before 009 existed:
    // run the missing one rather than refuse to open (each only adds its own tables).
    allowUnorderedMigrations: true,
  });
  // Several processes starting together on an empty database: one migrates, the others
  // wait on the lock and then find nothing left to do.
  const { error, results } = await withAdvisoryLock(opened.db, opened.dialect, 'migrations', () =>
    migrator.migrateToLatest(),
  );
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new CentralDbError('CENTRAL_DB_MIGRATION', `central migration ${failed} failed`, { cause: error });
  }
}
