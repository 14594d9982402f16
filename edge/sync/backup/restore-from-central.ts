import { createHash } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { createGunzip } from 'node:zlib';
import BetterSqlite3 from 'better-sqlite3';
import { BACKUP_HEADERS, backupLatestPath } from '../../../shared/sync/backup-protocol';
import { verifyChain } from '../../domains/food-safety/record-chain';
import { DATABASE_FILE } from '../../store/database';

export type RestoreErrorCode =
  | 'RESTORE_DATA_DIR_NOT_EMPTY'
  | 'RESTORE_DOWNLOAD'
  | 'RESTORE_SHA256'
  | 'RESTORE_NOT_SQLITE'
  | 'RESTORE_INTEGRITY'
  | 'RESTORE_CHAIN';

export class RestoreError extends Error {
  constructor(
    readonly code: RestoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RestoreError';
  }
}

export interface RestoreOptions {
  centralUrl: string;
  storeId: string;
  /** the store token (gst_…) or an admin's session token */
  token: string;
  dataDir: string;
  /** replace the database files of a data dir that holds some */
  force?: boolean;
}

export interface RestoreOutcome {
  takenAt: number;
  sha256: string;
  packedBytes: number;
  bytes: number;
  /** the highest outbox seq in the backup */
  backupSeq: number;
  /** the highest seq central held for the store; the box's next event is numbered above both */
  centralSeq: number;
  nextSeq: number;
  /** events in the backup's outbox central had not acknowledged when it was taken: sent again at start */
  pendingEvents: number;
  chainRecords: number;
  chainHead: { seq: number; hash: string } | null;
  /** files replaced under --force */
  replaced: string[];
}

const DATABASE_FILES = [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`];

function headerNumber(headers: Headers, name: string): number {
  const value = Number(headers.get(name));
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RestoreError('RESTORE_DOWNLOAD', `central's answer lacks a valid ${name} header`);
  return value;
}

/**
 * Restores a replacement box from the store's newest backup at central: downloads it,
 * checks its sha256, unpacks it, checks SQLite's integrity and the food-safety record
 * chain, numbers the outbox on above everything central already holds, and only then puts
 * it in the data dir. Whatever fails, the data dir is left as it was.
 */
export async function restoreFromCentral(options: RestoreOptions): Promise<RestoreOutcome> {
  const dataDir = resolve(options.dataDir);
  const present = existsSync(dataDir) ? readdirSync(dataDir) : [];
  if (present.length > 0 && !options.force)
    throw new RestoreError(
      'RESTORE_DATA_DIR_NOT_EMPTY',
      `${dataDir} is not empty (${present.slice(0, 5).join(', ')}); restore into a new folder, or pass --force to replace its database`,
    );
  mkdirSync(dirname(dataDir), { recursive: true });
  const work = await mkdtemp(join(dirname(dataDir), '.galley-restore-'));
  try {
    const packed = join(work, 'backup.sqlite.gz');
    const unpacked = join(work, DATABASE_FILE);
    const download = await downloadLatest(options, packed);
    await pipeline(createReadStream(packed), createGunzip(), createWriteStream(unpacked)).catch(
      (err: unknown) => {
        throw new RestoreError(
          'RESTORE_NOT_SQLITE',
          `the backup is not gzip data: ${(err as Error).message}`,
        );
      },
    );
    const checked = checkAndRenumber(unpacked, download.centralSeq);
    const replaced: string[] = [];
    mkdirSync(dataDir, { recursive: true });
    for (const file of DATABASE_FILES) {
      if (existsSync(join(dataDir, file))) replaced.push(file);
      rmSync(join(dataDir, file), { force: true });
    }
    renameSync(unpacked, join(dataDir, DATABASE_FILE));
    return { ...download, ...checked, replaced };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function downloadLatest(
  options: RestoreOptions,
  file: string,
): Promise<{ takenAt: number; sha256: string; packedBytes: number; backupSeq: number; centralSeq: number }> {
  const url = new URL(backupLatestPath(options.storeId).slice(1), options.centralUrl.replace(/\/*$/, '/'));
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${options.token}` } });
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
    throw new RestoreError('RESTORE_DOWNLOAD', `central unreachable at ${url.origin} (${cause})`);
  }
  if (response.status !== 200 || !response.body) {
    const text = await response.text().catch(() => '');
    throw new RestoreError(
      'RESTORE_DOWNLOAD',
      `central answered ${response.status} ${text.slice(0, 300)}`.trim(),
    );
  }
  const sha256 = response.headers.get(BACKUP_HEADERS.sha256) ?? '';
  const takenAt = headerNumber(response.headers, BACKUP_HEADERS.takenAt);
  const backupSeq = headerNumber(response.headers, BACKUP_HEADERS.seq);
  const centralSeq = headerNumber(response.headers, BACKUP_HEADERS.centralSeq);
  const hash = createHash('sha256');
  let packedBytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      packedBytes += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(
    Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>),
    tap,
    createWriteStream(file),
  );
  const actual = hash.digest('hex');
  if (actual !== sha256)
    throw new RestoreError(
      'RESTORE_SHA256',
      `the download's sha256 is ${actual}, central says ${sha256 || '(none)'}: it did not arrive whole; nothing restored`,
    );
  return { takenAt, sha256, packedBytes, backupSeq, centralSeq };
}

/**
 * Opens the unpacked copy: SQLite's own integrity check, then the food-safety chain, then
 * the outbox numbered on above `centralSeq`. Events the dead box sent after the backup are
 * at central under seqs this copy would hand out again, and central stores each (store,
 * seq) once: a new event under such a seq would be taken for a duplicate and lost. The
 * events still in the copy's outbox keep their seqs and go again; central keeps the first.
 */
function checkAndRenumber(
  file: string,
  centralSeq: number,
): Pick<RestoreOutcome, 'bytes' | 'nextSeq' | 'pendingEvents' | 'chainRecords' | 'chainHead'> {
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(file, { fileMustExist: true });
    db.pragma('journal_mode = WAL');
  } catch (err) {
    throw new RestoreError(
      'RESTORE_NOT_SQLITE',
      `the backup is not an SQLite database: ${(err as Error).message}`,
    );
  }
  try {
    const integrity = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
    const problems = integrity.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    if (problems.length > 0)
      throw new RestoreError(
        'RESTORE_INTEGRITY',
        `SQLite integrity check failed: ${problems.slice(0, 5).join('; ')}`,
      );
    const has = (table: string) =>
      db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
    let chainRecords = 0;
    let chainHead: RestoreOutcome['chainHead'] = null;
    if (has('food_safety_chain_head')) {
      const chain = db.transaction(() => verifyChain(db))();
      if (!chain.ok)
        throw new RestoreError(
          'RESTORE_CHAIN',
          `food-safety records NOT intact in the backup: first altered record: ${chain.record} (${chain.reason})`,
        );
      chainRecords = chain.records;
      chainHead = chain.head;
    }
    let nextSeq = centralSeq + 1;
    let pendingEvents = 0;
    if (has('outbox')) {
      const seqRow = db
        .prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'")
        .get();
      const own = Number(seqRow?.seq ?? 0);
      const next = Math.max(own, centralSeq);
      db.transaction(() => {
        if (seqRow) db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'outbox'").run(next);
        else db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('outbox', ?)").run(next);
      })();
      nextSeq = next + 1;
      pendingEvents = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM outbox').get()?.n ?? 0;
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes =
      db
        .prepare<[], { n: number }>(
          'SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()',
        )
        .get()?.n ?? 0;
    return { bytes, nextSeq, pendingEvents, chainRecords, chainHead };
  } finally {
    db.close();
  }
}
