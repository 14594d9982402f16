import type { LocalizedText } from '../../../shared/localized-text';
import type { SegregationRule } from '../../../shared/permissions-segregation';

export type PurchasingErrorCode =
  /** the body names a supplier, request, line or quantity that does not fit */
  | 'REQUEST_REFUSED'
  | 'ORDER_NOT_FOUND'
  | 'ILLEGAL_TRANSITION'
  /** a chilled line delivered above the cold-holding limit, or without its temperature */
  | 'FOOD_SAFETY_REFUSED'
  | 'DUTIES_SEGREGATED';

/** Every refusal says why in both languages; the message is the English. */
export class PurchasingError extends Error {
  constructor(
    readonly code: PurchasingErrorCode,
    readonly messages: LocalizedText,
    readonly path: readonly (string | number)[] = [],
  ) {
    super(messages.en);
    this.name = 'PurchasingError';
  }
}

/** A segregation rule, or the store's own two-person sign-off at receiving (receipt-sign-off.ts). */
export type PurchasingDutyRule = SegregationRule | 'two_person_sign_off';

export class PurchasingDutiesSegregated extends PurchasingError {
  constructor(
    readonly rule: PurchasingDutyRule,
    why: LocalizedText,
  ) {
    super('DUTIES_SEGREGATED', why);
  }
}
