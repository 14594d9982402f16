import type { Database } from './database';

export type Atomic = <T>(work: () => T) => T;

const runners = new WeakMap<Database, Atomic>();

/**
 * Runs `work` in one transaction (a savepoint when one is already open), through a
 * wrapper made once per database: better-sqlite3 builds four wrapper functions and
 * defines their properties on every `db.transaction(fn)` call, which a burst of
 * alarms, each with its ticket, paid for several times per fault.
 */
export function atomic(db: Database): Atomic {
  let run = runners.get(db);
  if (!run) {
    const transaction = db.transaction((work: () => unknown) => work());
    run = <T>(work: () => T): T => transaction(work) as T;
    runners.set(db, run);
  }
  return run;
}
