import type { Clock, TimerHandle } from '../../shared/server/runtime/clock';
import type { Logger } from '../../shared/server/runtime/logger';
import { CommitFailedError, IngestStoppedError } from './rejection';
import type { BatchOutcome, WriteOp, WriteOutcome } from './write-ops';

/**
 * Below this many waiting items the delay gathers more (a trickle of devices would
 * otherwise cost an fsync each); from here on a batch is worth its fsync right away.
 */
export const DEFAULT_EAGER_FLUSH_AT = 64;

/**
 * Commits a batch in one transaction (falling back to one per op); may answer later.
 * `durable`: some op in it has a client holding its acknowledgement, so the commit must
 * reach the disk before it returns; without one it may skip the fsync (QoS 0 only).
 */
export type BatchCommit = (ops: WriteOp[], durable: boolean) => BatchOutcome | Promise<BatchOutcome>;

export interface GroupCommitterDeps {
  clock: Clock;
  logger: Logger;
  commit: BatchCommit;
  /** flush this long after the first waiting item… */
  maxDelayMs: number;
  /** …or as soon as this many are waiting, whichever comes first */
  maxBatch: number;
  /**
   * …or, once this many waiting items have a client holding its acknowledgement for
   * them, as soon as what arrived in this turn of the event loop is in (a QoS 1 window
   * should not wait out the delay; QoS 0 has nobody waiting and keeps gathering)
   */
  eagerFlushAt?: number;
  /** told the committed ops and their outcomes, in commit order */
  onCommitted?: (ops: WriteOp[], outcomes: WriteOutcome[]) => void;
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
 * promise settles only after its transaction committed (or failed). When commits
 * answer asynchronously, one batch is in flight at a time and the next one gathers
 * meanwhile.
 */
export class GroupCommitter {
  readonly #deps: GroupCommitterDeps;
  readonly #log: Logger;
  #ops: WriteOp[] = [];
  /** one per op; undefined for an op nobody waits on (`enqueue`) */
  #settlers: (Settler | undefined)[] = [];
  #timer: TimerHandle | undefined;
  #endOfTurn: NodeJS.Immediate | undefined;
  #awaited = 0;
  #inFlight: Promise<void> | undefined;
  #closed = false;
  readonly stats: GroupCommitStats = { transactions: 0, committedItems: 0, failedItems: 0 };

  constructor(deps: GroupCommitterDeps) {
    this.#deps = deps;
    this.#log = deps.logger.child({ ns: 'group-commit' });
  }

