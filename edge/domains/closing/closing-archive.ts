import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import {
  STORE_ARCHIVE_FILE_MAX_BYTES,
  type StoreArchiveFile,
  StoreArchiveManifest,
} from '../../../shared/central/store-archive-api';
import type { Locale } from '../../../shared/localized-text';
import type { Database } from '../../store/database';
import { gatherFoodSafetyReport } from '../food-safety/report/food-safety-report';
import { renderReportPdf } from '../food-safety/report/report-pdf';
import { MAX_REPORT_DAYS } from '../food-safety/report/report-query';
import type { FoodSafetyReportSource } from '../food-safety/report/report-source';
import { ClosingRefusedError } from './closing-errors';
import type { FinalSync } from './final-sync';
import { exportTableCsv, recordTables } from './record-csv-export';

const DAY_MS = 86_400_000;
/** The food-safety report's languages: the store's staff read zh-CN, an auditor may read en. */
const REPORT_LANGS: readonly Locale[] = ['zh-CN', 'en'];

export interface ArchiveInput {
  db: Database;
  storeId: string;
  dir: string;
  now: number;
  sync: FinalSync;
  /** the food-safety report of the store's life; without it (no control points) none is written */
  foodSafety?: FoodSafetyReportSource | undefined;
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

async function describe(dir: string, name: string, kind: StoreArchiveFile['kind'], rows?: number) {
  const path = join(dir, name);
  const bytes = statSync(path).size;
  if (bytes > STORE_ARCHIVE_FILE_MAX_BYTES)
    throw new ClosingRefusedError(
      'ARCHIVE_TOO_LARGE',
      `${name} is ${bytes} bytes; central takes at most ${STORE_ARCHIVE_FILE_MAX_BYTES} per file`,
    );
  return { name, kind, sha256: await sha256OfFile(path), bytes, ...(rows === undefined ? {} : { rows }) };
}

/**
 * From the first food-safety record (the first limit put in force, when the box started
 * keeping records) to now, so the report covers the store's life, at most the report's
 * longest range (MAX_REPORT_DAYS) back: older days are in the CSV and the database.
 */
function reportRange(db: Database, now: number): { from: number; to: number } | undefined {
  const first = db.prepare('SELECT min(at) AS at FROM food_safety_limits').get() as { at: number | null };
  if (first.at === null) return undefined;
  return { from: Math.max(first.at, now - (MAX_REPORT_DAYS - 1) * DAY_MS), to: now };
}

/**
 * Writes the closing archive into `dir` (emptied first): the database copied with SQLite's
 * online backup API (consistent while the edge keeps writing), every record table as CSV,
 * the food-safety report as PDF in both languages, and manifest.json with each file's
 * SHA-256 and size and the final seq. Returns the manifest.
 */
export async function writeClosingArchive(input: ArchiveInput): Promise<StoreArchiveManifest> {
  const { db, dir } = input;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files: StoreArchiveFile[] = [];

  await db.backup(join(dir, 'store.sqlite'));
  files.push(await describe(dir, 'store.sqlite', 'database'));

  for (const { table, file } of recordTables(db)) {
    const rows = await exportTableCsv(db, table, join(dir, file));
    files.push(await describe(dir, file, 'csv', rows));
  }

  const range = input.foodSafety && reportRange(db, input.now);
  if (input.foodSafety && range) {
    const report = await gatherFoodSafetyReport(input.foodSafety, range, input.now);
    for (const lang of REPORT_LANGS) {
      const name = `food-safety-report.${lang.toLowerCase()}.pdf`;
      writeFileSync(join(dir, name), await renderReportPdf(report, lang));
      files.push(await describe(dir, name, 'pdf'));
    }
  }

  const manifest = StoreArchiveManifest.parse({
    format: 1,
    storeId: input.storeId,
    createdAt: input.now,
    finalSeq: input.sync.finalSeq,
    centralSeq: input.sync.centralSeq,
    files,
  });
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
