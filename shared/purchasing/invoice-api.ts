import { z } from 'zod';
import { QtyText } from '../api/purchasing';
import { UnitPrice } from '../config/purchasing';
import { LocalizedText } from '../localized-text';
import { InvoiceStatus, MatchReason, MoneyText, PaymentMethod, ResolutionKind } from './invoice-events';

/**
 * Supplier invoices (供应商发票) recorded against a purchase order, their three-way match
 * (订单 · 收货 · 发票), finance's resolution of an exception, the payment approval and the
 * payments. Money and quantities travel as decimal text; the edge computes with decimal.js.
 */

/** Most one invoice may state: more is a typing error, not a delivery. */
export const MAX_INVOICE_GROSS = 100_000_000;

/** VAT in percent on an invoice line, e.g. "9"; omitted: the order line's rate. */
const InvoiceTaxRatePct = z
  .string()
  .trim()
  .regex(/^\d{1,2}(\.\d{1,2})?$/, 'a tax rate in % such as "9"')
  .refine((s) => Number(s) <= 30, 'a tax rate is between 0 and 30 %');

/** An amount as the supplier printed it: at most two decimals, above 0. */
export const StatedMoney = z
  .string()
  .trim()
  .regex(/^\d{1,9}(\.\d{1,2})?$/, 'an amount such as "893.80", at most 2 decimals')
  .refine((s) => Number(s) > 0 && Number(s) <= MAX_INVOICE_GROSS, `above 0 and at most ${MAX_INVOICE_GROSS}`);

export const InvoiceLineRequest = z.strictObject({
  line: z.number().int().min(1).describe('the purchase order line invoiced'),
  qty: QtyText.refine((s) => Number(s) > 0, 'an invoiced quantity is above 0').describe('in the order unit'),
  unitPrice: UnitPrice.describe('per order unit, before tax, as invoiced'),
  taxRatePct: InvoiceTaxRatePct.optional().describe("omitted: the order line's rate"),
});
export type InvoiceLineRequest = z.infer<typeof InvoiceLineRequest>;

/** `POST /api/purchase-orders/{id}/invoices`: the supplier's invoice as printed. */
export const RecordInvoiceRequest = z.strictObject({
  invoiceNo: z.string().trim().min(1).max(60).describe("the supplier's invoice number, unique per supplier"),
  invoiceDate: z.iso.date().describe('YYYY-MM-DD, as printed'),
  lines: z.array(InvoiceLineRequest).min(1).max(500),
  statedGross: StatedMoney.describe('the total including VAT as the supplier states it'),
  note: z.string().trim().max(1000).optional(),
});
export type RecordInvoiceRequest = z.infer<typeof RecordInvoiceRequest>;

const Reason = z.string().trim().min(1).max(1000).describe('why, kept in the invoice history');

/** `POST /api/supplier-invoices/{id}/resolution`: how finance settles an exception. */
export const InvoiceResolutionRequest = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('accept').describe('pay as invoiced'), reason: Reason }),
  z.strictObject({ kind: z.literal('short_pay').describe('pay the suggested payable'), reason: Reason }),
  z.strictObject({
    kind: z.literal('debit_note').describe('pay the invoiced gross less a debit note to the supplier'),
    reason: Reason,
    debitNote: z.strictObject({
      amount: StatedMoney.describe('the debit note total, including VAT'),
      ref: z.string().trim().min(1).max(60).describe('the debit note number'),
    }),
  }),
]);
export type InvoiceResolutionRequest = z.infer<typeof InvoiceResolutionRequest>;

/** `POST /api/supplier-invoices/{id}/approval`: finance approves paying the payable. */
export const PaymentApprovalRequest = z.strictObject({ note: z.string().trim().max(1000).optional() });
export type PaymentApprovalRequest = z.infer<typeof PaymentApprovalRequest>;

/** `POST /api/supplier-invoices/{id}/payments`: money that left the store. */
export const PaymentRequest = z.strictObject({
  amount: StatedMoney,
  date: z.iso.date().describe('YYYY-MM-DD the payment was made'),
  method: PaymentMethod,
  reference: z.string().trim().min(1).max(100).describe('bank reference, receipt number, …'),
});
export type PaymentRequest = z.infer<typeof PaymentRequest>;