  /** Settles once the op is committed (or failed); what it changed goes to `onCommitted`. */
  submit(op: WriteOp, awaited = false): Promise<void> {
    if (this.#closed) return Promise.reject(new IngestStoppedError());
    return new Promise<void>((resolve, reject) => {
      this.#ops.push(op);
      this.#settlers.push({ resolve, reject });
      if (awaited) this.#awaited += 1;
      this.#scheduleFlush();
    });
  }

  /**
   * Queues an op nobody waits on (a QoS 0 message): no promise to settle, which at
   * tens of thousands of messages a second is garbage the collector notices. A
   * failure is counted and logged here. False when closed: nothing was queued.
   */
  enqueue(op: WriteOp): boolean {
    if (this.#closed) return false;
    this.#ops.push(op);
    this.#settlers.push(undefined);
    this.#scheduleFlush();
    return true;
  }

  #scheduleFlush(): void {
    if (this.#ops.length >= this.#deps.maxBatch) this.flush();
    else {
      this.#timer ??= this.#deps.clock.setTimeout(() => this.flush(), this.#deps.maxDelayMs);
      // Not time but event-loop order: runs after the I/O callbacks of this turn, so the
      // batch holds everything that arrived with it, and a full window commits at once.
      if (this.#awaited >= (this.#deps.eagerFlushAt ?? DEFAULT_EAGER_FLUSH_AT))
        this.#endOfTurn ??= setImmediate(() => this.flush());
    }
  }

  get waiting(): number {
    return this.#ops.length;
  }

  /** Commits everything waiting now (or as soon as the batch in flight is done). */
  flush(): void {
    if (this.#timer) this.#deps.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#endOfTurn) clearImmediate(this.#endOfTurn);
    this.#endOfTurn = undefined;
    if (this.#ops.length === 0 || this.#inFlight) return;
    const ops = this.#ops;
    const settlers = this.#settlers;
    const durable = this.#awaited > 0;
    this.#ops = [];
    this.#settlers = [];
    this.#awaited = 0;
    let answer: BatchOutcome | Promise<BatchOutcome>;
    try {
      answer = this.#deps.commit(ops, durable);
    } catch (err) {
      this.#settle(ops, settlers, failedBatch(ops, err));
      return;
    }
    if (!(answer instanceof Promise)) {
      this.#settle(ops, settlers, answer);
      return;
    }
    this.#inFlight = answer.then(
      (outcome) => this.#settle(ops, settlers, outcome),
      (err: unknown) => this.#settle(ops, settlers, failedBatch(ops, err)),
    );
    void this.#inFlight.finally(() => {
      this.#inFlight = undefined;
      // What gathered meanwhile has waited a whole commit already: it goes next.
      if (this.#ops.length > 0) this.flush();
    });
  }

  /** Flushes what is waiting and refuses further writes; resolves once all of it is settled. */
  async close(): Promise<void> {
    this.flush();
    this.#closed = true;
    while (this.#inFlight) {
      await this.#inFlight;
      // The batch gathered meanwhile is flushed by the in-flight batch's completion.
      await Promise.resolve();
    }
  }

  /** Reopens after `close()` (modules can be started again). */
  open(): void {
    this.#closed = false;
  }

  #settle(ops: WriteOp[], settlers: (Settler | undefined)[], batch: BatchOutcome): void {
    if (batch.batchError) {
      this.#log.error(
        { err: batch.batchError, items: ops.length },
        'group commit failed; retried items one by one',
      );
    }
    this.stats.transactions += batch.transactions;
    const committedOps: WriteOp[] = [];
    const committed: WriteOutcome[] = [];
    for (let i = 0; i < ops.length; i++) {
      const outcome = batch.outcomes[i];
      if (!outcome || outcome.kind === 'failed') continue;
      committedOps.push(ops[i] as WriteOp);
      committed.push(outcome);
    }
    this.stats.committedItems += committed.length;
    this.#announce(committedOps, committed);
    let unawaitedFailed = 0;
    let unawaitedError: string | undefined;
    for (let i = 0; i < settlers.length; i++) {
      const settler = settlers[i];
      const outcome = batch.outcomes[i];
      if (outcome && outcome.kind !== 'failed') {
        settler?.resolve();
        continue;
      }
      this.stats.failedItems += 1;
      const message = outcome?.message ?? 'no outcome for this item';
      if (!settler) {
        unawaitedFailed += 1;
        unawaitedError ??= message;
        continue;
      }
      this.#log.error({ err: message }, 'commit failed; the message is not acknowledged');
      settler.reject(new CommitFailedError(new Error(message)));
    }
    if (unawaitedFailed > 0) {
      this.#log.error(
        { err: unawaitedError, items: unawaitedFailed },
        'commit failed; messages nobody waited on (QoS 0) are lost',
      );
    }
  }

  #announce(ops: WriteOp[], outcomes: WriteOutcome[]): void {
    if (!this.#deps.onCommitted || outcomes.length === 0) return;
    try {
      this.#deps.onCommitted(ops, outcomes);
    } catch (err) {
      // Data is committed already; a failing listener must not turn that into a refusal.
      this.#log.error({ err }, 'after-commit listener failed');
    }
  }
}

interface Settler {
  resolve: () => void;
  reject: (err: Error) => void;
}

function failedBatch(ops: WriteOp[], err: unknown): BatchOutcome {
  const message = err instanceof Error ? err.message : String(err);
  return { outcomes: ops.map(() => ({ kind: 'failed', message })), transactions: 0, batchError: message };
}
