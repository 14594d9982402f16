import type { BatchOutcome, WriteOp } from './write-ops';

/** What the main thread tells the writer thread when starting it. */
export interface WriterThreadData {
  /** the database file; the thread opens its own connection to it */
  file: string;
  /** as set on the main connection when the thread starts */
  busyTimeoutMs: number;
}

export type WriterRequest =
  | {
      type: 'commit';
      id: number;
      ops: WriteOp[];
      /** a client waits on some op: fsync the commit (see BatchWriter.commit) */
      durable: boolean;
      /** readings in buckets before this are late for the rollup job (its frontier) */
      lateBefore: number | undefined;
    }
  | { type: 'close' };

/** The writer thread's own V8 heap, reported with a reply at most once a second. */
export interface WriterHeap {
  totalBytes: number;
  usedBytes: number;
}

export interface WriterReply {
  id: number;
  outcome: BatchOutcome;
  heap?: WriterHeap;
}
