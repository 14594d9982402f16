import type { SyncEvent } from '../../shared/sync/sync-protocol';
import type { Database } from '../store/database';
import { OUTBOX_LANE } from './outbox-writer';

interface OutboxRow {
  seq: number;
  ts: number;
  type: string;
  entity_id: number | string;
  payload: string;
}

export interface SyncCursor {
  lastAckedSeq: number;
  ackedEvents: number;
  droppedRollups: number;
  lastSuccessAt: number | null;
}

export interface Backlog {
  high: number;
  low: number;
}

/**
 * The outbox as the pusher sees it: what is left is what central has not confirmed.
 * An ack deletes the batch's rows and advances the cursor in one transaction, so a
 * crash anywhere leaves either the whole batch to resend or none of it.
 */
export class OutboxStore {
  readonly #db: Database;
  readonly #lane;
  readonly #count;
  readonly #oldestTs;
  readonly #highestSeq;
  readonly #cursor;
  readonly #deleteSeqs;
  readonly #recordAck;
  readonly #oldestLow;
  readonly #recordDropped;

  readonly #onAcknowledged: ((seqs: readonly number[]) => void) | undefined;

  /** `onAcknowledged` runs inside the ack's transaction (the set-aside table forgets retried events). */
  constructor(db: Database, onAcknowledged?: (seqs: readonly number[]) => void) {
    this.#db = db;
    this.#onAcknowledged = onAcknowledged;
    this.#lane = db.prepare<[number, number], OutboxRow>(
      'SELECT seq, ts, type, entity_id, payload FROM outbox WHERE priority = ? ORDER BY seq LIMIT ?',
    );
    this.#count = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM outbox WHERE priority = ?');
    this.#oldestTs = db.prepare<[number], { ts: number }>(
      'SELECT ts FROM outbox WHERE priority = ? ORDER BY seq LIMIT 1',
    );
    this.#highestSeq = db.prepare<[], { seq: number | null }>(
      "SELECT seq FROM sqlite_sequence WHERE name = 'outbox'",
    );
    this.#cursor = db.prepare<[], SyncCursorRow>(
      'SELECT last_acked_seq, acked_events, dropped_rollups, last_success_at FROM sync_state WHERE id = 1',
    );
    // One statement per batch, not one per row: a drain acknowledges thousands of rows a second.
    this.#deleteSeqs = db.prepare<[string]>(
      'DELETE FROM outbox WHERE seq IN (SELECT value FROM json_each(?))',
    );
    this.#recordAck = db.prepare<[number, number, number]>(
      `UPDATE sync_state SET last_acked_seq = max(last_acked_seq, ?), acked_events = acked_events + ?,
       last_success_at = ? WHERE id = 1`,
    );
    this.#oldestLow = db.prepare<[number, number]>(
      `DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox WHERE priority = ${OUTBOX_LANE.low} AND seq > ? ORDER BY seq LIMIT ?)`,
    );
    this.#recordDropped = db.prepare<[number]>(
      'UPDATE sync_state SET dropped_rollups = dropped_rollups + ? WHERE id = 1',
    );
  }

  /** The next events to send: every pending high event before any low one, each lane in seq order. */
  nextBatch(limit: number): SyncEvent[] {
    const rows = this.#lane.all(OUTBOX_LANE.high, limit);
    if (rows.length < limit) rows.push(...this.#lane.all(OUTBOX_LANE.low, limit - rows.length));
    return rows.map(toEvent);
  }

  /** Central holds these events now: forget them and move the cursor, atomically. */
  acknowledge(seqs: readonly number[], at: number): void {
    this.#db.transaction(() => {
      let highest = 0;
      for (const seq of seqs) if (seq > highest) highest = seq;
      this.#deleteSeqs.run(JSON.stringify(seqs));
      this.#recordAck.run(highest, seqs.length, at);
      this.#onAcknowledged?.(seqs);
    })();
  }

  /**
   * Keeps the outbox within `maxRows` by deleting the oldest unsent low-priority rows
   * (never alarms, tickets or status), skipping rows up to `keepLowThrough` (a batch in
   * flight). Returns how many were dropped; they are counted in `sync_state`.
   */
  enforceCap(maxRows: number, keepLowThrough = 0): number {
    return this.#db.transaction(() => {
      const backlog = this.backlog();
      const excess = backlog.high + backlog.low - maxRows;
      if (excess <= 0) return 0;
      const dropped = this.#oldestLow.run(keepLowThrough, excess).changes;
      if (dropped > 0) this.#recordDropped.run(dropped);
      return dropped;
    })();
  }

  backlog(): Backlog {
    return {
      high: this.#count.get(OUTBOX_LANE.high)?.n ?? 0,
      low: this.#count.get(OUTBOX_LANE.low)?.n ?? 0,
    };
  }

  /** When the oldest event still waiting happened; undefined when nothing waits. */
  oldestPendingTs(): number | undefined {
    const high = this.#oldestTs.get(OUTBOX_LANE.high)?.ts;
    const low = this.#oldestTs.get(OUTBOX_LANE.low)?.ts;
    if (high === undefined) return low;
    return low === undefined ? high : Math.min(high, low);
  }

  /** The highest seq ever handed out (AUTOINCREMENT never reuses one). */
  highestSeq(): number {
    return this.#highestSeq.get()?.seq ?? 0;
  }

  cursor(): SyncCursor {
    const row = this.#cursor.get();
    return {
      lastAckedSeq: row?.last_acked_seq ?? 0,
      ackedEvents: row?.acked_events ?? 0,
      droppedRollups: row?.dropped_rollups ?? 0,
      lastSuccessAt: row?.last_success_at ?? null,
    };
  }
}

interface SyncCursorRow {
  last_acked_seq: number;
  acked_events: number;
  dropped_rollups: number;
  last_success_at: number | null;
}

function toEvent(row: OutboxRow): SyncEvent {
  return {
    seq: row.seq,
    ts: row.ts,
    type: row.type,
    entityId: String(row.entity_id),
    payload: JSON.parse(row.payload) as Record<string, unknown>,
  };
}
