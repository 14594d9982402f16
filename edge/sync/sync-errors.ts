import type { SyncEventRefusal } from '../../shared/sync/sync-protocol';

export type SyncErrorCode =
  | 'SYNC_UNREACHABLE'
  | 'SYNC_TIMEOUT'
  | 'SYNC_HTTP_STATUS'
  | 'SYNC_BAD_RESPONSE'
  | 'SYNC_STOPPED';

/** A request to central that did not succeed; the sync loop logs it, counts it and backs off. */
export class SyncError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    readonly status?: number,
    /** central's list of the events it refused (SyncBatchRefused), when it sent one */
    readonly refusedEvents?: readonly SyncEventRefusal[],
  ) {
    super(message);
    this.name = 'SyncError';
  }

  /**
   * Central will not store what was sent as it is: 400 (invalid), 413 (too large), 422.
   * Not 401/403 (the token), 404 (a store central does not know), 408/429 (try later):
   * those are about the store or the moment, and setting its events aside would empty
   * the outbox into the side table; they back off like a server error.
   */
  get refusesEvents(): boolean {
    return (
      this.code === 'SYNC_HTTP_STATUS' && (this.status === 400 || this.status === 413 || this.status === 422)
    );
  }

  /** 4xx other than 408/429 will not get better by retrying the same request. */
  get permanent(): boolean {
    return (
      this.code === 'SYNC_HTTP_STATUS' &&
      this.status !== undefined &&
      this.status >= 400 &&
      this.status < 500 &&
      this.status !== 408 &&
      this.status !== 429
    );
  }
}
