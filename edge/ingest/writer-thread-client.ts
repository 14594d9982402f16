import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../shared/server/runtime/logger';
import type { Database } from '../store/database';
import type { BatchOutcome, WriteOp } from './write-ops';
import type { WriterHeap, WriterReply, WriterRequest, WriterThreadData } from './writer-protocol';

export class WriterThreadError extends Error {
  readonly code = 'WRITER_THREAD_FAILED';

  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'WriterThreadError';
  }
}

const ENTRY = new URL('./writer-thread.ts', import.meta.url).href;
// The ESM build of tsx's API sits next to the CommonJS one require() finds.
const TSX_API = pathToFileURL(
  createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs'),
).href;

// Sources are TypeScript run through tsx; a worker does not inherit the parent's
// loader hooks, so the thread registers tsx before importing its entry.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi)
  .then((tsx) => { tsx.register(); return import(workerData.entry); })
  .catch((err) => { process.nextTick(() => { throw err; }); });
`;

interface Waiting {
  resolve: (outcome: BatchOutcome) => void;
  reject: (err: Error) => void;
}

/**
 * Runs group commits on a worker thread with its own SQLite connection, so the
 * fsync-bound commit and the per-row statement work use the second core while the
 * main thread keeps serving MQTT. Batches go in as plain ops; outcomes come back in
 * order. If the thread dies, waiting batches fail (nothing is acknowledged) and the
 * next batch starts a new thread.
 */
export class WriterThreadClient {
  readonly #db: Database;
  readonly #log: Logger;
  #worker: Worker | undefined;
  #nextId = 1;
  readonly #waiting = new Map<number, Waiting>();
  #heap: WriterHeap | undefined;

  /** `db` is the main connection: the thread opens the same file with the same busy timeout. */
  constructor(db: Database, logger: Logger) {
    this.#db = db;
    this.#log = logger.child({ ns: 'writer-thread' });
  }

  /** The thread's V8 heap as it last reported it; undefined before its first batch. */
  get heap(): WriterHeap | undefined {
    return this.#worker ? this.#heap : undefined;
  }

  /** Starts the thread ahead of the first batch (loading it takes a moment). */
  start(): void {
    if (!this.#worker) this.#spawn();
  }

  commit(ops: WriteOp[], durable: boolean, lateBefore: number | undefined): Promise<BatchOutcome> {
    const worker = this.#worker ?? this.#spawn();
    const id = this.#nextId++;
    return new Promise<BatchOutcome>((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      const request: WriterRequest = { type: 'commit', id, ops, durable, lateBefore };
      worker.postMessage(request);
    });
  }

  /** Lets the thread finish what it was sent, then closes its connection and ends it. */
  async stop(): Promise<void> {
    const worker = this.#worker;
    if (!worker) return;
    this.#worker = undefined;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    const close: WriterRequest = { type: 'close' };
    worker.postMessage(close);
    await exited;
  }

  #spawn(): Worker {
    const data: WriterThreadData & { entry: string; tsxApi: string } = {
      file: this.#db.name,
      busyTimeoutMs: this.#db.pragma('busy_timeout', { simple: true }) as number,
      entry: ENTRY,
      tsxApi: TSX_API,
    };
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: data });
    worker.on('message', (reply: WriterReply) => {
      if (reply.heap) this.#heap = reply.heap;
      const waiting = this.#waiting.get(reply.id);
      this.#waiting.delete(reply.id);
      waiting?.resolve(reply.outcome);
    });
    worker.on('error', (err) => {
      this.#log.error({ err }, 'writer thread failed');
      this.#failAll(new WriterThreadError('the writer thread failed', err));
    });
    worker.on('exit', (code) => {
      if (this.#worker === worker) this.#worker = undefined;
      if (this.#waiting.size > 0) {
        this.#log.error({ code, waiting: this.#waiting.size }, 'writer thread exited with batches waiting');
        this.#failAll(new WriterThreadError(`the writer thread exited (code ${code})`));
      }
    });
    this.#worker = worker;
    return worker;
  }

  #failAll(err: Error): void {
    const waiting = [...this.#waiting.values()];
    this.#waiting.clear();
    for (const w of waiting) w.reject(err);
  }
}
