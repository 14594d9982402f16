import { z } from 'zod';
import { StoreId } from '../ids';

/**
 * Continuous backup of a store box's SQLite database at central, and the restore of a
 * replacement box from it. The box uploads a gzip of a consistent copy every few minutes
 * (only when something changed); central keeps the newest few per store on disk.
 */
export const BACKUP_ROUTES = {
  /** PUT the gzip bytes (store token; the headers below say what they are) → StoreBackupAck */
  upload: '/api/stores/:storeId/backups',
  /** GET the store's backups, newest first (admin and regional roles) */
  list: '/api/stores/:storeId/backups',
  /** GET the newest backup's gzip bytes (an admin, or the store's own token for a restore) */
  latest: '/api/stores/:storeId/backups/latest',
} as const;

export const backupUploadPath = (storeId: string): string =>
  `/api/stores/${encodeURIComponent(storeId)}/backups`;
export const backupLatestPath = (storeId: string): string =>
  `/api/stores/${encodeURIComponent(storeId)}/backups/latest`;

/** Headers of an upload, and of the download that gives it back. */
export const BACKUP_HEADERS = {
  /** sha256 of the gzip bytes exactly as sent, 64 lower-case hex digits */
  sha256: 'x-galley-backup-sha256',
  /** the highest outbox seq the box had written when the copy was taken */
  seq: 'x-galley-backup-seq',
  /** epoch ms when the copy was taken */
  takenAt: 'x-galley-backup-taken-at',
  /** download only: the highest sync seq central holds for the store (the restored box continues above it) */
  centralSeq: 'x-galley-central-highest-seq',
} as const;

export const BACKUP_CONTENT_TYPE = 'application/gzip';

/**
 * A store database is tens of MB (readings are rolled up and pruned): 50 MB packs to about
 * a fifth. 512 MiB packed leaves room for a store far past that and still refuses a runaway.
 */
export const BACKUP_MAX_PACKED_BYTES = 512 * 1024 * 1024;

export const Sha256Hex = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'sha256 as 64 lower-case hex digits')
  .describe('sha256 of the gzip bytes, hex');

/** The headers of an upload, as central validates them. */
export const BackupUploadHeaders = z.object({
  [BACKUP_HEADERS.sha256]: Sha256Hex,
  [BACKUP_HEADERS.seq]: z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  [BACKUP_HEADERS.takenAt]: z.coerce
    .number()
    .int()
    .min(Date.UTC(2020, 0, 1))
    .max(Date.UTC(2200, 0, 1)),
});

export const StoreBackup = z.object({
  storeId: StoreId,
  takenAt: z.number().int().describe('epoch ms when the box took the copy'),
  seq: z.number().int().nonnegative().describe('highest outbox seq in the copy'),
  sha256: Sha256Hex,
  size: z.number().int().nonnegative().describe('gzip bytes'),
  uploadedAt: z.number().int(),
});
export type StoreBackup = z.infer<typeof StoreBackup>;

export const StoreBackupAck = z.object({
  stored: z.boolean().describe('false when central already held this very backup'),
  backup: StoreBackup,
  /** how many backups of the store central keeps; older ones were removed */
  kept: z.number().int().positive(),
});
export type StoreBackupAck = z.infer<typeof StoreBackupAck>;

export const StoreBackupList = z.object({
  storeId: StoreId,
  backups: z.array(StoreBackup),
});
export type StoreBackupList = z.infer<typeof StoreBackupList>;

/** What the box says of its own backups (`GET /api/sync/backups` on the edge). */
export const BoxBackupStatus = z.object({
  enabled: z.boolean().describe('false without a central endpoint'),
  intervalMinutes: z.number(),
  last: z
    .object({
      takenAt: z.number().int(),
      seq: z.number().int(),
      sha256: Sha256Hex,
      bytes: z.number().int().describe('the database copy, unpacked'),
      packedBytes: z.number().int(),
      snapshotMs: z.number().int().describe('how long the copy took, off the main thread'),
      uploadedAt: z.number().int(),
    })
    .nullable(),
  failures: z.number().int().nonnegative().describe('failed attempts since start'),
  retryAt: z.number().int().nullable(),
});
export type BoxBackupStatus = z.infer<typeof BoxBackupStatus>;

/** The answer to `POST /api/sync/backups` (a backup now). */
export const BoxBackupRun = z.object({
  outcome: z.enum(['uploaded', 'unchanged', 'deferred', 'disabled']),
  status: BoxBackupStatus,
});
export type BoxBackupRun = z.infer<typeof BoxBackupRun>;
