import type { ReadingValue } from '../../shared/device-messages';
import { type Database, withoutCommitSync } from '../store/database';
import { DeviceEventsStore } from '../store/device-events-store';
import { DeviceStatusStore } from '../store/device-status-store';
import { type RawRows, ReadingsStore } from '../store/readings-store';
import type { BatchOutcome, WriteOp, WriteOutcome } from './write-ops';

/** Told of every reading a transaction inserted, inside that transaction. */
export type InsertedListener = (equipmentId: string, metric: string, ts: number) => void;

interface Latest {
  ts: number;
  value: number;
}

/**
 * Applies a batch of ops in one transaction. Raw rows are inserted together, many
 * per statement, once all ops are applied; `latest_readings` and `device_status.last_seen` are kept per key
 * and written once per key at the end of the transaction, since only the newest
 * value of a batch survives anyway.
 */
export class BatchWriter {
  readonly #readings: ReadingsStore;
  readonly #status: DeviceStatusStore;
  readonly #events: DeviceEventsStore;
  readonly #onInserted: InsertedListener | undefined;
  readonly #latest = new Map<string, Map<string, Latest>>();
  readonly #touched = new Map<string, number>();
  // Reused between batches: the rows to insert, and which op's outcome each belongs to.
  readonly #rows: RawRows = { seriesIds: [], equipmentIds: [], metrics: [], tss: [], values: [], length: 0 };
  readonly #rowOutcome: string[][] = [];
  /** per op of the batch: the metrics it inserted, filled in as its rows go in */
  readonly #opInserted: (string[] | undefined)[] = [];
  readonly #wasNew: boolean[] = [];
  readonly #transaction: (ops: WriteOp[]) => WriteOutcome[];
  readonly #db: Database;

  constructor(db: Database, onInserted?: InsertedListener) {
    this.#db = db;
    this.#readings = new ReadingsStore(db);
    this.#status = new DeviceStatusStore(db);
    this.#events = new DeviceEventsStore(db);
    this.#onInserted = onInserted;
    this.#transaction = db.transaction((ops: WriteOp[]) => this.#run(ops));
  }

  /**
   * Commits all ops in one transaction; if that fails, each op in its own, so one
   * bad op costs only itself. Never throws for a failing op: it reports `failed`.
   * `durable` (the default): the commit is fsync'd before this returns, as a PUBACK
   * promises. Without it the commit skips the fsync; only for batches no client
   * waits on (QoS 0, serial readings, presence), where a process crash still loses
   * nothing and an OS crash or power loss at most the last few such commits.
   */
  commit(ops: WriteOp[], durable = true): BatchOutcome {
    return durable ? this.#commit(ops) : withoutCommitSync(this.#db, () => this.#commit(ops));
  }

  #commit(ops: WriteOp[]): BatchOutcome {
    try {
      return { outcomes: this.#inTransaction(ops), transactions: 1 };
    } catch (err) {
      const outcomes: WriteOutcome[] = [];
      let transactions = 0;
      for (const op of ops) {
        try {
          const [outcome] = this.#inTransaction([op]);
          outcomes.push(outcome as WriteOutcome);
          transactions++;
        } catch (opErr) {
          outcomes.push({ kind: 'failed', message: errorMessage(opErr) });
        }
      }
      return { outcomes, transactions, batchError: errorMessage(err) };
    }
  }

  #inTransaction(ops: WriteOp[]): WriteOutcome[] {
    this.#latest.clear();
    this.#touched.clear();
    const rows = this.#rows;
    rows.seriesIds.length = 0;
    rows.equipmentIds.length = 0;
    rows.metrics.length = 0;
    rows.tss.length = 0;
    rows.values.length = 0;
    rows.length = 0;
    this.#rowOutcome.length = 0;
    // Rows are queued before the transaction opens: a series heard of for the first
    // time is created in a commit of its own, so its cached id never outlives a rollback.
    const opInserted = this.#opInserted;
    opInserted.length = ops.length;
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i] as WriteOp;
      opInserted[i] =
        op.kind === 'readings' ? this.#queueReadings(op.equipmentId, op.ts, op.readings) : undefined;
    }
    return this.#transaction(ops);
  }

  #run(ops: WriteOp[]): WriteOutcome[] {
    const outcomes: WriteOutcome[] = new Array(ops.length);
    for (let i = 0; i < ops.length; i++) outcomes[i] = this.#apply(ops[i] as WriteOp, i);
    this.#insertQueued();
    this.#flushLatest();
    for (const [equipmentId, at] of this.#touched) this.#status.touch(equipmentId, at);
    return outcomes;
  }

  #apply(op: WriteOp, index: number): WriteOutcome {
    switch (op.kind) {
      case 'readings': {
        this.#touch(op.equipmentId, op.receivedAt);
        return { kind: 'readings', inserted: this.#opInserted[index] ?? [] };
      }
      case 'event': {
        const { equipmentId, ts, receivedAt, code, message } = op;
        const stored = this.#events.insert({ equipmentId, ts, receivedAt, code, message });
        this.#touch(equipmentId, receivedAt);
        return { kind: 'event', stored };
      }
      case 'status': {
        // A pending first sighting must land first: it decides whether this status is a change.
        const at = this.#touched.get(op.equipmentId);
        if (at !== undefined) {
          this.#status.touch(op.equipmentId, at);
          this.#touched.delete(op.equipmentId);
        }
        return {
          kind: 'status',
          changed: this.#status.setOnline(op.equipmentId, op.online, op.at, op.cause),
        };
      }
    }
  }

  /** Queues the rows; they are inserted together at the end of the transaction. */
  #queueReadings(equipmentId: string, ts: number, readings: Record<string, ReadingValue>): string[] {
    const inserted: string[] = [];
    const rows = this.#rows;
    for (const metric in readings) {
      const value = readings[metric] as ReadingValue;
      rows.seriesIds.push(this.#readings.seriesId(equipmentId, metric));
      rows.equipmentIds.push(equipmentId);
      rows.metrics.push(metric);
      rows.tss.push(ts);
      rows.values.push(typeof value === 'boolean' ? (value ? 1 : 0) : value);
      this.#rowOutcome.push(inserted);
      rows.length++;
    }
    return inserted;
  }

  #insertQueued(): void {
    const rows = this.#rows;
    const wasNew = this.#wasNew;
    wasNew.length = rows.length;
    this.#readings.insertRawMany(rows, wasNew);
    for (let i = 0; i < rows.length; i++) {
      // A redelivery (same equipment, metric, ts) is ignored by the primary key.
      if (!wasNew[i]) continue;
      const equipmentId = rows.equipmentIds[i] as string;
      const metric = rows.metrics[i] as string;
      const ts = rows.tss[i] as number;
      const value = rows.values[i] as number;
      this.#rowOutcome[i]?.push(metric);
      this.#onInserted?.(equipmentId, metric, ts);
      let latest = this.#latest.get(equipmentId);
      if (!latest) {
        latest = new Map();
        this.#latest.set(equipmentId, latest);
      }
      const seen = latest.get(metric);
      if (!seen) latest.set(metric, { ts, value });
      else if (ts >= seen.ts) {
        seen.ts = ts;
        seen.value = value;
      }
    }
  }

  #touch(equipmentId: string, at: number): void {
    const seen = this.#touched.get(equipmentId);
    if (seen === undefined || at > seen) this.#touched.set(equipmentId, at);
  }

  #flushLatest(): void {
    for (const [equipmentId, metrics] of this.#latest) {
      for (const [metric, { ts, value }] of metrics) this.#readings.setLatest(equipmentId, metric, ts, value);
    }
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
