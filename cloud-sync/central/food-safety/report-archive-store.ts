import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import {
  ARCHIVED_REPORT_MAX_BYTES,
  type ArchivedReport,
  type ArchivedReportAck,
  type ArchivedReportFormat,
  type ArchivedReportUpload,
} from '../../../shared/central/food-safety-report-archive-api';
import type { Locale } from '../../../shared/localized-text';
import type { CentralDb } from '../db/central-db';

interface ReportRow {
  store_id: string;
  month: string;
  format: string;
  lang: string;
  sha256: string;
  size: number;
  chain_seq: number;
  chain_hash: string;
  generated_at: number;
  uploaded_at: number;
  /** the file gzip-compressed, as the box sent it */
  body_gzip: Uint8Array;
}

/** The table's rows as Kysely sees them; the central schema type does not list this room. */
type ReportTables = { food_safety_reports: ReportRow };

/** An upload that is not the file it says (sha256, packing, size): refused, nothing stored. */
export class ReportUploadError extends Error {
  readonly code = 'REPORT_UPLOAD_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'ReportUploadError';
  }
}

function unpack(packed: Buffer): Buffer {
  try {
    return gunzipSync(packed, { maxOutputLength: ARCHIVED_REPORT_MAX_BYTES });
  } catch (err) {
    throw new ReportUploadError(
      `the file is not gzip data of at most ${ARCHIVED_REPORT_MAX_BYTES} bytes: ${(err as Error).message}`,
    );
  }
}

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Stores one uploaded file, checked against its sha256. The key includes the sha256, so
 * the same file again changes nothing (`stored: false`) and a re-render is a new version.
 */
export async function saveArchivedReport(
  db: CentralDb,
  upload: ArchivedReportUpload,
  now: number,
): Promise<ArchivedReportAck> {
  const packed = Buffer.from(upload.gzipBase64, 'base64');
  const file = unpack(packed);
  const actual = sha256Of(file);
  if (actual !== upload.sha256)
    throw new ReportUploadError(
      `the file's sha256 is ${actual}, the upload says ${upload.sha256}: sent again, it may arrive whole`,
    );
  const inserted = await db
    .withTables<ReportTables>()
    .insertInto('food_safety_reports')
    .values({
      store_id: upload.storeId,
      month: upload.month,
      format: upload.format,
      lang: upload.lang,
      sha256: upload.sha256,
      size: file.length,
      chain_seq: upload.chainHead.seq,
      chain_hash: upload.chainHead.hash,
      generated_at: upload.generatedAt,
      uploaded_at: now,
      body_gzip: packed,
    })
    .onConflict((oc) => oc.columns(['store_id', 'month', 'format', 'lang', 'sha256']).doNothing())
    .returning('store_id')
    .executeTakeFirst();
  return { stored: inserted !== undefined, bytes: file.length };
}

type ListedRow = Omit<ReportRow, 'body_gzip' | 'store_id'>;

function asReport(row: ListedRow): ArchivedReport {
  return {
    month: row.month,
    format: row.format as ArchivedReportFormat,
    lang: row.lang as Locale,
    sha256: row.sha256,
    bytes: Number(row.size),
    chainSeq: Number(row.chain_seq),
    chainHash: row.chain_hash,
    generatedAt: Number(row.generated_at),
    uploadedAt: Number(row.uploaded_at),
  };
}

const LISTED = [
  'month',
  'format',
  'lang',
  'sha256',
  'size',
  'chain_seq',
  'chain_hash',
  'generated_at',
  'uploaded_at',
] as const;

/** Newest month first; of a month, format and language only the newest upload (the bytes left out). */
export async function listArchivedReports(db: CentralDb, storeId: string): Promise<ArchivedReport[]> {
  const rows = await db
    .withTables<ReportTables>()
    .selectFrom('food_safety_reports')
    .select(LISTED)
    .where('store_id', '=', storeId)
    .orderBy('month', 'desc')
    .orderBy('format', 'desc')
    .orderBy('lang', 'desc')
    .orderBy('uploaded_at', 'desc')
    .limit(2000)
    .execute();
  const seen = new Set<string>();
  const newest: ArchivedReport[] = [];
  for (const row of rows) {
    const key = `${row.month}/${row.format}/${row.lang}`;
    if (seen.has(key)) continue;
    seen.add(key);
    newest.push(asReport(row));
  }
  return newest;
}

/** The newest upload of that month, format and language, its packed bytes included; undefined when there is none. */
export async function archivedReportFile(
  db: CentralDb,
  storeId: string,
  month: string,
  format: ArchivedReportFormat,
  lang: Locale,
): Promise<(ArchivedReport & { gzip: Buffer }) | undefined> {
  const row = await db
    .withTables<ReportTables>()
    .selectFrom('food_safety_reports')
    .select([...LISTED, 'body_gzip'])
    .where('store_id', '=', storeId)
    .where('month', '=', month)
    .where('format', '=', format)
    .where('lang', '=', lang)
    .orderBy('uploaded_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...asReport(row), gzip: Buffer.from(row.body_gzip) };
}
