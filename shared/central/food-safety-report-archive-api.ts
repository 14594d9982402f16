import { z } from 'zod';
import { StoreId } from '../ids';
import { Locale } from '../localized-text';

/**
 * The monthly archive of each store's own food-safety report at central: the box renders
 * a closed month's report (PDF in both languages, CSV in both) and uploads each file with
 * its store token; the regional page lists and downloads them.
 */
export const REPORT_ARCHIVE_ROUTES = {
  upload: '/api/sync/food-safety-reports',
  list: '/api/regional/food-safety/stores/:storeId/reports',
  /** `:file` is `YYYY-MM.pdf` or `YYYY-MM.csv`; the language is `?lang=` */
  file: '/api/regional/food-safety/stores/:storeId/reports/:file',
} as const;

/**
 * The file travels gzip-compressed and base64 in JSON: at most 24 MiB packed. The CSV holds
 * the minute log: a month of a 20-unit store is 85 MB of text, 8.7 MB packed (measured,
 * test/drills/food-safety-report-archive-size.test.ts); the file itself may be up to 256 MiB.
 * The upload route takes bodies up to REPORT_ARCHIVE_BODY_LIMIT_BYTES (4/3 of the packed
 * file plus the envelope), above central's 16 MiB default for every other route.
 */
export const ARCHIVED_REPORT_MAX_PACKED_BYTES = 24 * 1024 * 1024;
export const REPORT_ARCHIVE_BODY_LIMIT_BYTES = 33 * 1024 * 1024;
export const ARCHIVED_REPORT_MAX_BYTES = 256 * 1024 * 1024;

export const ReportMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM, e.g. 2026-11')
  .describe('the store-local calendar month, YYYY-MM');
export type ReportMonth = z.infer<typeof ReportMonth>;

export const ArchivedReportFormat = z.enum(['pdf', 'csv']);
export type ArchivedReportFormat = z.infer<typeof ArchivedReportFormat>;

const Sha256Hex = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'sha256 as 64 lower-case hex digits')
  .describe('sha256 of the file, hex');

/** The chain head printed in the report's footer (seq and full hash as the box keeps it). */
export const ArchivedChainHead = z.strictObject({
  seq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  hash: z.string().regex(/^[0-9a-f]{1,128}$/, 'hex'),
});

export const ArchivedReportUpload = z.strictObject({
  storeId: StoreId,
  month: ReportMonth,
  format: ArchivedReportFormat,
  lang: Locale,
  sha256: Sha256Hex,
  chainHead: ArchivedChainHead,
  /** when the box made the file (epoch ms) */
  generatedAt: z.number().int().min(0).max(8_640_000_000_000_000),
  /** the file gzip-compressed, then base64; the sha256 is the file's, unpacked */
  gzipBase64: z
    .base64()
    .max(
      Math.ceil(ARCHIVED_REPORT_MAX_PACKED_BYTES / 3) * 4,
      `at most ${ARCHIVED_REPORT_MAX_PACKED_BYTES} bytes packed`,
    ),
});
export type ArchivedReportUpload = z.infer<typeof ArchivedReportUpload>;

export const ArchivedReportAck = z.object({
  /** false: central already held this very file (same month, format, language and sha256) */
  stored: z.boolean(),
  bytes: z.number().int().nonnegative(),
});
export type ArchivedReportAck = z.infer<typeof ArchivedReportAck>;

export const ArchivedReport = z.object({
  month: ReportMonth,
  format: ArchivedReportFormat,
  lang: Locale,
  sha256: Sha256Hex,
  bytes: z.number().int().nonnegative(),
  chainSeq: z.number().int().nonnegative(),
  chainHash: z.string(),
  generatedAt: z.number().int(),
  uploadedAt: z.number().int(),
});
export type ArchivedReport = z.infer<typeof ArchivedReport>;

/** Newest month first; per month, format and language the newest upload only. */
export const ArchivedReportList = z.object({ storeId: StoreId, reports: z.array(ArchivedReport) });
export type ArchivedReportList = z.infer<typeof ArchivedReportList>;

export const ArchivedReportFileParams = z.object({
  storeId: StoreId,
  file: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])\.(pdf|csv)$/, 'YYYY-MM.pdf or YYYY-MM.csv')
    .describe('the month and format, e.g. 2026-11.pdf'),
});
export const ArchivedReportFileQuery = z.object({
  lang: Locale.default('zh-CN').describe('the language of the document'),
});
