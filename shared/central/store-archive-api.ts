import { z } from 'zod';
import { StoreId } from '../ids';
import { StoreLifecycleState } from './store-lifecycle';

/**
 * A closing store's archive (闭店归档): the box's SQLite database taken with the online
 * backup API, its records as CSV and its food-safety report as PDF, and a manifest naming
 * each file with its SHA-256 and size and the last sync seq the archive holds. The box
 * sends each file, then the manifest; central checks every file against it before it
 * answers, and only that answer lets the box wipe itself.
 */
export const STORE_ARCHIVE_ROUTES = {
  /** GET (store token): the store's state and the highest seq central holds for it. */
  closing: '/api/stores/:storeId/closing',
  /** POST (store token): the archive is in, move the store to closed (its tokens die). */
  complete: '/api/stores/:storeId/closing/complete',
  /** PUT (store token, the file's bytes) / GET (admin, regional manager): one file. */
  file: '/api/stores/:storeId/archive/files/:name',
  /** PUT (store token, the manifest) / GET (admin, regional manager): the archive. */
  archive: '/api/stores/:storeId/archive',
  /** POST (admin, regional manager): ask the closing store's box to run its closing (a store command). */
  run: '/api/stores/:storeId/closing/run',
} as const;

/**
 * The store command that starts the box's closing run from central (regional operations
 * do not stand at the box). The wipe stays a command at the box: central cannot see that
 * the box's disk is gone, and a wiped box cannot report it.
 */
export const StoreCloseCommand = z.object({ kind: z.literal('store.close') });
export type StoreCloseCommand = z.infer<typeof StoreCloseCommand>;

/** The largest single file central takes (the database is the big one); the box refuses to close past it, saying so. */
export const STORE_ARCHIVE_FILE_MAX_BYTES = 256 * 1024 * 1024;
/** Files in one archive: the database, a CSV per record kind, the reports; room to grow. */
export const STORE_ARCHIVE_MAX_FILES = 64;

/** A file name that is safe in a URL, on a disk and in a Content-Disposition header. */
export const ArchiveFileName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, 'lower-case letters, digits, ".", "_" and "-"; at most 100')
  .refine((n) => !n.includes('..'), 'no ".." in a file name');
export type ArchiveFileName = z.infer<typeof ArchiveFileName>;

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'lower-case hex SHA-256');

export const ArchiveFileKind = z.enum(['database', 'csv', 'pdf']);
export type ArchiveFileKind = z.infer<typeof ArchiveFileKind>;

export const StoreArchiveFile = z
  .object({
    name: ArchiveFileName,
    kind: ArchiveFileKind,
    sha256: Sha256Hex,
    bytes: z.number().int().nonnegative().max(STORE_ARCHIVE_FILE_MAX_BYTES),
    rows: z.number().int().nonnegative().optional().describe('records in a CSV file'),
  })
  .strict();
export type StoreArchiveFile = z.infer<typeof StoreArchiveFile>;

export const StoreArchiveManifest = z
  .object({
    format: z.literal(1),
    storeId: StoreId,
    createdAt: z.number().int().positive().describe('when the box wrote the archive (epoch ms)'),
    finalSeq: z.number().int().nonnegative().describe('the last sync seq the box handed out'),
    centralSeq: z.number().int().nonnegative().describe('the highest seq central held when the box checked'),
    files: z
      .array(StoreArchiveFile)
      .min(1)
      .max(STORE_ARCHIVE_MAX_FILES)
      .refine((files) => new Set(files.map((f) => f.name)).size === files.length, 'file names repeat'),
  })
  .strict();
export type StoreArchiveManifest = z.infer<typeof StoreArchiveManifest>;

export const ArchiveFileParams = z.object({ storeId: StoreId, name: ArchiveFileName });
export type ArchiveFileParams = z.infer<typeof ArchiveFileParams>;

/** Central's answer to one file: what it computed from the bytes it received. */
export const ArchiveFileAck = z.object({ name: ArchiveFileName, sha256: Sha256Hex, bytes: z.number().int() });
export type ArchiveFileAck = z.infer<typeof ArchiveFileAck>;

/** Central's answer to the manifest: every file checked, the archive kept until `retentionUntil`. */
export const StoreArchiveAck = z.object({
  storeId: StoreId,
  finalSeq: z.number().int(),
  checksumsVerified: z.literal(true),
  files: z.array(ArchiveFileAck),
  size: z.number().int().describe('bytes of every file together'),
  uploadedAt: z.number().int(),
  retentionUntil: z.number().int(),
});
export type StoreArchiveAck = z.infer<typeof StoreArchiveAck>;

export const StoreClosingStatus = z.object({
  storeId: StoreId,
  state: StoreLifecycleState,
  highestSeq: z.number().int().nonnegative().describe('highest sync seq central holds for the store'),
});
export type StoreClosingStatus = z.infer<typeof StoreClosingStatus>;

/** The archive as the regional page reads it. */
export const StoreArchiveView = z.object({
  storeId: StoreId,
  uploadedAt: z.number().int(),
  finalSeq: z.number().int(),
  size: z.number().int(),
  retentionUntil: z.number().int(),
  manifest: StoreArchiveManifest,
});
export type StoreArchiveView = z.infer<typeof StoreArchiveView>;

/** Fill a route pattern's `:storeId` / `:name`. */
export function storeArchivePath(
  route: (typeof STORE_ARCHIVE_ROUTES)[keyof typeof STORE_ARCHIVE_ROUTES],
  storeId: string,
  name = '',
): string {
  return route.replace(':storeId', encodeURIComponent(storeId)).replace(':name', encodeURIComponent(name));
}
