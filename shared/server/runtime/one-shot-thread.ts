import { Worker } from 'node:worker_threads';

/** A thread that failed, or ended without answering; `thread` names it in the message. */
export class ThreadFailedError extends Error {
  constructor(
    readonly thread: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ThreadFailedError';
  }
}

/**
 * Runs `code` (plain JavaScript, evaluated) on a thread of its own with `workerData`, and
 * resolves with the first message it posts; the thread is ended then, or when it fails or
 * exits first (rejected with ThreadFailedError). For one synchronous stretch of work that
 * must not hold the main thread: a database copy, a PDF with an embedded font.
 */
export function answerFromThread<Reply>(thread: string, code: string, workerData: unknown): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.once('message', (reply: Reply) => settle(() => resolve(reply)));
    worker.once('error', (err) =>
      settle(() => reject(new ThreadFailedError(thread, `${thread} failed: ${err.message}`, { cause: err }))),
    );
    worker.once('exit', (code) =>
      settle(() =>
        reject(new ThreadFailedError(thread, `${thread} ended (code ${code}) before it answered`)),
      ),
    );
  });
}
