import { sql, type Transaction } from 'kysely';
import { type SyncBatch, SyncEventKind } from '../../../shared/sync/sync-protocol';
import { ADVISORY_LOCKS } from '../cluster/advisory-lock';
import type { CentralDialect } from '../db/central-db';
import type { CentralTables } from '../db/schema';

/**
 * The regional page's live feed polls with `after=<highest id seen>`. An id is taken when a
 * row is inserted, but the row is seen only once its transaction commits; with several
 * central processes writing at once, a process could commit alarm 105 while another still
 * holds alarm 100 uncommitted, and a poll in between would move its cursor past 100 for good.
 *
 * So on PostgreSQL a transaction that stores an alarm event first takes a transaction-scoped
 * advisory lock, before any other lock and before any id is drawn, and keeps it to its commit:
 * alarm ids then become visible in the order they were drawn. Only groups that carry alarms
 * wait (telemetry, the bulk of the traffic, never does). PostgreSQL makes a commit visible
 * before it releases its locks, so the next holder draws higher ids than anything visible.
 * SQLite has one writer at a time: its ids are already drawn in commit order.
 */
export async function holdAlarmFeedOrder(
  trx: Transaction<CentralTables>,
  dialect: CentralDialect,
  batches: readonly SyncBatch[],
): Promise<boolean> {
  if (dialect !== 'postgres') return false;
  if (!carriesAlarmEvents(batches)) return false;
  await sql`select pg_advisory_xact_lock(${ADVISORY_LOCKS.alarmFeedOrder})`.execute(trx);
  return true;
}

/** Whether a group stores alarm events (`alarm.*`): only those move the live feed. */
export function carriesAlarmEvents(batches: readonly SyncBatch[]): boolean {
  return batches.some((batch) => batch.events.some((e) => SyncEventKind(e.type) === 'alarm'));
}
