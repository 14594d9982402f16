import type { PurchaseStatus } from '../../../shared/api/parts';

export type PartsErrorCode =
  | 'PART_UNKNOWN'
  | 'PURCHASE_NOT_FOUND'
  | 'PURCHASE_ILLEGAL_TRANSITION'
  | 'PURCHASE_ALREADY_OPEN'
  | 'PURCHASE_FORBIDDEN'
  /** A quantity the part's unit or its stock cannot take (fractional pieces, below 0, beyond the bound). */
  | 'QUANTITY_REFUSED';

export class PartsError extends Error {
  constructor(
    readonly code: PartsErrorCode,
    message: string,
    /** For an illegal transition: the states the request may move to from where it is. */
    readonly allowed: readonly PurchaseStatus[] = [],
    /** For a refused quantity: where it was in the request, e.g. ['delta'] or ['parts', 0, 'quantity']. */
    readonly path: readonly (string | number)[] = [],
  ) {
    super(message);
    this.name = 'PartsError';
  }
}
