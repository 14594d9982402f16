import type { StorageSettings } from '../../shared/config/limits';
import type { Clock, TimerHandle } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
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
  #timer: TimerHandle | undefined;
  #running: Promise<RetentionRunSummary> | undefined;
  #stopping = false;
  #busy = false;

  constructor(deps: RetentionJobDeps) {
    this.#deps = deps;
    this.#log = deps.logger.child({ ns: 'retention' });
    this.#keys = new ReadingKeys(deps.db);
    // Key by key, so each chunk is a range of the primary key (readings has no ts index).
    this.#deleteRaw = deps.db.prepare<[string, string, number, number]>(
      `DELETE FROM readings WHERE (equipment_id, metric, ts) IN
         (SELECT equipment_id, metric, ts FROM readings
          WHERE equipment_id = ? AND metric = ? AND ts < ? LIMIT ?)`,
    );
    this.#deleteRollups = deps.db.prepare(
      `DELETE FROM rollups_1m WHERE (equipment_id, metric, bucket_ts) IN
         (SELECT equipment_id, metric, bucket_ts FROM rollups_1m WHERE bucket_ts < ? LIMIT ?)`,
    );
  }

  start(): void {
    if (this.#timer) return;
    this.#stopping = false;
    this.#timer = this.#deps.clock.setInterval(() => this.#tick(), this.#deps.intervalMs ?? 3_600_000);
    this.#tick();
  }

  async stop(): Promise<void> {
    if (this.#timer) this.#deps.clock.clearInterval(this.#timer);
    this.#timer = undefined;
    this.#stopping = true;
    await this.#running?.catch(() => undefined);
  }

  /** Deletes what is older than the limits at `now`; runs are serialised. */
  runOnce(now?: number): Promise<RetentionRunSummary> {
    const previous = this.#running ?? Promise.resolve(undefined);
    const run = previous.catch(() => undefined).then(() => this.#run(now ?? this.#deps.clock.now()));
    this.#running = run;
    return run;
  }

  /** Whether a run is in progress (tests wait for it to settle). */
  get running(): boolean {
    return this.#busy;
  }

  #tick(): void {
    if (this.#busy) return;
    this.#busy = true;
    this.runOnce()
      .catch((err: unknown) => this.#log.error({ err }, 'retention run failed; retrying next interval'))
      .finally(() => {
        this.#busy = false;
      });
  }

  async #run(now: number): Promise<RetentionRunSummary> {
    const { rawRetentionDays, rollupRetentionDays } = this.#deps.storage;
    const rawCutoff = now - rawRetentionDays * DAY_MS;
    let rawDeleted = 0;
    for (const { equipmentId, metric } of this.#keys.all()) {
      if (this.#stopping) break;
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
    while (!this.#stopping) {
      const { changes } = deleteChunk(limit);
      total += changes;
      if (changes < limit) break;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return total;
  }
}
