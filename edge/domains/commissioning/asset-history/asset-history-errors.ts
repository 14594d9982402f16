/** Why an asset history is refused; `code` is what the command line and the counters report. */
export type AssetHistoryErrorCode =
  | 'unreadable'
  | 'not_json'
  | 'invalid_document'
  | 'tampered'
  | 'unknown_equipment'
  | 'no_asset_identity'
  | 'asset_mismatch';

export class AssetHistoryError extends Error {
  readonly code: AssetHistoryErrorCode;
  constructor(code: AssetHistoryErrorCode, message: string) {
    super(message);
    this.name = 'AssetHistoryError';
    this.code = code;
  }
}
