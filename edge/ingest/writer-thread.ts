import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { RecoverMark } from '../store/rollup-backlog';
import { BatchWriter } from './batch-writer';
import type { WriterHeap, WriterReply, WriterRequest, WriterThreadData } from './writer-protocol';

/** How often the thread tells the main thread its heap size (for /metrics), at most. */
const HEAP_REPORT_MS = 1000;

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
    const heap = heapReport();
    port.postMessage(heap ? { ...reply, heap } : reply);
  });
}

let reportedAt = 0;
function heapReport(): WriterHeap | undefined {
  const now = Date.now();
  if (now - reportedAt < HEAP_REPORT_MS) return undefined;
  reportedAt = now;
  const stats = getHeapStatistics();
  return { totalBytes: stats.total_heap_size, usedBytes: stats.used_heap_size };
}

if (parentPort) run(parentPort, workerData as WriterThreadData);
