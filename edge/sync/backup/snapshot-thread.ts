import { createRequire } from 'node:module';
import { answerFromThread } from '../../../shared/server/runtime/one-shot-thread';

/** A consistent copy of the store database, packed: what the backup job uploads. */
export interface PackedSnapshot {
  /** the gzip file, removed by the caller once uploaded */
  file: string;
  /** sha256 of the gzip bytes, hex */
  sha256: string;
  /** the database copy, unpacked */
  bytes: number;
  packedBytes: number;
  /** the highest outbox seq in the copy (0 before the first event) */
  seq: number;
  /** copy + pack, on the thread */
  snapshotMs: number;
}

export class SnapshotError extends Error {
  readonly code = 'BACKUP_SNAPSHOT_FAILED';
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotError';
  }
}

type Reply = ({ ok: true } & Omit<PackedSnapshot, 'file'>) | { ok: false; message: string };

const SQLITE = createRequire(import.meta.url).resolve('better-sqlite3');

/*
 * Plain JavaScript on purpose: the thread needs no TypeScript loader (the edge daemon runs
 * compiled, and loading tsx in a thread costs more than the copy of a small store).
 *
 * The copy is SQLite's online backup API from a connection of the thread's own. Copied in
 * steps, it would restart whenever another connection commits between two steps (the ingest
 * writer commits every second), so after the first step the rest is one step: one read
 * transaction, which under WAL never blocks a writer, and a copy of one committed state.
 * Being on its own thread, that long step holds neither ingest nor the API.
 */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const { createReadStream, createWriteStream, statSync, rmSync } = require('node:fs');
const { createHash } = require('node:crypto');
const { createGzip } = require('node:zlib');
const { pipeline } = require('node:stream/promises');
const { Transform } = require('node:stream');
const Database = require(workerData.sqlite);
(async () => {
  const started = Date.now();
  const { source, copy, packed } = workerData;
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(copy, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
  const check = new Database(copy, { fileMustExist: true });
  let seq = 0;
  try {
    const hasSeq = check.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").get();
    const row = hasSeq ? check.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").get() : undefined;
    seq = row ? Number(row.seq) : 0;
  } finally {
    check.close();
  }
  const hash = createHash('sha256');
  let packedBytes = 0;
  const tap = new Transform({
    transform(chunk, _enc, done) { hash.update(chunk); packedBytes += chunk.length; done(null, chunk); },
  });
  await pipeline(createReadStream(copy), createGzip({ level: 6 }), tap, createWriteStream(packed));
  const bytes = statSync(copy).size;
  for (const f of [copy, copy + '-wal', copy + '-shm']) rmSync(f, { force: true });
  parentPort.postMessage({ ok: true, sha256: hash.digest('hex'), bytes, packedBytes, seq, snapshotMs: Date.now() - started });
})().catch((err) => {
  for (const f of [workerData.copy, workerData.copy + '-wal', workerData.copy + '-shm']) rmSync(f, { force: true });
  rmSync(workerData.packed, { force: true });
  parentPort.postMessage({ ok: false, message: err && err.message ? err.message : String(err) });
});
`;

/**
 * Copies `source` (the store database) to `copy` (a connection of its own, which only reads), packs it into `packed` and hashes the
 * packed bytes, on a thread of its own; the unpacked copy is removed once packed.
 */
export async function takePackedSnapshot(
  source: string,
  copy: string,
  packed: string,
): Promise<PackedSnapshot> {
  let reply: Reply;
  try {
    reply = await answerFromThread<Reply>('the copy thread', THREAD, {
      sqlite: SQLITE,
      source,
      copy,
      packed,
    });
  } catch (err) {
    throw new SnapshotError((err as Error).message);
  }
  if (!reply.ok) throw new SnapshotError(`the database copy failed: ${reply.message}`);
  const { ok: _ok, ...rest } = reply;
  return { file: packed, ...rest };
}
