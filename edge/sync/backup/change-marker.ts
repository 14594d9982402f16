import BetterSqlite3 from 'better-sqlite3';

/**
 * Tells whether the store database changed since a backup was taken. `PRAGMA data_version`
 * is per connection: it moves when *another* connection commits, never for the
 * connection's own writes. So the marker keeps a connection of its own: every writer of the
 * box (the main connection, the ingest writer's thread) is another connection, and any
 * commit of theirs moves it; the backup job writes its own upload log through this one, so
 * noting a backup is not itself a change that calls for the next. Cheaper and more exact
 * than the outbox seq (readings and the minute log change the database between two outbox
 * events) or the WAL's size (a checkpoint resets it).
 */
export class ChangeMarker {
  readonly #db: BetterSqlite3.Database;
  readonly #version;
  #marked: number | undefined;

  constructor(file: string) {
    this.#db = new BetterSqlite3(file, { fileMustExist: true });
    this.#db.pragma('busy_timeout = 5000');
    this.#version = this.#db.prepare<[], { data_version: number }>('PRAGMA data_version');
  }

  /** The marker's own connection: what is written through it does not count as a change. */
  get connection(): BetterSqlite3.Database {
    return this.#db;
  }

  /** The database's version now; taken before a copy starts, so commits during the copy count. */
  current(): number {
    return this.#version.get()?.data_version ?? 0;
  }

  /** True before the first mark, and whenever another connection committed since it. */
  changedSince(): boolean {
    return this.#marked === undefined || this.current() !== this.#marked;
  }

  /** Notes that everything up to `version` is backed up. */
  mark(version: number): void {
    this.#marked = version;
  }

  close(): void {
    this.#db.close();
  }
}
