import type { ChainCheckpointEvent } from '../../../shared/api/food-safety-checkpoint';
import { MIN_RETENTION_DAYS } from '../../../shared/config/food-safety';
import { BackgroundJob } from '../../../shared/server/runtime/background-job';
import type { Clock } from '../../../shared/server/runtime/clock';
import type { Logger } from '../../../shared/server/runtime/logger';
import type { MetricsRegistry } from '../../../shared/server/runtime/metrics';
import type { Database } from '../../store/database';
import { OutboxWriter } from '../../sync/outbox-writer';
import { type ChainCheckpoint, ChainCheckpoints, latestCheckpoint } from './chain-checkpoint';
import { type ChainBreak, ChainWalk } from './chain-checkpoint-walk';
import { PruneBoundFinder } from './chain-pruning-bound';
import { restateOldLimits } from './chain-pruning-limits';
import { CHAIN_TABLES, genesisHash } from './record-chain';

const DAY_MS = 86_400_000;

export interface ChainPruningDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  storeId: string;
  /** `foodSafety.retentionDays` of the config in force (at least 730) */
  retentionDays: () => number;
  /** never prune younger than this, whatever `retentionDays` says; the config's floor unless a bench shortens it */
  minRetentionDays?: number;
  /** the control points of the config in force, whose limit records stay; omitted: every one ever recorded */
  controlPointsInForce?: () => readonly string[];
  /**
   * Has the service take up restated limit records (`foodSafety.reload(config)`). With it
   * and `controlPointsInForce`, a limit in force whose record is `restateLimitsAfterDays`
   * old (default 30) is stated again before each run, so the prefix can move past it once
   * the minutes judged by it age out (chain-pruning-limits.ts). Without it, a limit
   * record in force holds pruning back until the config changes.
   */
  takeUpRestatedLimits?: () => void;
  restateLimitsAfterDays?: number;
  /** counts the runs that found the chain broken and pruned nothing */
  metrics?: MetricsRegistry;
  intervalMs?: number;
  /** records walked, and deleted, per step with the event loop free in between */
  chunkRecords?: number;
}

export interface PruneRunSummary {
  /** records deleted by this run */
  pruned: number;
  /** the newest checkpoint after the run (0: none) */
  checkpointSeq: number;
  /** what held the pruning back from the old prefix, if anything */
  heldBy: string | null;
  /** the break found on the way: nothing was pruned */
  broken: ChainBreak | null;
}

/** Each is dropped and re-created in the pruning transaction; the records stay append-only for everyone else. */
const deleteGuard = (table: string) =>
  `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
    BEGIN SELECT RAISE(ABORT, 'food-safety records are append-only'); END;`;

/**
 * Prunes food-safety records older than `retentionDays` so the chain stays verifiable:
 * it finds the prefix that may go (chain-pruning-bound.ts), walks the chain from the
 * last checkpoint to its end recomputing every hash, and prunes NOTHING if anything
 * there does not verify: tamper evidence is never pruned away. Then, a chunk at a time
 * with the event loop free in between, each transaction deletes the next stretch of the
 * prefix, writes a checkpoint with the full chain hash where it ends and sends it to
 * central (`food_safety.checkpoint`), so central can tell a pruned prefix from a
 * rewritten past. The append-only guards come off and go back on inside that transaction.
 */
export class ChainPruning {
  readonly #d: ChainPruningDeps;
  readonly #log: Logger;
  readonly #job: BackgroundJob<PruneRunSummary>;
  readonly #bound: PruneBoundFinder;
  readonly #checkpoints: ChainCheckpoints;
  readonly #outbox: OutboxWriter;
  readonly #refusals;
  readonly #prunedTotal;
  readonly #guards;
  readonly #head;

