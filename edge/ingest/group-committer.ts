import type { Clock, TimerHandle } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
import type { Database } from '../store/database';
import { CommitFailedError, IngestStoppedError } from './rejection';

export interface GroupCommitterDeps<R> {
  db: Database;
  clock: Clock;
  logger: Logger;
  /** flush this long after the first waiting item… */
  maxDelayMs: number;
  /** …or as soon as this many are waiting, whichever comes first */
  maxBatch: number;
  /** told the results of each committed transaction, in commit order */
  onCommitted?: (results: R[]) => void;
}

interface Pending<R> {
  apply: () => R;
  resolve: (result: R) => void;
  reject: (err: Error) => void;
}

export interface GroupCommitStats {
  transactions: number;
  committedItems: number;
  failedItems: number;
}

/**
 * Runs many small writes in one SQLite transaction. With synchronous=FULL each
 * commit costs an fsync; sharing it among all messages that arrived within a few
 * milliseconds keeps the "acknowledged only once durable" promise cheap. Each
 * promise settles only after its transaction committed (or failed).
 */
export class GroupCommitter<R> {
  readonly #deps: GroupCommitterDeps<R>;
  readonly #log: Logger;
  #queue: Pending<R>[] = [];
  #timer: TimerHandle | undefined;
  #closed = false;
  readonly stats: GroupCommitStats = { transactions: 0, committedItems: 0, failedItems: 0 };

  constructor(deps: GroupCommitterDeps<R>) {
    this.#deps = deps;
    this.#log = deps.logger.child({ ns: 'group-commit' });
  }

  /** `apply` runs inside the shared transaction; it must only do synchronous database work. */
  submit(apply: () => R): Promise<R> {
    if (this.#closed) return Promise.reject(new IngestStoppedError());
    return new Promise<R>((resolve, reject) => {
      this.#queue.push({ apply, resolve, reject });
      if (this.#queue.length >= this.#deps.maxBatch) this.flush();
      else this.#timer ??= this.#deps.clock.setTimeout(() => this.flush(), this.#deps.maxDelayMs);
    });
  }

  get waiting(): number {
    return this.#queue.length;
  }

  /** Commits everything waiting now. */
  flush(): void {
    if (this.#timer) this.#deps.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#queue.length === 0) return;
    const batch = this.#queue;
    this.#queue = [];
    let results: R[];
    try {
      results = this.#deps.db.transaction(() => batch.map((item) => item.apply()))();
    } catch (err) {
      this.#log.error({ err, items: batch.length }, 'group commit failed; retrying items one by one');
      this.#commitOneByOne(batch);
      return;
    }
    this.stats.transactions += 1;
    this.stats.committedItems += batch.length;
    this.#announce(results);
    batch.forEach((item, i) => {
      item.resolve(results[i] as R);
    });
  }

  /** Flushes what is waiting and refuses further writes. */
  close(): void {
    this.flush();
    this.#closed = true;
  }

  /** Reopens after `close()` (modules can be started again). */
  open(): void {
    this.#closed = false;
  }

  /**
   * One bad item must not cost the others their data: after a failed batch each is
   * tried in its own transaction, and only the ones that fail again are refused.
   */
  #commitOneByOne(batch: Pending<R>[]): void {
    const committed: { item: Pending<R>; result: R }[] = [];
    for (const item of batch) {
      try {
        const result = this.#deps.db.transaction(item.apply)();
        this.stats.transactions += 1;
        this.stats.committedItems += 1;
        committed.push({ item, result });
      } catch (err) {
        this.stats.failedItems += 1;
        this.#log.error({ err }, 'commit failed; the message is not acknowledged');
        item.reject(new CommitFailedError(err));
      }
    }
    this.#announce(committed.map((c) => c.result));
    for (const c of committed) c.item.resolve(c.result);
  }

  #announce(results: R[]): void {
    if (!this.#deps.onCommitted || results.length === 0) return;
    try {
      this.#deps.onCommitted(results);
    } catch (err) {
      // Data is committed already; a failing listener must not turn that into a refusal.
      this.#log.error({ err }, 'after-commit listener failed');
    }
  }
}
