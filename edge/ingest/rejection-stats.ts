import type { RejectionCount, RejectionReason } from '../../shared/rejection-reasons';
import type { Clock, TimerHandle } from '../../shared/server/runtime/clock';
import type { Logger } from '../../shared/server/runtime/logger';
import type { EventBus } from '../runtime/event-bus';
import type { Database } from '../store/database';

export interface RejectionStatsDeps {
  db: Database;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  /** how often changed counters are written to `ingest_rejections` */
  persistIntervalMs?: number;
}

interface Counter extends RejectionCount {
  dirty: boolean;
}

/**
 * Counts refused messages per (client, reason), keeping the latest detail so an
 * integrator can see what is wrong. Counting is in memory (a flood of bad messages
 * must not become a flood of writes); changed counters are persisted in one
 * transaction per interval and on stop, and loaded back on start.
 */
export class RejectionStats {
  readonly #deps: RejectionStatsDeps;
  readonly #log: Logger;
  readonly #counters = new Map<string, Counter>();
  #timer: TimerHandle | undefined;
  #loaded = false;

  constructor(deps: RejectionStatsDeps) {
    this.#deps = deps;
    this.#log = deps.logger.child({ ns: 'ingest-rejections' });
  }

  start(): void {
    if (this.#timer) return;
    if (!this.#loaded) this.#load();
    this.#loaded = true;
    this.#timer = this.#deps.clock.setInterval(() => this.persist(), this.#deps.persistIntervalMs ?? 1000);
  }

  stop(): void {
    if (this.#timer) this.#deps.clock.clearInterval(this.#timer);
    this.#timer = undefined;
    this.persist();
  }

  record(clientId: string, reason: RejectionReason, detail: string, topic: string): void {
    const key = `${clientId}\u0000${reason}`;
    const now = this.#deps.clock.now();
    const counter = this.#counters.get(key);
    if (counter) {
      counter.count += 1;
      counter.lastAt = now;
      counter.lastDetail = detail;
      counter.dirty = true;
    } else {
      this.#counters.set(key, { clientId, reason, count: 1, lastAt: now, lastDetail: detail, dirty: true });
      // The first of a kind is worth a warning; repeats are visible in the counters.
      this.#log.warn({ clientId, reason, topic, detail }, 'message rejected');
    }
    this.#log.debug({ clientId, reason, topic, detail }, 'message rejected');
  }

  list(): RejectionCount[] {
    return [...this.#counters.values()]
      .map(({ clientId, reason, count, lastAt, lastDetail }) => ({
        clientId,
        reason,
        count,
        lastAt,
        lastDetail,
      }))
      .sort((a, b) => a.clientId.localeCompare(b.clientId) || a.reason.localeCompare(b.reason));
  }

  /** Totals per reason across all clients, for `galley_ingest_rejected_total{reason=…}`. */
  totalsByReason(): Partial<Record<RejectionReason, number>> {
    const totals: Partial<Record<RejectionReason, number>> = {};
    for (const c of this.#counters.values()) totals[c.reason] = (totals[c.reason] ?? 0) + c.count;
    return totals;
  }

  count(clientId: string, reason: RejectionReason): number {
    return this.#counters.get(`${clientId}\u0000${reason}`)?.count ?? 0;
  }

  /** Writes changed counters; a failure is logged and retried at the next interval. */
  persist(): void {
    const dirty = [...this.#counters.values()].filter((c) => c.dirty);
    if (dirty.length === 0) return;
    try {
      const upsert = this.#deps.db.prepare(
        `INSERT INTO ingest_rejections (client_id, reason, count, last_at, last_detail) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (client_id, reason) DO UPDATE
         SET count = excluded.count, last_at = excluded.last_at, last_detail = excluded.last_detail`,
      );
      this.#deps.db.transaction(() => {
        for (const c of dirty) upsert.run(c.clientId, c.reason, c.count, c.lastAt, c.lastDetail);
      })();
      for (const c of dirty) c.dirty = false;
    } catch (err) {
      this.#log.error({ err, counters: dirty.length }, 'persisting rejection counters failed; will retry');
    }
  }

  #load(): void {
    const rows = this.#deps.db
      .prepare('SELECT client_id, reason, count, last_at, last_detail FROM ingest_rejections')
      .all() as {
      client_id: string;
      reason: RejectionReason;
      count: number;
      last_at: number;
      last_detail: string;
    }[];
    for (const row of rows) {
      const key = `${row.client_id}\u0000${row.reason}`;
      const early = this.#counters.get(key);
      // Rejections recorded before the first start add to what earlier runs stored.
      if (early) {
        early.count += row.count;
        continue;
      }
      this.#counters.set(key, {
        clientId: row.client_id,
        reason: row.reason,
        count: row.count,
        lastAt: row.last_at,
        lastDetail: row.last_detail,
        dirty: false,
      });
    }
  }
}
