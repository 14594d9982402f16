import type BetterSqlite3 from 'better-sqlite3';
import type { LatestReading, ReadingPoint } from '../../shared/api/equipment';
import type { StoreConfig } from '../../shared/config/store-config';
import type { ReadingValue } from '../../shared/device-messages';
import type { Database } from './database';

export const MINUTE_MS = 60_000;

export class InvalidStepError extends Error {
  readonly code = 'INVALID_STEP';
  constructor(stepMs: number) {
    super(`step must be a positive multiple of ${MINUTE_MS} ms, got ${stepMs}`);
    this.name = 'InvalidStepError';
  }
}

type Statement = BetterSqlite3.Statement;

/** Up to 3 × this many bound parameters per statement (SQLite allows 32 766). */
const ROWS_PER_STATEMENT = 64;

/** Raw rows as parallel columns, so a batch allocates no object per reading. */
export interface RawRows {
  /** `series.id` of each row's (equipment, metric), from `seriesId()` */
  seriesIds: number[];
  equipmentIds: string[];
  metrics: string[];
  tss: number[];
  /** booleans already as 0/1 */
  values: number[];
  length: number;
}

type MetricKindSource = Pick<StoreConfig, 'equipment' | 'equipmentTypes'>;

interface ValueRow {
  metric: string;
  ts: number;
  value: number;
}

/**
 * Raw readings, the latest value per metric, and the 1-minute rollups. SQLite keeps
 * booleans as 0/1; reads turn them back into booleans using the equipment profile.
 */
export class ReadingsStore {
  readonly #db: Database;
  readonly #booleans: Set<string>;
  readonly #savepoint: Statement;
  readonly #release: Statement;
  readonly #rollbackTo: Statement;
  readonly #multiInserts = new Map<number, Statement>();
  /** equipmentId → metric → series id, only for series known to be committed */
  readonly #seriesIds = new Map<string, Map<string, number>>();
  readonly #addSeries;
  readonly #findSeries;
  readonly #insert;
  readonly #upsertLatest;
  readonly #latestOne;
  readonly #latestAll;
  readonly #raw;
  readonly #rolled;

