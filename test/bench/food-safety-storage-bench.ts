import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChainPruning } from '../../edge/domains/food-safety/chain-pruning';
import { FoodSafetyStore } from '../../edge/domains/food-safety/food-safety-store';
import { verifyChain } from '../../edge/domains/food-safety/record-chain';
import { type Database, openDatabase } from '../../edge/store/database';
import { FakeClock } from '../../shared/server/runtime/fake-clock';
import { silentLogger } from '../../shared/server/runtime/logger';

const MIN = 60_000;
const DAY = 1440 * MIN;
const TWO_YEARS_DAYS = 730;

/**
 * `as-migrated`: the holding log as migration 020 lays it out, clustered by (limit, start)
 * with a unique index on seq. `by-seq`: the same columns in a rowid table keyed by seq
 * with the (limit, start) index beside it, measured to see what the clustering costs
 * when a minute's records for every control point arrive together.
 */
export type IntervalLayout = 'as-migrated' | 'by-seq';

export interface StorageBenchFigure {
  layout: IntervalLayout;
  controlPoints: number;
  days: number;
  records: number;
  /** the holding log (table + its index) per minute record, as the box writes it and after VACUUM */
  bytesPerRecord: number;
  bytesPerRecordVacuumed: number;
  /** the whole database file per minute record, as written */
  fileBytesPerRecord: number;
  /** two years of this store's minutes, from the as-written figure */
  twoYearsGiB: number;
  writePerSecond: number;
  verifyPerSecond: number;
  prunedRecords: number;
  pruneSeconds: number;
  /** how much a day written after pruning grew the file: freed pages are reused first */
  fileGrowthAfterPruneBytes: number;
}

export interface StorageBenchOptions {
  controlPoints?: number;
  days?: number;
  layout?: IntervalLayout;
}

/** The holding log rebuilt keyed by seq, for the comparison only; never shipped as a migration here. */
function rebuildHoldingLogBySeq(db: Database): void {
  db.exec(`
    DROP TABLE food_safety_intervals;
    CREATE TABLE food_safety_intervals (
      seq INTEGER PRIMARY KEY,
      limit_seq INTEGER NOT NULL,
      start_min INTEGER NOT NULL,
      span_min INTEGER NOT NULL,
      status INTEGER NOT NULL,
      worst_cc INTEGER,
      min_cc INTEGER,
      max_cc INTEGER,
      readings INTEGER NOT NULL,
      excused_by TEXT,
      hash BLOB NOT NULL
    );
    CREATE UNIQUE INDEX food_safety_intervals_limit_start ON food_safety_intervals (limit_seq, start_min);
  `);
}

function holdingLogBytes(db: Database): number {
  const row = db
    .prepare<[], { bytes: number }>(
      `SELECT sum(pgsize) AS bytes FROM dbstat WHERE name = 'food_safety_intervals'
         OR name IN (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'food_safety_intervals')`,
    )
    .get();
  return row?.bytes ?? 0;
}

/** The database file's size, and what of it is in use (the rest is free pages SQLite reuses). */
function fileBytes(db: Database): { total: number; used: number } {
  db.pragma('wal_checkpoint(TRUNCATE)');
  const pages = db.pragma('page_count', { simple: true }) as number;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  const size = db.pragma('page_size', { simple: true }) as number;
  return { total: pages * size, used: (pages - free) * size };
}

const worst = (t: number, unit: number) => 250 + ((t / MIN + unit * 7) % 60);

/**
 * A `days` month of a `controlPoints`-unit store's minute records, written as the service
 * writes them: every control point's minute in one transaction, minute after minute, on a
 * real SQLite file. Then the chain is verified, the first third pruned through the
 * pruning job (retention shortened for the bench) and a day written again.
 */
