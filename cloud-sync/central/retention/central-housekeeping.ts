import { BackgroundJob } from '../../../shared/server/runtime/background-job';
import type { Clock } from '../../../shared/server/runtime/clock';
import type { Logger } from '../../../shared/server/runtime/logger';
import { LOW_PRIORITY_KINDS } from '../../../shared/sync/sync-protocol';
import { ifAdvisoryLockFree } from '../cluster/advisory-lock';
import type { CentralDb, CentralDialect } from '../db/central-db';
import { type PartitionUpkeepOptions, type PartitionUpkeepRun, upkeepPartitions } from './partition-upkeep';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface HousekeepingOptions {
  /** Telemetry rollups older than this (by the store's event time) are deleted. */
  rollupMaxAgeMs: number;
  /** Rows per DELETE, so a big backlog never holds a long write lock against ingest. */
  chunkSize: number;
  intervalMs: number;
  /** PostgreSQL's partitioned history (partition-upkeep.ts); retention there drops whole partitions. */
  partitions: Omit<PartitionUpkeepOptions, 'rollupMaxAgeMs'>;
}

export const DEFAULT_HOUSEKEEPING: HousekeepingOptions = {
  rollupMaxAgeMs: 35 * DAY_MS,
  chunkSize: 500,
  intervalMs: 60 * 60 * 1000,
  partitions: { periodsAhead: 2, lockTimeoutMs: 5000 },
};

/**
 * Only telemetry rollups expire: they are the bulk of the history and the edge keeps its
 * own. `metrics.*` is low priority too but tiny and feeds the maintenance view; alarm,
 * ticket, pm, part and purchase history is what regional operations audit, so it stays.
 */
export const EXPIRING_KINDS: readonly string[] = LOW_PRIORITY_KINDS.filter((kind) => kind === 'rollup');

export interface HousekeepingRun {
  rollupsDeleted: number;
  sessionsDeleted: number;
  /** On PostgreSQL: the partitions made and dropped (rollupsDeleted then counts only rows deleted from the default). */
  partitions?: PartitionUpkeepRun;
}

/** Central's background clean-up: old rollups in small chunks, and expired sessions. */
export class CentralHousekeeping {
  readonly #deps: { db: CentralDb; clock: Clock; logger: Logger; dialect?: CentralDialect };
  readonly #options: HousekeepingOptions;
  readonly #log: Logger;
  readonly #job: BackgroundJob<HousekeepingRun>;

  constructor(
    deps: { db: CentralDb; clock: Clock; logger: Logger; dialect?: CentralDialect },
    options: Partial<HousekeepingOptions> = {},
  ) {
    this.#deps = deps;
    this.#options = { ...DEFAULT_HOUSEKEEPING, ...options };
    this.#log = deps.logger.child({ ns: 'central.housekeeping' });
    this.#job = new BackgroundJob({
      clock: deps.clock,
      log: this.#log,
      intervalMs: this.#options.intervalMs,
      run: (now) => this.#run(now),
    });
  }

  start(): void {
    this.#job.start();
  }

  stop(): Promise<void> {
    return this.#job.stop();
  }

  /** One clean-up now, after any run in progress. */
  runOnce(now?: number): Promise<HousekeepingRun> {
    return this.#job.runOnce(now);
  }

  async #run(now: number): Promise<HousekeepingRun> {
    // Several central processes on one PostgreSQL: one cleans for all, the others skip this round.
    const { db, dialect } = this.#deps;
    const outcome = await ifAdvisoryLockFree(db, dialect ?? 'sqlite', 'housekeeping', () => this.#clean(now));
    return outcome.ran ? outcome.result : { rollupsDeleted: 0, sessionsDeleted: 0 };
  }

  async #clean(now: number): Promise<HousekeepingRun> {
    const sessionsDeleted = await this.#deleteExpiredSessions(now);
    if (this.#deps.dialect === 'postgres') {
      const { rollupMaxAgeMs, partitions: options } = this.#options;
      const partitions = await upkeepPartitions(
        this.#deps.db,
        now,
        { ...options, rollupMaxAgeMs },
        this.#log,
      );
      return { rollupsDeleted: partitions.expiredDeletedFromDefault, sessionsDeleted, partitions };
    }
    const rollupsDeleted = await this.#deleteOldRollups(now - this.#options.rollupMaxAgeMs);
    if (rollupsDeleted > 0 || sessionsDeleted > 0)
      this.#log.info({ rollupsDeleted, sessionsDeleted }, 'old history and expired sessions deleted');
    return { rollupsDeleted, sessionsDeleted };
  }

  async #deleteExpiredSessions(now: number): Promise<number> {
    const result = await this.#deps.db
      .deleteFrom('sessions')
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async #deleteOldRollups(cutoff: number): Promise<number> {
    const { db } = this.#deps;
    let deleted = 0;
    for (;;) {
      // Walks the (kind, id) index: ids grow with arrival, so the oldest rollups come first.
      const ids = await db
        .selectFrom('sync_events')
        .select('id')
        .where('kind', 'in', [...EXPIRING_KINDS])
        .where('ts', '<', cutoff)
        .orderBy('id')
        .limit(this.#options.chunkSize)
        .execute();
      if (ids.length === 0) break;
      const result = await db
        .deleteFrom('sync_events')
        .where(
          'id',
          'in',
          ids.map((r) => r.id),
        )
        .executeTakeFirst();
      deleted += Number(result.numDeletedRows);
      if (ids.length < this.#options.chunkSize || this.#job.stopping) break;
    }
    return deleted;
  }
}
