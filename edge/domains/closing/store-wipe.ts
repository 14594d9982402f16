import { rmSync } from 'node:fs';
import type { Database } from '../../store/database';
import { ClosingRefusedError } from './closing-errors';
import { ClosingRecords } from './closing-record';

/**
 * What a wipe may rely on: central verified every file of the archive (its answer is kept
 * in `store_closing`) and moved the store to closed. Throws saying which is missing.
 */
export function wipeAllowed(db: Database): { finalSeq: number; files: number } {
  const record = new ClosingRecords(db).read();
  if (!record?.archiveAck?.checksumsVerified)
    throw new ClosingRefusedError(
      'ARCHIVE_NOT_CONFIRMED',
      'central has not confirmed the archive of this box: run `galley store close` first; nothing was wiped',
    );
  if (record.closedAt === null)
    throw new ClosingRefusedError(
      'ARCHIVE_NOT_CONFIRMED',
      'the archive is at central but the store is not closed yet: run `galley store close` again; nothing was wiped',
    );
  return { finalSeq: record.archiveAck.finalSeq, files: record.archiveAck.files.length };
}

/** Removes the data directory; call after `wipeAllowed` with the database closed. */
export function wipeDataDir(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
}
