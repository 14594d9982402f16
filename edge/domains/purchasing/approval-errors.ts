import type { LocalizedText } from '../../../shared/localized-text';
import type { SegregationRule } from '../../../shared/permissions-segregation';

export type ApprovalRefusalCode =
  /** the current step is above the store: it is decided at central */
  | 'APPROVAL_AT_CENTRAL'
  /** the person may not decide this level (no role for it, and no delegation) */
  | 'APPROVAL_NOT_YOURS'
  /** the step would break segregation of duties: carries the rule */
  | 'APPROVAL_SEGREGATED'
  /** a delegation that cannot be given (unknown user, oneself, a date past, a level above the store) */
  | 'DELEGATION_REFUSED';

/**
 * A refused approval step, said in both languages. The stock and parts rooms turn it into
 * their own refusals (a segregation breach into the audited 403, the rest into 409).
 */
export class ApprovalRefused extends Error {
  constructor(
    readonly code: ApprovalRefusalCode,
    readonly messages: LocalizedText,
    readonly rule?: SegregationRule,
  ) {
    super(messages.en);
    this.name = 'ApprovalRefused';
  }
}
