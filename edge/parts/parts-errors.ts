import type { PurchaseStatus } from '../../shared/api/parts';

export type PartsErrorCode =
  | 'PART_UNKNOWN'
  | 'PURCHASE_NOT_FOUND'
  | 'PURCHASE_ILLEGAL_TRANSITION'
  | 'PURCHASE_ALREADY_OPEN'
  | 'PURCHASE_FORBIDDEN';

export class PartsError extends Error {
  constructor(
    readonly code: PartsErrorCode,
    message: string,
    /** For an illegal transition: the states the request may move to from where it is. */
    readonly allowed: readonly PurchaseStatus[] = [],
  ) {
    super(message);
    this.name = 'PartsError';
  }
}