  constructor(db: Database, config?: MetricKindSource) {
    this.#db = db;
    this.#booleans = booleanMetrics(config);
    this.#savepoint = db.prepare('SAVEPOINT raw_rows');
    this.#release = db.prepare('RELEASE raw_rows');
    this.#rollbackTo = db.prepare('ROLLBACK TO raw_rows');
    this.#addSeries = db.prepare('INSERT OR IGNORE INTO series (equipment_id, metric) VALUES (?, ?)');
    this.#findSeries = db
      .prepare<[string, string], number>('SELECT id FROM series WHERE equipment_id = ? AND metric = ?')
      .pluck();
    this.#insert = db.prepare(
      'INSERT OR IGNORE INTO series_readings (series_id, ts, value) VALUES (?, ?, ?)',
    );
    this.#upsertLatest = db.prepare(
      `INSERT INTO latest_readings (equipment_id, metric, ts, value) VALUES (?, ?, ?, ?)
       ON CONFLICT (equipment_id, metric) DO UPDATE SET ts = excluded.ts, value = excluded.value
       WHERE excluded.ts >= latest_readings.ts`,
    );
    this.#latestOne = db.prepare('SELECT metric, ts, value FROM latest_readings WHERE equipment_id = ?');
    this.#latestAll = db.prepare('SELECT equipment_id, metric, ts, value FROM latest_readings');
    this.#raw = db.prepare(
      `SELECT r.ts, r.value FROM series_readings r JOIN series s ON s.id = r.series_id
       WHERE s.equipment_id = ? AND s.metric = ? AND r.ts >= ? AND r.ts < ? ORDER BY r.ts LIMIT ?`,
    );
    this.#rolled = db.prepare(
      `SELECT (bucket_ts / CAST(@step AS INTEGER)) * CAST(@step AS INTEGER) AS ts,
              min(min) AS min, max(max) AS max, sum(sum) AS sum, sum(count) AS count
       FROM rollups_1m
       WHERE equipment_id = @equipmentId AND metric = @metric AND bucket_ts >= @from AND bucket_ts < @to
       GROUP BY 1 ORDER BY 1`,
    );
  }

  /**
   * The id of the (equipment, metric) series, created when new. Ids are cached only
   * when created or found outside a transaction: one created inside a transaction
   * that then rolls back would otherwise be remembered for a row that is gone. Group
   * commit therefore resolves a batch's series before opening its transaction.
   */
  seriesId(equipmentId: string, metric: string): number {
    let byMetric = this.#seriesIds.get(equipmentId);
    const cached = byMetric?.get(metric);
    if (cached !== undefined) return cached;
    let id = this.#findSeries.get(equipmentId, metric);
    if (id === undefined) {
      this.#addSeries.run(equipmentId, metric);
      id = this.#findSeries.get(equipmentId, metric) as number;
    }
    if (!this.#db.inTransaction) {
      if (!byMetric) {
        byMetric = new Map();
        this.#seriesIds.set(equipmentId, byMetric);
      }
      byMetric.set(metric, id);
    }
    return id;
  }

  /**
   * Stores one message's readings; must run inside the caller's transaction.
   * Returns the readings that were new: a redelivery (same equipment, metric, ts) is
   * ignored by the primary key and returns nothing.
   */
  write(
    equipmentId: string,
    ts: number,
    readings: Record<string, ReadingValue>,
  ): Record<string, ReadingValue> {
    const inserted: Record<string, ReadingValue> = {};
    for (const [metric, value] of Object.entries(readings)) {
      const stored = typeof value === 'boolean' ? (value ? 1 : 0) : value;
      if (!this.insertRaw(equipmentId, metric, ts, stored)) continue;
      this.setLatest(equipmentId, metric, ts, stored);
      inserted[metric] = value;
    }
    return inserted;
  }

  /**
   * Inserts many raw rows (booleans as 0/1) inside the caller's transaction, several
   * rows per statement: per-statement overhead, not SQLite's B-tree work, dominated a
   * row-at-a-time insert. Sets `inserted[i]` to whether row i was new. A chunk in
   * which some key already existed (a redelivery) is undone and redone row by row,
   * so that answer stays exact.
   */
  insertRawMany(rows: RawRows, inserted: boolean[]): void {
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      const n = Math.min(ROWS_PER_STATEMENT, rows.length - start);
      if (n > 1 && this.#insertChunk(rows, start, n)) {
        for (let i = start; i < start + n; i++) inserted[i] = true;
        continue;
      }
      for (let i = start; i < start + n; i++) {
        const changes = this.#insert.run(rows.seriesIds[i], rows.tss[i], rows.values[i]).changes;
        inserted[i] = changes > 0;
      }
    }
  }

  /** True when all `n` rows were new; otherwise nothing of the chunk is kept. */
  #insertChunk(rows: RawRows, start: number, n: number): boolean {
    const params: number[] = new Array(n * 3);
    for (let i = 0; i < n; i++) {
      params[i * 3] = rows.seriesIds[start + i] as number;
      params[i * 3 + 1] = rows.tss[start + i] as number;
      params[i * 3 + 2] = rows.values[start + i] as number;
    }
    this.#savepoint.run();
    if (this.#multiInsert(n).run(params).changes === n) {
      this.#release.run();
      return true;
    }
    this.#rollbackTo.run();
    this.#release.run();
    return false;
  }

  #multiInsert(n: number): Statement {
    let statement = this.#multiInserts.get(n);
    if (!statement) {
      const values = Array.from({ length: n }, () => '(?, ?, ?)').join(', ');
      statement = this.#db.prepare(
        `INSERT OR IGNORE INTO series_readings (series_id, ts, value) VALUES ${values}`,
      );
      this.#multiInserts.set(n, statement);
    }
    return statement;
  }

  /** Inserts one raw row (booleans as 0/1); false when the key already exists. */
  insertRaw(equipmentId: string, metric: string, ts: number, stored: number): boolean {
    return this.#insert.run(this.seriesId(equipmentId, metric), ts, stored).changes > 0;
  }

  /** Makes this the latest reading of the metric unless a newer one is stored. */
  setLatest(equipmentId: string, metric: string, ts: number, stored: number): void {
    this.#upsertLatest.run(equipmentId, metric, ts, stored);
  }

  latest(equipmentId: string): Record<string, LatestReading> {
    const out: Record<string, LatestReading> = {};
    for (const row of this.#latestOne.all(equipmentId) as ValueRow[]) {
      out[row.metric] = { ts: row.ts, value: this.#decode(equipmentId, row.metric, row.value) };
    }
    return out;
  }

  /** Latest readings of every piece of equipment: equipmentId → metric → reading. */
  latestAll(): Record<string, Record<string, LatestReading>> {
    const out: Record<string, Record<string, LatestReading>> = {};
    for (const row of this.#latestAll.all() as (ValueRow & { equipment_id: string })[]) {
      out[row.equipment_id] ??= {};
      out[row.equipment_id]![row.metric] = {
        ts: row.ts,
        value: this.#decode(row.equipment_id, row.metric, row.value),
      };
    }
    return out;
  }

  /** Raw readings with `from <= ts < to`, oldest first, at most `limit` of them. */
  raw(equipmentId: string, metric: string, from: number, to: number, limit = -1): ReadingPoint[] {
    // SQLite reads a negative LIMIT as "no limit".
    return (this.#raw.all(equipmentId, metric, from, to, limit) as { ts: number; value: number }[]).map(
      (row) => ({
        ts: row.ts,
        value: this.#decode(equipmentId, metric, row.value),
      }),
    );
  }

  /**
   * Rollups aggregated into `stepMs` buckets aligned to the epoch, for 1-minute
   * buckets starting in `[from, to)`. `value` is the average (for a boolean metric:
   * the fraction of readings that were true).
   */
  rolledUp(equipmentId: string, metric: string, from: number, to: number, stepMs: number): ReadingPoint[] {
    if (!Number.isInteger(stepMs) || stepMs <= 0 || stepMs % MINUTE_MS !== 0)
      throw new InvalidStepError(stepMs);
    const rows = this.#rolled.all({ step: stepMs, equipmentId, metric, from, to }) as {
      ts: number;
      min: number;
      max: number;
      sum: number;
      count: number;
    }[];
    return rows.map((row) => {
      const avg = row.sum / row.count;
      return { ts: row.ts, value: avg, min: row.min, max: row.max, avg, count: row.count };
    });
  }

  #decode(equipmentId: string, metric: string, value: number): ReadingValue {
    return this.#booleans.has(`${equipmentId}\u0000${metric}`) ? value !== 0 : value;
  }
}

export interface ReadingKey {
  equipmentId: string;
  metric: string;
}

/**
 * Lists every (equipment_id, metric) that has raw readings: one seek per series into
 * `series_readings`, however many rows each holds. Jobs that work on time ranges go
 * key by key with it, so the readings need no index on `ts`.
 */
export class ReadingKeys {
  readonly #all;

  constructor(db: Database) {
    this.#all = db.prepare<[], { equipment_id: string; metric: string }>(
      `SELECT equipment_id, metric FROM series s
       WHERE EXISTS (SELECT 1 FROM series_readings r WHERE r.series_id = s.id)
       ORDER BY equipment_id, metric`,
    );
  }

  all(): ReadingKey[] {
    return this.#all.all().map((row) => ({ equipmentId: row.equipment_id, metric: row.metric }));
  }
}

function booleanMetrics(config: MetricKindSource | undefined): Set<string> {
  const out = new Set<string>();
  for (const equipment of config?.equipment ?? []) {
    const metrics = config?.equipmentTypes[equipment.type]?.metrics ?? {};
    for (const [metric, profile] of Object.entries(metrics)) {
      if (profile.kind === 'boolean') out.add(`${equipment.id}\u0000${metric}`);
    }
  }
  return out;
}
