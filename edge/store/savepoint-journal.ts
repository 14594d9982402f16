import type { Statement } from 'better-sqlite3';
import type { Database } from './database';

/** SQLite's numbers for `PRAGMA temp_store`. */
const TEMP_STORE_MEMORY = 2;

interface TempState {
  store: number;
  /** SQLite has opened the connection's temporary database (ALTER TABLE … DROP COLUMN does). */
  tempOpen: number;
}

const stateQueries = new WeakMap<Database, Statement<[], TempState>>();

function tempState(db: Database): TempState | undefined {
  let query = stateQueries.get(db);
  if (!query) {
    query = db.prepare<[], TempState>(
      `SELECT (SELECT temp_store FROM pragma_temp_store) AS store,
         EXISTS (SELECT 1 FROM pragma_database_list WHERE name = 'temp') AS tempOpen`,
    );
    stateQueries.set(db, query);
  }
  return query.get();
}

/**
 * A new temp_store closes the temporary database, dropping whatever is in it (an empty one
 * costs SQLite one reload of the schema, once). Asked only once it is open: naming `temp`
 * in a statement opens it.
 */
function holdsTemporaryObjects(db: Database): boolean {
  return db.prepare<[], number>('SELECT count(*) FROM temp.sqlite_master').pluck().get() !== 0;
}

/**
 * Runs `fn`, whose transaction keeps its savepoint journal in memory. A savepoint copies
 * every page it first changes into SQLite's sub-journal, which moves to a temporary file
 * once it passes 64 KiB (15 pages) and stays a file until the transaction ends: from then
 * on every page a savepoint touches costs a 4 KiB write(). A fault's alarm and the ticket
 * it opens each run in a savepoint (so a failure loses only their own writes) and touch
 * some twenty pages of tables and indexes, so a burst of faults paid for thousands of
 * writes. In memory the journal holds one outermost savepoint at a time: SQLite empties it
 * when that savepoint is released.
 *
 * temp_store also decides where sorts and temporary tables go, so it is MEMORY only while
 * `fn` runs, not for the connection's large queries. SQLite decides where the journal goes
 * when the transaction starts writing, so inside a caller's transaction the caller's setting
 * stands. A connection with temporary tables or triggers keeps its setting: changing it
 * would drop them.
 */
export function withSavepointJournalInMemory<T>(db: Database, fn: () => T): T {
  if (db.inTransaction) return fn();
  const state = tempState(db);
  if (!state || state.store === TEMP_STORE_MEMORY || (state.tempOpen && holdsTemporaryObjects(db)))
    return fn();
  // exec, not pragma(): SQLite applies this pragma when it is compiled (see withoutCommitSync).
  db.exec(`PRAGMA temp_store = ${TEMP_STORE_MEMORY}`);
  try {
    return fn();
  } finally {
    db.exec(`PRAGMA temp_store = ${state.store}`);
  }
}
