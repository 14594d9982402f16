export type ClosingErrorCode =
  | 'FINAL_SYNC_INCOMPLETE'
  | 'NOT_CLOSING'
  | 'ALREADY_CLOSED'
  | 'ARCHIVE_TOO_LARGE'
  | 'ARCHIVE_NOT_CONFIRMED'
  | 'NO_CENTRAL';

/** A closing step that may not go on yet, with what is left; nothing after it has run. */
export class ClosingRefusedError extends Error {
  constructor(
    readonly code: ClosingErrorCode,
    message: string,
    readonly figures: Record<string, number> = {},
  ) {
    super(message);
    this.name = 'ClosingRefusedError';
  }
}