  constructor(deps: ChainPruningDeps) {
    this.#d = deps;
    this.#log = deps.logger.child({ ns: 'food-safety.pruning' });
    this.#job = new BackgroundJob({
      clock: deps.clock,
      log: this.#log,
      intervalMs: deps.intervalMs ?? 6 * 3_600_000,
      run: (now) => this.#run(now),
    });
    this.#bound = new PruneBoundFinder(deps.db);
    this.#checkpoints = new ChainCheckpoints(deps.db);
    this.#outbox = new OutboxWriter(deps.db, deps.storeId);
    this.#refusals = deps.metrics?.counter(
      'galley_food_safety_prune_refused_total',
      'Pruning runs that found the food-safety chain broken before the retention cutoff and pruned nothing',
    );
    this.#prunedTotal = deps.metrics?.counter(
      'galley_food_safety_pruned_records_total',
      'Food-safety records deleted after the retention period, each stretch under a checkpoint',
    );
    this.#guards = deps.db.prepare<[string], { sql: string }>(
      "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
    );
    this.#head = deps.db.prepare<[], { store_id: string }>(
      'SELECT store_id FROM food_safety_chain_head WHERE id = 1',
    );
  }

  start(): void {
    this.#job.start();
  }

  async stop(): Promise<void> {
    await this.#job.stop();
  }

  /** Prunes what is older than the retention period at `now`; runs are serialised. */
  runOnce(now?: number): Promise<PruneRunSummary> {
    return this.#job.runOnce(now);
  }

  get running(): boolean {
    return this.#job.busy;
  }

  async #run(now: number): Promise<PruneRunSummary> {
    const { db } = this.#d;
    const days = Math.max(this.#d.retentionDays(), this.#d.minRetentionDays ?? MIN_RETENTION_DAYS);
    const cutoff = now - days * DAY_MS;
    const previous = latestCheckpoint(db);
    const storeId = this.#head.get()?.store_id;
    const after = previous?.seq ?? 0;
    const nothing = (heldBy: string | null, broken: ChainBreak | null = null): PruneRunSummary => ({
      pruned: 0,
      checkpointSeq: after,
      heldBy,
      broken,
    });
    if (storeId === undefined) return nothing(null);
    const inForce = this.#d.controlPointsInForce?.();
    if (inForce && this.#d.takeUpRestatedLimits) {
      const restated = restateOldLimits(
        db,
        this.#d.storeId,
        inForce,
        this.#d.restateLimitsAfterDays ?? 30,
        now,
      );
      if (restated.length > 0) {
        this.#d.takeUpRestatedLimits();
        this.#log.info({ restated }, 'limits in force stated again, so older records can be pruned');
      }
    }
    const bound = this.#bound.find(after, cutoff, this.#d.controlPointsInForce?.() ?? null);
    if (bound.heldBy)
      this.#log.info({ ...bound, cutoff }, 'old food-safety records kept while still referenced');
    if (bound.seq <= after) return nothing(bound.heldBy);

    // Walk first, whole: a break anywhere up to the bound stops every deletion of this run.
    const chunk = this.#d.chunkRecords ?? 10_000;
    const walk = new ChainWalk(
      db,
      previous
        ? { seq: previous.seq, hash: previous.hash, checkpoint: true }
        : { seq: 0, hash: genesisHash(storeId), checkpoint: false },
    );
    const stops: { seq: number; hash: Buffer }[] = [];
    while (walk.seq < bound.seq) {
      if (this.#job.stopping) return nothing(bound.heldBy);
      const broken =
        walk.step(chunk, bound.seq) ??
        (walk.done && walk.seq < bound.seq
          ? {
              seq: walk.seq + 1,
              table: null,
              record: walk.name(null, undefined, walk.seq + 1),
              reason: `missing: the records stop at ${walk.seq}, before ${bound.seq}`,
            }
          : null);
      if (broken) {
        this.#refusals?.inc();
        this.#log.error(
          { broken, cutoff, bound: bound.seq },
          'food-safety chain does not verify before the retention cutoff: nothing pruned, the evidence is kept',
        );
        return nothing(bound.heldBy, broken);
      }
      stops.push({ seq: walk.seq, hash: walk.hash });
      await new Promise<void>((resolve) => setImmediate(resolve));
    }

    let pruned = 0;
    let from = after;
    for (const stop of stops) {
      if (this.#job.stopping) break;
      const deleted = this.#pruneTo(from, stop, bound.seq, now, cutoff);
      if (deleted === null) break;
      pruned += deleted;
      from = stop.seq;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (pruned > 0) this.#log.info({ pruned, checkpoint: from, cutoff }, 'old food-safety records pruned');
    return { pruned, checkpointSeq: from, heldBy: bound.heldBy, broken: null };
  }

  /**
   * One transaction: the records in (from, stop.seq] go, the checkpoint at stop.seq comes,
   * and central is told. Null when a record written since the walk names one up to the
   * run's bound (checked again inside the transaction). Records of the prefix still to go
   * may name records this step deletes: a run stopped half-way leaves them for the next.
   */
  #pruneTo(
    from: number,
    stop: { seq: number; hash: Buffer },
    bound: number,
    now: number,
    cutoff: number,
  ): number | null {
    const { db } = this.#d;
    return db.transaction(() => {
      const held = this.#bound.keptBack(bound, this.#d.controlPointsInForce?.() ?? null, from);
      if (held.seq < bound) return null;
      let deleted = 0;
      for (const table of CHAIN_TABLES) {
        const name = `${table}_no_delete`;
        const guard = this.#guards.get(name)?.sql ?? deleteGuard(table);
        db.exec(`DROP TRIGGER IF EXISTS ${name}`);
        deleted += db.prepare(`DELETE FROM ${table} WHERE seq > ? AND seq <= ?`).run(from, stop.seq).changes;
        db.exec(guard);
      }
      // The walk saw every seq in the stretch; anything else means a writer we do not know of.
      if (deleted !== stop.seq - from)
        throw new Error(`pruning (${from}, ${stop.seq}] found ${deleted} records, not ${stop.seq - from}`);
      const checkpoint: ChainCheckpoint = {
        seq: stop.seq,
        hash: stop.hash,
        at: now,
        pruned: deleted,
        cutoff,
      };
      this.#checkpoints.append(checkpoint);
      const payload: ChainCheckpointEvent = {
        seq: checkpoint.seq,
        hash: checkpoint.hash.toString('hex'),
        at: now,
        pruned: deleted,
        cutoff,
      };
      this.#outbox.append({ type: 'food_safety.checkpoint', entityId: this.#d.storeId, ts: now, payload });
      this.#prunedTotal?.inc({}, deleted);
      return deleted;
    })();
  }
}
