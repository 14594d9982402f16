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
  ) {
    super(message);
    this.name = 'SyncError';
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
