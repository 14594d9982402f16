import { z } from 'zod';
import { LocalizedText } from '../localized-text';

/**
 * The outbox contracts of supplier invoices (供应商发票) and payments (付款), as central
 * reads them. Like `purchasing.order` and `purchasing.receipt`, the payloads carry no
 * store id (the batch says whose they are) and money as decimal text ("849.11").
 */

/** Money as decimal text to the cent, never a binary float. */
export const MoneyText = z
  .string()
  .regex(/^\d{1,10}\.\d{2}$/, 'an amount such as "849.11": digits, a point and two decimals');

/**
 * recorded and matched → `matched` (ready to pay), or `exception` (blocked until finance
 * resolves it) → `resolved`; either ready state → `approved` (payment approved) →
 * `partially_paid` → `paid`.
 */
export const InvoiceStatus = z.enum([
  'matched',
  'exception',
  'resolved',
  'approved',
  'partially_paid',
  'paid',
]);
export type InvoiceStatus = z.infer<typeof InvoiceStatus>;

/** Why a line (or the invoice) is outside tolerance. */
export const MatchReasonCode = z.enum([
  /** more invoiced than was received (and accepted) and not yet invoiced */
  'quantity',
  /** a unit price above the order's */
  'price',
  /** the supplier's stated total is not the sum of the recomputed lines */
  'total',
]);
export type MatchReasonCode = z.infer<typeof MatchReasonCode>;

export const MatchReason = z.object({ code: MatchReasonCode, messages: LocalizedText });
export type MatchReason = z.infer<typeof MatchReason>;

/** How finance settled an exception: pay as invoiced, pay the suggested amount, or debit the difference. */
export const ResolutionKind = z.enum(['accept', 'short_pay', 'debit_note']);
export type ResolutionKind = z.infer<typeof ResolutionKind>;

export const PaymentMethod = z.enum(['bank_transfer', 'cash', 'card', 'other']);
export type PaymentMethod = z.infer<typeof PaymentMethod>;

/** One invoice line's three-way match, in short: enough for central's unmatched-invoice view. */
export const MatchLineSummary = z.object({
  line: z.number().int().min(1),
  item: z.string(),
  within: z.boolean(),
  reasons: z.array(MatchReasonCode),
});
export type MatchLineSummary = z.infer<typeof MatchLineSummary>;

/** `purchasing.invoice`: the invoice as it stands after each change (recorded, resolved, approved, paid). */
export const PurchasingInvoiceEvent = z.object({
  id: z.number().int().min(1),
  orderId: z.number().int().min(1),
  supplier: z.string(),
  supplierInvoiceNo: z.string(),
  invoiceDate: z.iso.date(),
  currency: z.string(),
  status: InvoiceStatus,
  totals: z.object({ net: MoneyText, vat: MoneyText, gross: MoneyText }),
  /** the total as the supplier printed it */
  statedGross: MoneyText,
  /** what the match suggests paying: the invoiced gross when every line is within tolerance */
  suggestedPayable: MoneyText,
  /** what may be paid: set when matched or once finance resolved the exception, null before */
  payable: MoneyText.nullable(),
  paid: MoneyText,
  match: z.array(MatchLineSummary),
  resolution: ResolutionKind.nullable(),
  debitNote: z.object({ amount: MoneyText, ref: z.string() }).nullable(),
  recordedAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type PurchasingInvoiceEvent = z.infer<typeof PurchasingInvoiceEvent>;

/** `purchasing.payment`: one payment recorded against an invoice. */
export const PurchasingPaymentEvent = z.object({
  id: z.number().int().min(1),
  invoiceId: z.number().int().min(1),
  orderId: z.number().int().min(1),
  supplier: z.string(),
  currency: z.string(),
  amount: MoneyText,
  date: z.iso.date(),
  method: PaymentMethod,
  reference: z.string(),
  /** every payment on the invoice so far, this one included */
  paidTotal: MoneyText,
  invoiceStatus: InvoiceStatus,
  at: z.number().int(),
  by: z.string(),
});
export type PurchasingPaymentEvent = z.infer<typeof PurchasingPaymentEvent>;
