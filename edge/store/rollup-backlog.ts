import type { Database } from './database';
import { MINUTE_MS } from './readings-store';

const FRONTIER_KEY = 'rollup.frontier';
const RECOVER_KEY = 'rollup.recover_from';

export interface DirtyBucket {
  equipmentId: string;
  metric: string;
  bucketTs: number;
}

export function bucketStart(ts: number): number {
  return Math.floor(ts / MINUTE_MS) * MINUTE_MS;
}

/**
 * The persisted `recover_from` mark alone, for a writer on another connection (the
 * ingest writer thread): lowered in the writer's own transaction, so a crash right
 * after the commit still leaves the mark for the job to recover from.
 */
export class RecoverMark {
  readonly #lower;

  constructor(db: Database) {
    this.#lower = db.prepare<[string, string]>(
      `INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value
       WHERE CAST(excluded.value AS INTEGER) < CAST(kv.value AS INTEGER)`,
    );
  }

  /** Lowers the mark to the reading's bucket when that bucket is before `frontier`. */
  lowerFor(ts: number, frontier: number): void {
    const bucketTs = bucketStart(ts);
    if (bucketTs < frontier) this.#lower.run(RECOVER_KEY, String(bucketTs));
  }
}

/**
 * What the rollup job still has to (re)compute, shared by the ingest writer and the job.
 *
 * - The frontier: every minute bucket before it has been rolled up at least once; the
 *   job sweeps forward from it in time order (the common case: data arrives in order).
 * - Late buckets: data written into a bucket before the frontier (a device flushing its
 *   offline buffer). They are kept in memory and recomputed one by one from raw data.
 *   So that a crash cannot lose them, the writer also lowers a persisted `recover_from`
 *   mark in the same transaction; after a crash the job moves the frontier back to that
 *   mark and sweeps from there. The mark is cleared once no late bucket is pending.
 */
export class RollupBacklog {
  readonly #get;
  readonly #set;
  readonly #delete;
  #loaded = false;
  #everLoaded = false;
  #frontier: number | undefined;
  #recoverFrom: number | undefined;
  #crashMark: number | undefined;
  readonly #late = new Map<string, DirtyBucket>();
  /** equipment → metric → the late bucket noted last (only while it is still in #late) */
  readonly #lastLate = new Map<string, Map<string, number>>();

  constructor(db: Database) {
    this.#get = db.prepare('SELECT value FROM kv WHERE key = ?');
    this.#set = db.prepare(
      'INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.#delete = db.prepare('DELETE FROM kv WHERE key = ?');
  }

  /** Called by the writer inside its transaction for every reading it inserted. */
  noteWritten(equipmentId: string, metric: string, ts: number): void {
    this.#load();
    if (this.#frontier === undefined) return;
    const bucketTs = bucketStart(ts);
    if (bucketTs >= this.#frontier) return;
    // A device flushing its offline buffer writes many readings into the same late buckets:
    // look the (equipment, metric) up without building the key each time.
    const noted = this.#lastLate.get(equipmentId);
    if (noted?.get(metric) === bucketTs) return;
    if (noted) noted.set(metric, bucketTs);
    else this.#lastLate.set(equipmentId, new Map([[metric, bucketTs]]));
    const bucket = { equipmentId, metric, bucketTs };
    this.#late.set(`${equipmentId}\u0000${metric}\u0000${bucketTs}`, bucket);
    if (this.#recoverFrom === undefined || bucketTs < this.#recoverFrom) {
      this.#recoverFrom = bucketTs;
      this.#set.run(RECOVER_KEY, String(bucketTs));
    }
  }

  /** Start of the first bucket not yet swept; undefined before the first sweep ever. */
  frontier(): number | undefined {
    this.#load();
    return this.#frontier;
  }

  /** Moves the frontier (persisted); call inside the transaction that wrote the rollups before it. */
  setFrontier(bucketTs: number): void {
    this.#load();
    this.#frontier = bucketTs;
    this.#set.run(FRONTIER_KEY, String(bucketTs));
  }

  /**
   * After a crash the late buckets held in memory are gone; the mark a previous
   * process persisted says from where to sweep again. Returns the new frontier when
   * it was moved back.
   */
  recoverAfterCrash(): number | undefined {
    this.#load();
    const mark = this.#crashMark;
    if (mark === undefined) return undefined;
    this.#crashMark = undefined;
    const from = Math.min(mark, this.#frontier ?? mark);
    this.setFrontier(from);
    // The sweep now covers these again.
    for (const [key, b] of this.#late) if (b.bucketTs >= from) this.#late.delete(key);
    this.#lastLate.clear();
    if (this.#late.size === 0) this.#clearRecoverMark();
    return from;
  }

  /** Forgets the in-memory frontier so it is read again (after a failed transaction). */
  reload(): void {
    this.#loaded = false;
    this.#load();
  }

  pendingLate(): number {
    return this.#late.size;
  }

  /** Up to `max` late buckets, oldest first; they stay pending until `doneLate`. */
  peekLate(max: number): DirtyBucket[] {
    return [...this.#late.values()].sort((a, b) => a.bucketTs - b.bucketTs).slice(0, max);
  }

  /** Marks buckets recomputed; call after the transaction that wrote them committed. */
  doneLate(buckets: DirtyBucket[]): void {
    for (const b of buckets) this.#late.delete(`${b.equipmentId}\u0000${b.metric}\u0000${b.bucketTs}`);
    this.#lastLate.clear();
    if (this.#late.size === 0) this.#clearRecoverMark();
  }

  #clearRecoverMark(): void {
    if (this.#recoverFrom === undefined) return;
    this.#recoverFrom = undefined;
    this.#delete.run(RECOVER_KEY);
  }

  #load(): void {
    if (this.#loaded) return;
    const firstLoad = !this.#everLoaded;
    this.#loaded = true;
    this.#everLoaded = true;
    this.#frontier = this.#readNumber(FRONTIER_KEY);
    this.#recoverFrom = this.#readNumber(RECOVER_KEY);
    if (firstLoad) this.#crashMark = this.#recoverFrom;
  }

  #readNumber(key: string): number | undefined {
    const row = this.#get.get(key) as { value: string } | undefined;
    const value = row ? Number(row.value) : Number.NaN;
    return Number.isFinite(value) ? value : undefined;
  }
}
