import { BackgroundJob } from '../../shared/server/runtime/background-job';
import type { Clock } from '../../shared/server/runtime/clock';
import type { Logger } from '../../shared/server/runtime/logger';
import { prepareRollupOutbox } from '../sync/outbox-writer';
import type { Database } from './database';
import { MINUTE_MS, ReadingKeys } from './readings-store';
import { bucketStart, type DirtyBucket, type RollupBacklog } from './rollup-backlog';

export interface RollupJobDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  backlog: RollupBacklog;
  intervalMs?: number;
  /** a minute is swept this long after it ended, so in-order data rarely counts as late */
  graceMs?: number;
  /** minutes of raw data per sweep transaction */
  sweepChunkMinutes?: number;
  /** late buckets recomputed per transaction */
  lateChunk?: number;
}

export interface RollupRunSummary {
  sweptMinutes: number;
  lateBuckets: number;
}

// Recomputing a bucket from raw rows makes a run idempotent: redoing it after a crash is harmless.
// Parameters: equipment id, metric, from, to (one series, a range of its key).
const UPSERT_FROM_RAW = `
  INSERT INTO rollups_1m (equipment_id, metric, bucket_ts, min, max, sum, count, last, last_ts)
  SELECT s.equipment_id, s.metric, g.bucket_ts, g.mn, g.mx, g.sm, g.cnt,
    (SELECT r.value FROM series_readings r WHERE r.series_id = g.series_id AND r.ts = g.last_ts),
    g.last_ts
  FROM (
    SELECT series_id, (ts / ${MINUTE_MS}) * ${MINUTE_MS} AS bucket_ts,
      min(value) AS mn, max(value) AS mx, sum(value) AS sm, count(*) AS cnt, max(ts) AS last_ts
    FROM series_readings
    WHERE series_id = (SELECT id FROM series WHERE equipment_id = ? AND metric = ?) AND ts >= ? AND ts < ?
    GROUP BY series_id, bucket_ts
  ) g
  JOIN series s ON s.id = g.series_id
  WHERE true
  ON CONFLICT (equipment_id, metric, bucket_ts) DO UPDATE SET
    min = excluded.min, max = excluded.max, sum = excluded.sum, count = excluded.count,
    last = excluded.last, last_ts = excluded.last_ts`;

/**
 * Keeps `rollups_1m` in step with raw readings without blocking ingest: it sweeps
 * finished minutes forward from the backlog's frontier, then recomputes buckets that
 * received late data. Work is split into short transactions with the event loop
 * free in between, so group commits interleave with it.
 */
export class RollupJob {
  readonly #deps: RollupJobDeps;
  readonly #log: Logger;
  readonly #keys: ReadingKeys;
  readonly #keyRange;
  readonly #minTsOfKey;
  readonly #job: BackgroundJob<RollupRunSummary>;
  readonly #outbox: ReturnType<typeof prepareRollupOutbox>;

  constructor(deps: RollupJobDeps) {
    this.#deps = deps;
    this.#log = deps.logger.child({ ns: 'rollup' });
    this.#job = new BackgroundJob({
      clock: deps.clock,
      log: this.#log,
      intervalMs: deps.intervalMs ?? 10_000,
      run: (now) => this.#run(now),
    });
    // readings has no index on ts: every query here is a range of one key of the primary key.
    this.#keys = new ReadingKeys(deps.db);
    this.#keyRange = deps.db.prepare<[string, string, number, number]>(UPSERT_FROM_RAW);
    this.#minTsOfKey = deps.db.prepare<[string, string], { ts: number | null }>(
      `SELECT min(ts) AS ts FROM series_readings
       WHERE series_id = (SELECT id FROM series WHERE equipment_id = ? AND metric = ?)`,
    );
    // Each rolled-up minute goes to central as a low-priority outbox event, in the same transaction.
    this.#outbox = prepareRollupOutbox(deps.db);
  }

  start(): void {
    const recovered = this.#deps.backlog.recoverAfterCrash();
    if (recovered !== undefined) {
      this.#log.warn(
        { from: new Date(recovered).toISOString() },
        'late data may be missing from rollups; recomputing',
      );
    }
    this.#job.start();
  }

  /** Stops the timer and waits for the chunk in progress; the backlog stays for the next start. */
  async stop(): Promise<void> {
    await this.#job.stop();
  }

  /** Rolls up everything due at `now`; runs are serialised. */
  runOnce(now?: number): Promise<RollupRunSummary> {
    return this.#job.runOnce(now);
  }

  /** Whether a run is in progress (tests wait for it to settle). */
  get running(): boolean {
    return this.#job.busy;
  }

  async #run(now: number): Promise<RollupRunSummary> {
    const summary: RollupRunSummary = { sweptMinutes: 0, lateBuckets: 0 };
    await this.#sweep(now, summary);
    await this.#recomputeLate(summary);
    if (summary.sweptMinutes || summary.lateBuckets) this.#log.debug(summary, 'rollups updated');
    return summary;
  }

  async #sweep(now: number, summary: RollupRunSummary): Promise<void> {
    const { backlog, db } = this.#deps;
    const end = bucketStart(now - (this.#deps.graceMs ?? 10_000));
    const chunkMs = (this.#deps.sweepChunkMinutes ?? 10) * MINUTE_MS;
    if (backlog.frontier() === undefined) {
      const first = this.#oldestReading();
      db.transaction(() => backlog.setFrontier(first === undefined ? end : bucketStart(first)))();
    }
    for (;;) {
      const from = backlog.frontier();
      if (from === undefined || from >= end || this.#job.stopping) return;
      const to = Math.min(end, from + chunkMs);
      try {
        db.transaction(() => {
          // Keys are listed inside the transaction so equipment first heard from just now is included.
          for (const key of this.#keys.all()) this.#keyRange.run(key.equipmentId, key.metric, from, to);
          this.#outbox.minutes(from, to);
          backlog.setFrontier(to);
        })();
      } catch (err) {
        backlog.reload();
        throw err;
      }
      summary.sweptMinutes += (to - from) / MINUTE_MS;
      await yieldToEventLoop();
    }
  }

  async #recomputeLate(summary: RollupRunSummary): Promise<void> {
    const { backlog, db } = this.#deps;
    while (backlog.pendingLate() > 0 && !this.#job.stopping) {
      const chunk: DirtyBucket[] = backlog.peekLate(this.#deps.lateChunk ?? 500);
      db.transaction(() => {
        // Several late metrics of one equipment-minute make one event, sent after all are recomputed.
        const minutes = new Map<string, DirtyBucket>();
        for (const b of chunk) {
          this.#keyRange.run(b.equipmentId, b.metric, b.bucketTs, b.bucketTs + MINUTE_MS);
          minutes.set(`${b.equipmentId}\u0000${b.bucketTs}`, b);
        }
        for (const b of minutes.values()) this.#outbox.minute(b.equipmentId, b.bucketTs);
      })();
      backlog.doneLate(chunk);
      summary.lateBuckets += chunk.length;
      await yieldToEventLoop();
    }
  }

  #oldestReading(): number | undefined {
    let oldest: number | undefined;
    for (const key of this.#keys.all()) {
      const ts = this.#minTsOfKey.get(key.equipmentId, key.metric)?.ts;
      if (ts != null && (oldest === undefined || ts < oldest)) oldest = ts;
    }
    return oldest;
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
