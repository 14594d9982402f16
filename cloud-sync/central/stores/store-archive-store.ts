import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  type ArchiveFileAck,
  type StoreArchiveAck,
  StoreArchiveManifest,
  type StoreArchiveView,
} from '../../../shared/central/store-archive-api';
import type { CentralDb } from '../db/central-db';

interface ArchiveFileRow {
  store_id: string;
  name: string;
  sha256: string;
  size: number;
  uploaded_at: number;
  body: Uint8Array;
}

interface ArchiveRow {
  store_id: string;
  uploaded_at: number;
  final_seq: number;
  manifest: string;
  size: number;
  retention_until: number;
}

/** The tables as Kysely sees them; the central schema type does not list this room. */
type ArchiveTables = { store_archive_files: ArchiveFileRow; store_archives: ArchiveRow };

/** A manifest the stored files do not match: refused, nothing kept, the box sends again. */
export class ArchiveMismatchError extends Error {
  readonly code = 'ARCHIVE_MISMATCH';
  constructor(readonly problems: string[]) {
    super(`the archive does not match its manifest: ${problems.join('; ')}`);
    this.name = 'ArchiveMismatchError';
  }
}

const YEAR_MS = 365.25 * 24 * 3_600_000;

/**
 * How long a closed store's archive is kept, in years. Seven by default: food-safety
 * records must outlive the longest time an inspector, an insurer or a court may ask for
 * them (food-business and tax records in the markets we serve keep 2 to 6 years; product
 * liability claims run longer), and the archive is the only copy once the box is wiped.
 * `GALLEY_ARCHIVE_RETENTION_YEARS` changes it, between 1 and 30.
 */
export const ArchiveRetentionYears = z.coerce.number().int().min(1).max(30).default(7);

export function archiveRetentionMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.GALLEY_ARCHIVE_RETENTION_YEARS;
  const parsed = ArchiveRetentionYears.safeParse(raw === '' ? undefined : raw);
  if (!parsed.success)
    throw new Error(
      `GALLEY_ARCHIVE_RETENTION_YEARS=${raw}: a whole number of years between 1 and 30 (default 7)`,
    );
  return Math.round(parsed.data * YEAR_MS);
}

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Keeps one file as it arrived; the answer is what central computed from the bytes. */
export async function saveArchiveFile(
  db: CentralDb,
  storeId: string,
  name: string,
  bytes: Buffer,
  now: number,
): Promise<ArchiveFileAck> {
  const sha256 = sha256Of(bytes);
  await db
    .withTables<ArchiveTables>()
    .insertInto('store_archive_files')
    .values({ store_id: storeId, name, sha256, size: bytes.length, uploaded_at: now, body: bytes })
    .onConflict((oc) =>
      oc
        .columns(['store_id', 'name'])
        .doUpdateSet({ sha256, size: bytes.length, uploaded_at: now, body: bytes }),
    )
    .execute();
  return { name, sha256, bytes: bytes.length };
}

/**
 * Checks every file the manifest names against what central holds (its own SHA-256 of the
 * bytes it received, and the size) and keeps the archive only when all agree.
 */
export async function commitArchive(
  db: CentralDb,
  manifest: StoreArchiveManifest,
  now: number,
  retentionMs: number,
): Promise<StoreArchiveAck> {
  const typed = db.withTables<ArchiveTables>();
  const held = await typed
    .selectFrom('store_archive_files')
    .select(['name', 'sha256', 'size'])
    .where('store_id', '=', manifest.storeId)
    .execute();
  const byName = new Map(held.map((row) => [row.name, row]));
  const problems: string[] = [];
  for (const file of manifest.files) {
    const row = byName.get(file.name);
    if (!row) problems.push(`${file.name} was not received`);
    else if (row.sha256 !== file.sha256)
      problems.push(`${file.name}: central computed sha256 ${row.sha256}, the manifest says ${file.sha256}`);
    else if (Number(row.size) !== file.bytes)
      problems.push(`${file.name}: central received ${row.size} bytes, the manifest says ${file.bytes}`);
  }
  if (problems.length > 0) throw new ArchiveMismatchError(problems);
  const size = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
  const row: ArchiveRow = {
    store_id: manifest.storeId,
    uploaded_at: now,
    final_seq: manifest.finalSeq,
    manifest: JSON.stringify(manifest),
    size,
    retention_until: now + retentionMs,
  };
  await typed
    .insertInto('store_archives')
    .values(row)
    .onConflict((oc) =>
      oc.column('store_id').doUpdateSet({
        uploaded_at: row.uploaded_at,
        final_seq: row.final_seq,
        manifest: row.manifest,
        size: row.size,
        retention_until: row.retention_until,
      }),
    )
    .execute();
  return {
    storeId: manifest.storeId,
    finalSeq: manifest.finalSeq,
    checksumsVerified: true,
    files: manifest.files.map((f) => ({ name: f.name, sha256: f.sha256, bytes: f.bytes })),
    size,
    uploadedAt: now,
    retentionUntil: row.retention_until,
  };
}

export async function storeArchive(db: CentralDb, storeId: string): Promise<StoreArchiveView | undefined> {
  const row = await db
    .withTables<ArchiveTables>()
    .selectFrom('store_archives')
    .selectAll()
    .where('store_id', '=', storeId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    storeId,
    uploadedAt: Number(row.uploaded_at),
    finalSeq: Number(row.final_seq),
    size: Number(row.size),
    retentionUntil: Number(row.retention_until),
    manifest: StoreArchiveManifest.parse(JSON.parse(row.manifest)),
  };
}

/** One file of a kept archive (a file sent but not in the manifest is not part of it). */
export async function storeArchiveFile(
  db: CentralDb,
  storeId: string,
  name: string,
): Promise<{ sha256: string; body: Buffer } | undefined> {
  const archive = await storeArchive(db, storeId);
  if (!archive?.manifest.files.some((f) => f.name === name)) return undefined;
  const row = await db
    .withTables<ArchiveTables>()
    .selectFrom('store_archive_files')
    .select(['sha256', 'body'])
    .where('store_id', '=', storeId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row && { sha256: row.sha256, body: Buffer.from(row.body) };
}
