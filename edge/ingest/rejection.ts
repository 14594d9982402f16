import type { RejectionReason } from '../../shared/rejection-reasons';

/** Why a message was refused, with a sentence an integrator can act on. */
export interface Rejection {
  ok: false;
  reason: RejectionReason;
  detail: string;
}

export function reject(reason: RejectionReason, detail: string): Rejection {
  return { ok: false, reason, detail };
}

/**
 * Thrown to callers that submit data directly (serial adapters); `code` is the
 * rejection reason, so the adapter can count and report it like the broker does.
 */
export class IngestRejectedError extends Error {
  readonly code: RejectionReason;
  readonly detail: string;

  constructor(reason: RejectionReason, detail: string) {
    super(`${reason}: ${detail}`);
    this.name = 'IngestRejectedError';
    this.code = reason;
    this.detail = detail;
  }
}

/** The transaction that would have stored a message failed; nothing of it was kept. */
export class CommitFailedError extends Error {
  readonly code = 'COMMIT_FAILED';

  constructor(cause: unknown) {
    super(`storing the message failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'CommitFailedError';
  }
}

/** The pipeline is stopped (or stopping) and takes no more writes. */
export class IngestStoppedError extends Error {
  readonly code = 'INGEST_STOPPED';

  constructor() {
    super('the ingest pipeline is stopped');
    this.name = 'IngestStoppedError';
  }
}