export const InvoiceParams = z.object({ invoiceId: z.coerce.number().int().min(1) });

export const SupplierInvoicesQuery = z.object({
  status: z
    .enum(['open', 'all', ...InvoiceStatus.options])
    .default('open')
    .describe('open: not paid in full'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type SupplierInvoicesQuery = z.infer<typeof SupplierInvoicesQuery>;

/** One invoice line against its order line and what was received. */
export const InvoiceLineView = z.object({
  line: z.number().int(),
  item: z.string(),
  name: LocalizedText,
  unit: z.string(),
  qty: z.string(),
  unitPrice: z.string(),
  taxRatePct: z.string(),
  net: MoneyText,
  vat: MoneyText,
  gross: MoneyText,
  match: z.object({
    orderedQty: z.string(),
    orderPrice: z.string(),
    /** accepted on receipts and not on an earlier invoice, when this one was recorded */
    receivedQty: z.string(),
    /** invoiced above received (negative: below), in the order unit and in % of received */
    qtyVariance: z.string(),
    qtyVariancePct: z.string().nullable(),
    priceVariance: z.string(),
    priceVariancePct: z.string(),
    within: z.boolean(),
    reasons: z.array(MatchReason),
    /** what the match would pay for this line: received qty at the accepted price, VAT recomputed */
    suggestedGross: MoneyText,
  }),
});
export type InvoiceLineView = z.infer<typeof InvoiceLineView>;

export const InvoiceEventKind = z.enum(['recorded', 'resolved', 'approved', 'paid']);
export type InvoiceEventKind = z.infer<typeof InvoiceEventKind>;

/** One entry of the append-only history: nothing in it is ever changed or removed. */
export const InvoiceHistoryEntry = z.object({
  kind: InvoiceEventKind,
  from: InvoiceStatus.nullable(),
  to: InvoiceStatus,
  at: z.number().int(),
  by: z.string(),
  note: z.string().nullable(),
});

export const PaymentView = z.object({
  id: z.number().int(),
  amount: MoneyText,
  date: z.string(),
  method: PaymentMethod,
  reference: z.string(),
  at: z.number().int(),
  by: z.string(),
});
export type PaymentView = z.infer<typeof PaymentView>;

export const SupplierInvoiceView = z.object({
  id: z.number().int(),
  orderId: z.number().int(),
  supplier: z.string(),
  supplierName: LocalizedText,
  invoiceNo: z.string(),
  invoiceDate: z.string(),
  currency: z.string(),
  status: InvoiceStatus,
  note: z.string().nullable(),
  lines: z.array(InvoiceLineView),
  totals: z.object({ net: MoneyText, vat: MoneyText, gross: MoneyText }),
  statedGross: MoneyText,
  /** reasons that concern the whole invoice (its stated total) */
  reasons: z.array(MatchReason),
  tolerances: z.object({
    quantityPct: z.string().optional(),
    quantityAbs: z.string().optional(),
    pricePct: z.string().optional(),
    priceAbs: z.string().optional(),
  }),
  suggestedPayable: MoneyText,
  payable: MoneyText.nullable(),
  paid: MoneyText,
  outstanding: MoneyText.nullable(),
  resolution: z
    .object({
      kind: ResolutionKind,
      reason: z.string(),
      debitNote: z.object({ amount: MoneyText, ref: z.string() }).nullable(),
      at: z.number().int(),
      by: z.string(),
    })
    .nullable(),
  approval: z.object({ at: z.number().int(), by: z.string(), note: z.string().nullable() }).nullable(),
  payments: z.array(PaymentView),
  recordedAt: z.number().int(),
  recordedBy: z.string(),
  history: z.array(InvoiceHistoryEntry),
});
export type SupplierInvoiceView = z.infer<typeof SupplierInvoiceView>;
export const SupplierInvoiceList = z.array(SupplierInvoiceView);
