import type { LocalizedText } from '../../../shared/localized-text';

export type InvoiceErrorCode =
  /** the body names a line, quantity or amount that does not fit the order or the invoice */
  | 'REQUEST_REFUSED'
  | 'INVOICE_NOT_FOUND'
  /** the supplier's invoice number is already recorded for that supplier */
  | 'DUPLICATE_INVOICE'
  | 'ILLEGAL_TRANSITION'
  /** an exception not yet resolved by finance: nothing is approved or paid */
  | 'PAYMENT_BLOCKED'
  /** a payment above what is still payable */
  | 'OVER_PAYABLE';

/** Every refusal says why in both languages; the message is the English. */
export class InvoiceError extends Error {
  constructor(
    readonly code: InvoiceErrorCode,
    readonly messages: LocalizedText,
    readonly path: readonly (string | number)[] = [],
  ) {
    super(messages.en);
    this.name = 'InvoiceError';
  }
}
