import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { RecoverMark } from '../store/rollup-backlog';
import { BatchWriter } from './batch-writer';
import type { WriterReply, WriterRequest, WriterThreadData } from './writer-protocol';

/**
 * Body of the writer thread: its own connection to the same database file, the same
 * BatchWriter as inline mode, one batch per request. The main thread keeps its own
 * connection for everything else; WAL lets both work at once.
 */
function run(port: NonNullable<typeof parentPort>, data: WriterThreadData): void {
  const db = new BetterSqlite3(data.file);
  // Per connection: every commit survives power loss before its PUBACK is sent.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(data.busyTimeoutMs))}`);
  const mark = new RecoverMark(db);
  let lateBefore: number | undefined;
  const writer = new BatchWriter(db, (_equipmentId, _metric, ts) => {
    // Late for the rollup job: persist the crash mark in this same transaction.
    if (lateBefore !== undefined) mark.lowerFor(ts, lateBefore);
  });
  port.on('message', (request: WriterRequest) => {
    if (request.type === 'close') {
      db.close();
      port.close();
      return;
    }
    lateBefore = request.lateBefore;
    const reply: WriterReply = { id: request.id, outcome: writer.commit(request.ops, request.durable) };
    port.postMessage(reply);
  });
}

if (parentPort) run(parentPort, workerData as WriterThreadData);
