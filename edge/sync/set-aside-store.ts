import type { SetAsideEventView } from '../../shared/sync/sync-protocol';
import type { Database } from '../store/database';

/** Under which software an event was refused: another one may accept it. */
export interface SyncVersions {
  edge: string;
  protocol: number;
}

export interface Refusal {
  seq: number;
  reason: string;
  status: number | null;
}

interface PutParams {
  seq: number;
  reason: string;
  status: number | null;
  at: number;
  edge: string;
  protocol: number;
}

interface RetryParams {
  /** 1: every held event; 0: those set aside under other versions than these */
  all: 0 | 1;
  edge: string;
  protocol: number;
}

interface SetAsideRow {
  seq: number;
  ts: number;
  type: string;
  entity_id: number | string;
  reason: string;
  status: number | null;
  set_aside_at: number;
  attempts: number;
}

/** Longer reasons are cut: central's answer is quoted, and it could be a whole HTML page. */
const MAX_REASON_CHARS = 500;

/**
 * Outbox events central refused as invalid, kept out of the outbox so that the events
 * behind them flow (see migration 010). Moving an event here or back is one transaction
 * with its removal from, or copy into, the outbox: it is always in exactly one of them
 * until central stores it.
 */
export class SetAsideStore {
  readonly #db: Database;
  readonly #put;
  readonly #removeFromOutbox;
  readonly #held;
  readonly #newest;
  readonly #copyBack;
  readonly #markRetrying;
  readonly #deliveredOf;
  readonly #retryingCount;
  /** rows copied back into the outbox and not yet stored by central; 0 spares acks a statement */
  #retrying: number;

  constructor(db: Database) {
    this.#db = db;
    // A retried event refused again keeps its row, one attempt more, with the new reason.
    this.#put = db.prepare<[PutParams]>(
      `INSERT INTO sync_set_aside
         (seq, store_id, ts, type, entity_id, payload, priority, reason, status, set_aside_at, edge_version, protocol_version)
       SELECT seq, store_id, ts, type, entity_id, payload, priority, @reason, @status, @at, @edge, @protocol
         FROM outbox WHERE seq = @seq
       ON CONFLICT (seq) DO UPDATE SET state = 'held', reason = excluded.reason, status = excluded.status,
         set_aside_at = excluded.set_aside_at, attempts = attempts + 1,
         edge_version = excluded.edge_version, protocol_version = excluded.protocol_version`,
    );
    this.#removeFromOutbox = db.prepare<[number]>('DELETE FROM outbox WHERE seq = ?');
    this.#held = db.prepare<[], { n: number }>(
      "SELECT count(*) AS n FROM sync_set_aside WHERE state = 'held'",
    );
    this.#newest = db.prepare<[number], SetAsideRow>(
      `SELECT seq, ts, type, entity_id, reason, status, set_aside_at, attempts FROM sync_set_aside
       WHERE state = 'held' ORDER BY set_aside_at DESC, seq DESC LIMIT ?`,
    );
    // Back with its own seq: the outbox's order puts it before everything appended since.
    this.#copyBack = db.prepare<[RetryParams]>(
      `INSERT OR IGNORE INTO outbox (seq, store_id, ts, type, entity_id, payload, priority)
       SELECT seq, store_id, ts, type, entity_id, payload, priority FROM sync_set_aside
       WHERE state = 'held' AND (@all = 1 OR edge_version <> @edge OR protocol_version <> @protocol)`,
    );
    this.#markRetrying = db.prepare<[RetryParams]>(
      `UPDATE sync_set_aside SET state = 'retrying'
       WHERE state = 'held' AND (@all = 1 OR edge_version <> @edge OR protocol_version <> @protocol)`,
    );
    this.#deliveredOf = db.prepare<[string]>(
      "DELETE FROM sync_set_aside WHERE state = 'retrying' AND seq IN (SELECT value FROM json_each(?))",
    );
    this.#retryingCount = db.prepare<[], { n: number }>(
      "SELECT count(*) AS n FROM sync_set_aside WHERE state = 'retrying'",
    );
    this.#retrying = this.#retryingCount.get()?.n ?? 0;
  }

  /** Moves refused events out of the outbox, each with its reason. */
  setAside(refusals: readonly Refusal[], at: number, versions: SyncVersions): void {
    this.#db.transaction(() => {
      for (const { seq, reason, status } of refusals) {
        const params = { seq, reason: reason.slice(0, MAX_REASON_CHARS), status, at, ...versions };
        this.#put.run(params);
        this.#removeFromOutbox.run(seq);
      }
      this.#retrying = this.#retryingCount.get()?.n ?? 0;
    })();
  }

  /**
   * Central stored these outbox events: those of them that were set aside once are done.
   * Called inside the transaction of the outbox ack.
   */
  delivered(seqs: readonly number[]): void {
    if (this.#retrying === 0) return;
    this.#retrying -= this.#deliveredOf.run(JSON.stringify(seqs)).changes;
  }

  /**
   * Puts held events back in the outbox: all of them, or only those set aside under
   * other versions than `versions` (after an upgrade). Returns how many.
   */
  retry(scope: 'all' | SyncVersions): number {
    const params: RetryParams = scope === 'all' ? { all: 1, edge: '', protocol: 0 } : { all: 0, ...scope };
    return this.#db.transaction(() => {
      this.#copyBack.run(params);
      const moved = this.#markRetrying.run(params).changes;
      this.#retrying += moved;
      return moved;
    })();
  }

  held(): number {
    return this.#held.get()?.n ?? 0;
  }

  newest(limit: number): SetAsideEventView[] {
    return this.#newest.all(limit).map((row) => ({
      seq: row.seq,
      type: row.type,
      entityId: String(row.entity_id),
      ts: row.ts,
      reason: row.reason,
      status: row.status,
      setAsideAt: row.set_aside_at,
      attempts: row.attempts,
    }));
  }
}
