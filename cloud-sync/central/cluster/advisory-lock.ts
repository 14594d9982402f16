import { sql } from 'kysely';
import type { CentralDb, CentralDialect } from '../db/central-db';

/**
 * PostgreSQL advisory lock keys: one number per job that at most one central process may
 * run at a time. Fixed here so every version of central agrees on them.
 */
export const ADVISORY_LOCKS = {
  migrations: 7_301_001,
  housekeeping: 7_301_002,
  /** First start: creating the admin account (processes started together would each try). */
  bootstrap: 7_301_003,
  /** Held to commit by ingest transactions that store alarms (see ingest/alarm-feed-order.ts). */
  alarmFeedOrder: 7_301_004,
} as const;

export type AdvisoryLockName = keyof typeof ADVISORY_LOCKS;

/**
 * Runs `job` while holding the session advisory lock `name`, waiting for it when another
 * process holds it. The lock lives on one pooled connection kept for the whole job (a
 * session lock belongs to its connection); a process that dies loses the connection and
 * so the lock. SQLite has one writer process by design: the job just runs.
 */
export async function withAdvisoryLock<T>(
  db: CentralDb,
  dialect: CentralDialect,
  name: AdvisoryLockName,
  job: () => Promise<T>,
): Promise<T> {
  if (dialect !== 'postgres') return job();
  const key = ADVISORY_LOCKS[name];
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${key})`.execute(conn);
    try {
      return await job();
    } finally {
      await sql`select pg_advisory_unlock(${key})`.execute(conn);
    }
  });
}

/**
 * Runs `job` only when no other process holds `name` now; answers `{ ran: false }` at
 * once otherwise. For periodic jobs (retention): the holder does the work for everyone.
 */
export async function ifAdvisoryLockFree<T>(
  db: CentralDb,
  dialect: CentralDialect,
  name: AdvisoryLockName,
  job: () => Promise<T>,
): Promise<{ ran: true; result: T } | { ran: false }> {
  if (dialect !== 'postgres') return { ran: true, result: await job() };
  const key = ADVISORY_LOCKS[name];
  return db.connection().execute(async (conn) => {
    const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${key}) as locked`.execute(
      conn,
    );
    if (!rows[0]?.locked) return { ran: false as const };
    try {
      return { ran: true as const, result: await job() };
    } finally {
      await sql`select pg_advisory_unlock(${key})`.execute(conn);
    }
  });
}
