import type { StorageSettings } from '../../shared/config/limits';
import { BackgroundJob } from '../../shared/server/runtime/background-job';
import type { Clock } from '../../shared/server/runtime/clock';
import type { Logger } from '../../shared/server/runtime/logger';
import type { Database } from './database';
import { ReadingKeys } from './readings-store';

const DAY_MS = 86_400_000;

export interface RetentionJobDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  storage: Pick<StorageSettings, 'rawRetentionDays' | 'rollupRetentionDays'>;
  intervalMs?: number;
  /** rows deleted per transaction */
  chunkRows?: number;
}

export interface RetentionRunSummary {
  rawDeleted: number;
  rollupsDeleted: number;
}

/**
 * Deletes raw readings older than `rawRetentionDays` and rollups older than
 * `rollupRetentionDays`, a few thousand rows per transaction with the event loop
 * free in between, so a first run over months of data never stalls ingest.
 */
export class RetentionJob {
  readonly #deps: RetentionJobDeps;
  readonly #log: Logger;
  readonly #keys: ReadingKeys;
  readonly #deleteRaw;
  readonly #deleteRollups;
  readonly #job: BackgroundJob<RetentionRunSummary>;

  constructor(deps: RetentionJobDeps) {
    this.#deps = deps;
    this.#log = deps.logger.child({ ns: 'retention' });
    this.#job = new BackgroundJob({
      clock: deps.clock,
      log: this.#log,
      intervalMs: deps.intervalMs ?? 3_600_000,
      run: (now) => this.#run(now),
    });
    this.#keys = new ReadingKeys(deps.db);
    // Key by key, so each chunk is a range of the primary key (readings has no ts index).
    this.#deleteRaw = deps.db.prepare<[string, string, number, number]>(
      `DELETE FROM series_readings WHERE (series_id, ts) IN
         (SELECT series_id, ts FROM series_readings
          WHERE series_id = (SELECT id FROM series WHERE equipment_id = ? AND metric = ?) AND ts < ? LIMIT ?)`,
    );
    this.#deleteRollups = deps.db.prepare(
      `DELETE FROM rollups_1m WHERE (equipment_id, metric, bucket_ts) IN
         (SELECT equipment_id, metric, bucket_ts FROM rollups_1m WHERE bucket_ts < ? LIMIT ?)`,
    );
  }

  start(): void {
    this.#job.start();
  }

  async stop(): Promise<void> {
    await this.#job.stop();
  }

  /** Deletes what is older than the limits at `now`; runs are serialised. */
  runOnce(now?: number): Promise<RetentionRunSummary> {
    return this.#job.runOnce(now);
  }

  /** Whether a run is in progress (tests wait for it to settle). */
  get running(): boolean {
    return this.#job.busy;
  }

  async #run(now: number): Promise<RetentionRunSummary> {
    const { rawRetentionDays, rollupRetentionDays } = this.#deps.storage;
    const rawCutoff = now - rawRetentionDays * DAY_MS;
    let rawDeleted = 0;
    for (const { equipmentId, metric } of this.#keys.all()) {
      if (this.#job.stopping) break;
      rawDeleted += await this.#deleteInChunks((limit) =>
        this.#deleteRaw.run(equipmentId, metric, rawCutoff, limit),
      );
    }
    const rollupCutoff = now - rollupRetentionDays * DAY_MS;
    const rollupsDeleted = await this.#deleteInChunks((limit) =>
      this.#deleteRollups.run(rollupCutoff, limit),
    );
    if (rawDeleted || rollupsDeleted) this.#log.info({ rawDeleted, rollupsDeleted }, 'old data deleted');
    return { rawDeleted, rollupsDeleted };
  }

  async #deleteInChunks(deleteChunk: (limit: number) => { changes: number }): Promise<number> {
    const limit = this.#deps.chunkRows ?? 5000;
    let total = 0;
    // Each statement is its own short transaction (autocommit).
    while (!this.#job.stopping) {
      const { changes } = deleteChunk(limit);
      total += changes;
      if (changes < limit) break;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return total;
  }
}
