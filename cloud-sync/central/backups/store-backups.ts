import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Clock } from '../../../shared/server/runtime/clock';
import {
  BACKUP_MAX_PACKED_BYTES,
  type StoreBackup,
  type StoreBackupAck,
} from '../../../shared/sync/backup-protocol';
import type { CentralDb } from '../db/central-db';

interface BackupRow {
  store_id: string;
  sha256: string;
  taken_at: number;
  seq: number;
  size: number;
  uploaded_at: number;
  /** relative to the backups folder */
  file: string;
}

/** The table as Kysely sees it; the central schema type does not list this room. */
type BackupTables = { store_backups: BackupRow };

/** An upload central will not keep (not the bytes it says, not gzip, too large): nothing is stored. */
export class BackupUploadError extends Error {
  readonly code = 'BACKUP_UPLOAD_INVALID';
  constructor(
    message: string,
    readonly status: 400 | 413 = 400,
  ) {
    super(message);
    this.name = 'BackupUploadError';
  }
}

export interface BackupUploadMeta {
  storeId: string;
  sha256: string;
  seq: number;
  takenAt: number;
}

/** Default count kept per store: an hour of five-minute copies. */
export const DEFAULT_BACKUPS_KEPT = 12;

const GZIP_MAGIC = [0x1f, 0x8b];

/** One folder per store, named so that no store id can reach outside the backups folder. */
function storeFolder(storeId: string): string {
  const safe = storeId.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 64);
  return `${safe}-${createHash('sha256').update(storeId).digest('hex').slice(0, 8)}`;
}

function asBackup(row: BackupRow): StoreBackup {
  return {
    storeId: row.store_id,
    sha256: row.sha256,
    takenAt: Number(row.taken_at),
    seq: Number(row.seq),
    size: Number(row.size),
    uploadedAt: Number(row.uploaded_at),
  };
}

/**
 * The stores' box backups: gzip files under `<data dir>/backups/<store>/`, listed in
 * `store_backups` (migration 021), the newest `kept` per store. An upload is written to a
 * temporary file while it is hashed, and becomes a backup only when its sha256 is the one
 * the box announced: a cut or altered upload leaves nothing behind.
 */
export class StoreBackups {
  readonly #db: CentralDb;
  readonly #root: string;
  readonly #clock: Clock;
  readonly kept: number;
  readonly #maxBytes: number;

  constructor(deps: { db: CentralDb; dataDir: string; clock: Clock; kept?: number; maxBytes?: number }) {
    this.#db = deps.db;
    this.#root = join(deps.dataDir, 'backups');
    this.#clock = deps.clock;
    this.kept = Math.max(1, Math.floor(deps.kept ?? DEFAULT_BACKUPS_KEPT));
    this.#maxBytes = deps.maxBytes ?? BACKUP_MAX_PACKED_BYTES;
  }

  get #table() {
    return this.#db.withTables<BackupTables>();
  }

  /** Stores the streamed gzip bytes as the store's newest backup, after checking them against `meta.sha256`. */
  async save(meta: BackupUploadMeta, body: Readable, declaredBytes?: number): Promise<StoreBackupAck> {
    if (declaredBytes !== undefined && declaredBytes > this.#maxBytes)
      throw new BackupUploadError(`a backup may be at most ${this.#maxBytes} bytes packed`, 413);
    const folder = storeFolder(meta.storeId);
    const dir = join(this.#root, folder);
    mkdirSync(dir, { recursive: true });
    const incoming = join(dir, `.incoming-${randomBytes(6).toString('hex')}`);
    const hash = createHash('sha256');
    let size = 0;
    let head: number[] = [];
    const maxBytes = this.#maxBytes;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > maxBytes) {
          done(new BackupUploadError(`a backup may be at most ${maxBytes} bytes packed`, 413));
          return;
        }
        if (head.length < 2) head = [...head, ...chunk.subarray(0, 2 - head.length)];
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, tap, createWriteStream(incoming));
      const actual = hash.digest('hex');
      if (actual !== meta.sha256)
        throw new BackupUploadError(
          `the upload's sha256 is ${actual}, the box said ${meta.sha256}: it did not arrive whole; nothing stored`,
        );
      if (head[0] !== GZIP_MAGIC[0] || head[1] !== GZIP_MAGIC[1])
        throw new BackupUploadError('a backup is the gzip of the store database; this is not gzip');
      const held = await this.#table
        .selectFrom('store_backups')
        .selectAll()
        .where('store_id', '=', meta.storeId)
        .where('sha256', '=', meta.sha256)
        .executeTakeFirst();
      if (held) return { stored: false, backup: asBackup(held), kept: this.kept };
      const file = `${folder}/${meta.takenAt}-${meta.sha256.slice(0, 16)}.sqlite.gz`;
      renameSync(incoming, join(this.#root, file));
      const row: BackupRow = {
        store_id: meta.storeId,
        sha256: meta.sha256,
        taken_at: meta.takenAt,
        seq: meta.seq,
        size,
        uploaded_at: this.#clock.now(),
        file,
      };
      await this.#table
        .insertInto('store_backups')
        .values(row)
        .onConflict((oc) => oc.columns(['store_id', 'sha256']).doNothing())
        .execute();
      await this.#prune(meta.storeId);
      return { stored: true, backup: asBackup(row), kept: this.kept };
    } catch (err) {
      body.resume();
      throw err;
    } finally {
      rmSync(incoming, { force: true });
    }
  }

  /** Newest first. */
  async list(storeId: string): Promise<StoreBackup[]> {
    const rows = await this.#table
      .selectFrom('store_backups')
      .selectAll()
      .where('store_id', '=', storeId)
      .orderBy('taken_at', 'desc')
      .execute();
    return rows.map(asBackup);
  }

  /** The newest backup and the path of its file; undefined when the store has none. */
  async latest(storeId: string): Promise<{ backup: StoreBackup; path: string } | undefined> {
    const row = await this.#table
      .selectFrom('store_backups')
      .selectAll()
      .where('store_id', '=', storeId)
      .orderBy('taken_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && { backup: asBackup(row), path: join(this.#root, row.file) };
  }

  /** Removes all but the newest `kept` of the store: the row first, then its file. */
  async #prune(storeId: string): Promise<void> {
    const old = await this.#table
      .selectFrom('store_backups')
      .select(['sha256', 'file'])
      .where('store_id', '=', storeId)
      .orderBy('taken_at', 'desc')
      .offset(this.kept)
      .limit(1000)
      .execute();
    for (const row of old) {
      await this.#table
        .deleteFrom('store_backups')
        .where('store_id', '=', storeId)
        .where('sha256', '=', row.sha256)
        .execute();
      rmSync(join(this.#root, row.file), { force: true });
    }
  }
}
