import type { PurchaseStatus } from '../../../shared/api/parts';
import type { LocalizedText } from '../../../shared/localized-text';
import type { SegregationRule } from '../../../shared/permissions-segregation';

export type StockErrorCode =
  /** a request names an ingredient, pack or location the config does not have, or counts one twice */
  | 'REQUEST_REFUSED'
  | 'PURCHASE_NOT_FOUND'
  | 'PURCHASE_ILLEGAL_TRANSITION'
  /** the step would break segregation of duties (shared/permissions-segregation.ts) */
  | 'DUTIES_SEGREGATED';

export class StockError extends Error {
  constructor(
    readonly code: StockErrorCode,
    message: string,
    /** where it was in the request body, e.g. ['lines', 0, 'ingredient'] */
    readonly path: readonly (string | number)[] = [],
    /** for an illegal transition: the states the request may move to from where it is */
    readonly allowed: readonly PurchaseStatus[] = [],
    /** the refusal in both languages, for a screen to show as it is (the message is the English) */
    readonly messages?: LocalizedText,
  ) {
    super(message);
    this.name = 'StockError';
  }
}

/** A refusal of part of a request body, named by its path. */
export const refused = (path: readonly (string | number)[], message: string) =>
  new StockError('REQUEST_REFUSED', message, path);

/** A refusal said in both languages, for the kitchen to read without a translation table. */
export const refusedIn = (path: readonly (string | number)[], messages: LocalizedText) =>
  new StockError('REQUEST_REFUSED', messages.en, path, [], messages);

/** A step on a purchase request that would break segregation of duties: refused with the rule and why. */
export class DutiesSegregated extends StockError {
  constructor(
    readonly rule: SegregationRule,
    readonly why: LocalizedText,
  ) {
    super('DUTIES_SEGREGATED', why.en, [], [], why);
  }
}
