import { sql } from 'kysely';
import type { Clock } from '../../../shared/server/runtime/clock';
import type { Logger } from '../../../shared/server/runtime/logger';
import type { SyncBatch, SyncBatchAck } from '../../../shared/sync/sync-protocol';
import type { CentralDb, CentralDialect } from '../db/central-db';
import type { AlarmFeedAnnouncer } from '../live/alarm-feed-signal';
import { QuietStoreAlerts } from '../stores/quiet-store-alerts';
import { RegionWebhooks } from '../webhooks/webhook-enqueue';
import { carriesAlarmEvents, holdAlarmFeedOrder } from './alarm-feed-order';
import { type StoredGroup, storeBatches } from './store-batches';

export interface IngestStats {
  batches: number;
  inserted: number;
  duplicates: number;
  invalidPayloads: number;
  /** transactions that stored batches: fewer than batches when stores post at the same time */
  transactions: number;
}

/** A group's transaction stays short enough that reads of the regional page get their turn. */
const MAX_BATCHES_PER_GROUP = 200;
const MAX_EVENTS_PER_GROUP = 10_000;

interface Waiting {
  batch: SyncBatch;
  resolve: (ack: SyncBatchAck) => void;
  reject: (err: unknown) => void;
}

/**
 * Stores sync batches at most once per (store, seq), read models included: a batch
 * delivered twice, partly, or twice at the same moment changes nothing the second time.
 *
 * Batches that arrive while others are being stored wait and are then stored together
 * in one transaction: when 1 000 stores post at once, one commit (and, on PostgreSQL, one
 * fsync) and a few statements serve a whole group instead of each batch. A batch that
 * fails is refused alone while the rest of its group commits (see #storeTogether).
 */
export class BatchIngest {
  readonly stats: IngestStats = {
    batches: 0,
    inserted: 0,
    duplicates: 0,
    invalidPayloads: 0,
    transactions: 0,
  };
  readonly #log: Logger;
  /** critical alarms of stores not open, kept from the webhooks */
  readonly quietAlerts: QuietStoreAlerts;
  #waiting: Waiting[] = [];
  #draining = false;

  constructor(
    private readonly deps: {
      db: CentralDb;
      /** PostgreSQL: alarm-carrying groups commit in id order for the live feed (sqlite when absent). */
      dialect?: CentralDialect;
      clock: Clock;
      logger: Logger;
      /** Called after a commit that queued webhook deliveries. */
      onNotificationsQueued?: () => void;
      /** Told of groups that store alarm events, to wake the held polls of the live feed. */
      alarmFeed?: AlarmFeedAnnouncer;
    },
  ) {
    this.#log = deps.logger.child({ ns: 'central.ingest' });
    this.quietAlerts = new QuietStoreAlerts(this.#log);
  }

  ingest(batch: SyncBatch): Promise<SyncBatchAck> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ batch, resolve, reject });
      if (!this.#draining) {
        this.#draining = true;
        // Not at once: requests parsed in this turn of the event loop join the first group.
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    while (this.#waiting.length > 0) {
      await this.#storeGroup(this.#takeGroup());
      // Let the requests that arrived meanwhile reach the queue before the next group.
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.#draining = false;
  }

  #takeGroup(): Waiting[] {
    let events = 0;
    let count = 0;
    for (const waiting of this.#waiting) {
      if (
        count > 0 &&
        (count >= MAX_BATCHES_PER_GROUP || events + waiting.batch.events.length > MAX_EVENTS_PER_GROUP)
      )
        break;
      events += waiting.batch.events.length;
      count++;
    }
    return this.#waiting.splice(0, count);
  }

  async #storeGroup(group: Waiting[]): Promise<void> {
    const receivedAt = this.deps.clock.now();
    let stored: StoredGroup;
    try {
      stored = await this.#storeTogether(
        group.map((waiting) => waiting.batch),
        receivedAt,
      );
    } catch (err) {
      this.#log.error(
        { err, batches: group.length },
        'ingest transaction failed; no batch of the group stored',
      );
      for (const waiting of group) waiting.reject(err);
      return;
    }
    this.stats.transactions++;
    if (carriesAlarmEvents(group.map((waiting) => waiting.batch))) this.deps.alarmFeed?.committed();
    stored.outcomes.forEach((outcome, i) => {
      const waiting = group[i] as Waiting;
      if ('failed' in outcome) {
        waiting.reject(outcome.failed);
        return;
      }
      this.stats.batches++;
      this.stats.inserted += outcome.inserted;
      this.stats.duplicates += outcome.events - outcome.inserted;
      this.stats.invalidPayloads += outcome.invalid.length;
      for (const { seq, type, problem } of outcome.invalid)
        this.#log.warn(
          { storeId: waiting.batch.storeId, seq, type, problem },
          'event kept as history; its payload does not fit the projection',
        );
      waiting.resolve({
        storeId: waiting.batch.storeId,
        inserted: outcome.inserted,
        duplicates: outcome.events - outcome.inserted,
        highestSeq: outcome.highestSeq,
      });
    });
    if (stored.queued > 0) this.deps.onNotificationsQueued?.();
  }

  /**
   * The whole group in one go. Should that fail (an unknown store does not; a payload
   * the database refuses could), each batch is stored again in a savepoint of its own
   * so that only the failing one is refused: PostgreSQL aborts a transaction on any error.
   */
  async #storeTogether(batches: SyncBatch[], receivedAt: number): Promise<StoredGroup> {
    const alarms = carriesAlarmEvents(batches);
    try {
      return await this.deps.db.transaction().execute(async (trx) => {
        await holdAlarmFeedOrder(trx, this.deps.dialect ?? 'sqlite', batches);
        // PostgreSQL delivers a NOTIFY at commit, and drops it with a rolled-back group.
        if (alarms) await this.deps.alarmFeed?.inTransaction(trx);
        return storeBatches(
          trx,
          this.deps.dialect ?? 'sqlite',
          new RegionWebhooks(trx, this.quietAlerts),
          batches,
          receivedAt,
        );
      });
    } catch (err) {
      if (batches.length === 1) throw err;
      this.#log.warn({ err, batches: batches.length }, 'ingest group failed; storing its batches one by one');
    }
    return this.deps.db.transaction().execute(async (trx) => {
      await holdAlarmFeedOrder(trx, this.deps.dialect ?? 'sqlite', batches);
      if (alarms) await this.deps.alarmFeed?.inTransaction(trx);
      const webhooks = new RegionWebhooks(trx, this.quietAlerts);
      const group: StoredGroup = { outcomes: [], queued: 0 };
      for (const batch of batches) {
        await sql`savepoint batch`.execute(trx);
        try {
          const one = await storeBatches(trx, this.deps.dialect ?? 'sqlite', webhooks, [batch], receivedAt);
          await sql`release savepoint batch`.execute(trx);
          group.outcomes.push(...one.outcomes);
          group.queued += one.queued;
        } catch (err) {
          await sql`rollback to savepoint batch`.execute(trx);
          await sql`release savepoint batch`.execute(trx);
          group.outcomes.push({ failed: err });
        }
      }
      return group;
    });
  }
}