export async function benchFoodSafetyStorage(options: StorageBenchOptions = {}): Promise<StorageBenchFigure> {
  const points = options.controlPoints ?? 20;
  const days = options.days ?? 30;
  const layout = options.layout ?? 'as-migrated';
  const dir = mkdtempSync(join(tmpdir(), 'galley-fs-storage-'));
  const db = openDatabase(dir);
  db.pragma('synchronous = NORMAL');
  try {
    if (layout === 'by-seq') rebuildHoldingLogBySeq(db);
    const from = Date.UTC(2026, 10, 1) - 8 * 3_600_000;
    const store = new FoodSafetyStore(db, 'bench-store');
    const ids = Array.from({ length: points }, (_, i) => `cp-${String(i + 1).padStart(2, '0')}`);
    // The limits are stated again weekly (same content, new record), as the service would have
    // to for pruning to pass them: a limit record still judging kept minutes is never pruned.
    const restate = (at: number) =>
      db.transaction(() =>
        ids.map(
          (cp) =>
            store.appendLimit({
              control_point: cp,
              equipment_id: cp,
              metric: 'temp_c',
              pack: 'galley-company-standard',
              pack_edition: '2026',
              authority: 'company_standard',
              limit_id: 'cold-holding',
              clause: 'GCS-4.1',
              bound: 'at_most',
              limit_cc: 500,
              alert_delay_min: 30,
              interval_min: 1,
              excused_while: '["defrost","door_open"]',
              at,
            }).seq,
        ),
      )();
    let limits = restate(from);
    const writeMinutes = (start: number, end: number) => {
      for (let t = start; t < end; t += MIN) {
        if (t > from && (t - from) % (7 * DAY) === 0) limits = restate(t);
        db.transaction(() => {
          ids.forEach((cp, unit) => {
            const w = worst(t, unit);
            store.appendInterval(
              {
                control_point: cp,
                start_ts: t,
                span_min: 1,
                status: 0,
                worst_cc: w,
                min_cc: w - 30,
                max_cc: w,
                readings: 3,
                excused_by: null,
                limit_seq: limits[unit] ?? 1,
              },
              t + MIN + 2_000,
            );
          });
        })();
      }
    };
    const to = from + days * DAY;
    let started = performance.now();
    writeMinutes(from, to);
    const writeSeconds = (performance.now() - started) / 1000;
    const records = points * days * 1440;
    const asWritten = holdingLogBytes(db);
    const file = fileBytes(db);

    started = performance.now();
    const verdict = verifyChain(db);
    const verifySeconds = (performance.now() - started) / 1000;
    if (!verdict.ok) throw new Error(`bench chain does not verify: ${verdict.reason}`);

    // Retention shortened so the first third is old; pruning stops at the last weekly
    // statement of the limits before the cutoff.
    const clock = new FakeClock(to);
    const pruning = new ChainPruning({
      db,
      clock,
      logger: silentLogger(),
      storeId: 'bench-store',
      retentionDays: () => Math.round((days * 2) / 3),
      minRetentionDays: 1,
    });
    started = performance.now();
    const summary = await pruning.runOnce(to);
    const pruneSeconds = (performance.now() - started) / 1000;
    const afterPrune = fileBytes(db);
    writeMinutes(to, to + DAY);
    const fileGrowthAfterPruneBytes = fileBytes(db).total - afterPrune.total;

    db.exec('VACUUM');
    // What the first `days` took once packed, scaled from what is left.
    const vacuumed = holdingLogBytes(db);
    const left = (db.prepare('SELECT count(*) AS n FROM food_safety_intervals').get() as { n: number }).n;
    const perRecord = asWritten / records;
    return {
      layout,
      controlPoints: points,
      days,
      records,
      bytesPerRecord: perRecord,
      bytesPerRecordVacuumed: vacuumed / left,
      fileBytesPerRecord: file.total / records,
      twoYearsGiB: (perRecord * points * 1440 * TWO_YEARS_DAYS) / 2 ** 30,
      writePerSecond: records / writeSeconds,
      verifyPerSecond: verdict.records / verifySeconds,
      prunedRecords: summary.pruned,
      pruneSeconds,
      fileGrowthAfterPruneBytes,
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function storageBenchRow(f: StorageBenchFigure): string {
  return (
    `food-safety storage (${f.layout}) ${f.controlPoints} control points × ${f.days} days = ${f.records} minute records: ` +
    `${f.bytesPerRecord.toFixed(1)} B/record as written (${f.bytesPerRecordVacuumed.toFixed(1)} after VACUUM; ` +
    `file ${f.fileBytesPerRecord.toFixed(1)} B/record), 2 years ≈ ${f.twoYearsGiB.toFixed(2)} GiB; ` +
    `write ${Math.round(f.writePerSecond)} rec/s, verify ${Math.round(f.verifyPerSecond)} rec/s; ` +
    `pruned ${f.prunedRecords} in ${f.pruneSeconds.toFixed(1)} s, a day written after grew the file by ` +
    `${(f.fileGrowthAfterPruneBytes / 2 ** 20).toFixed(1)} MiB`
  );
}
