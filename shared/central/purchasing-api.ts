import { z } from 'zod';
import { PurchaseOrderState } from '../api/purchasing';
import { StoreId } from '../ids';
import { LocalizedText } from '../localized-text';
import { InvoiceStatus, MatchLineSummary, MoneyText } from '../purchasing/invoice-events';

/**
 * Purchasing across the caller's stores (采购), from what the edges sync:
 * `purchasing.order`, `purchasing.receipt`, `purchasing.invoice`, `purchasing.payment`.
 * Money is decimal text summed exactly (decimal.js), per currency: amounts in two
 * currencies are never added together.
 */

/** Central routes of this room, beside CENTRAL_ROUTES (shared/central/api.ts). */
export const PURCHASING_ROUTES = {
  spend: '/api/purchasing/spend',
  orders: '/api/purchasing/orders',
  invoices: '/api/purchasing/invoices',
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;
export const SPEND_DEFAULT_RANGE_MS = 30 * DAY_MS;
/** A year and a day: a year-on-year figure fits. */
export const SPEND_MAX_RANGE_MS = 367 * DAY_MS;

const epochMs = z.coerce.number().int().nonnegative();

export const SpendQuery = z.object({
  from: epochMs.optional().describe('epoch ms; default `to` − 30 days'),
  to: epochMs.optional().describe('epoch ms, exclusive; default now'),
});
export type SpendQuery = z.infer<typeof SpendQuery>;

const StoreHeader = {
  storeId: StoreId,
  storeName: z.string(),
  regionId: z.string(),
  regionName: z.string(),
};

/** Decimal text that may be negative (a debit note) or have more than two places: sums as summed. */
const AmountText = z.string().regex(/^-?\d+(\.\d+)?$/);

export const SpendRow = z.object({
  ...StoreHeader,
  supplier: z.string(),
  supplierName: LocalizedText.nullable().describe('as the newest order to that supplier names it'),
  currency: z.string(),
  ordered: AmountText.describe('gross of the orders placed in the range, not cancelled'),
  received: AmountText.describe(
    'gross value of what was accepted in the range, at the order’s prices and VAT rates',
  ),
  invoiced: AmountText.describe('gross of the invoices dated in the range'),
  paid: AmountText.describe('payments dated in the range'),
  orders: z.number().int().describe('orders placed in the range, not cancelled'),
  receipts: z.number().int().describe('goods receipts in the range'),
});
export type SpendRow = z.infer<typeof SpendRow>;

export const SpendTotal = z.object({
  currency: z.string(),
  ordered: AmountText,
  received: AmountText,
  invoiced: AmountText,
  paid: AmountText,
});
export type SpendTotal = z.infer<typeof SpendTotal>;

export const RegionalSpend = z.object({
  from: z.number().int(),
  to: z.number().int(),
  rows: z.array(SpendRow).describe('per store, supplier and currency, by store then supplier'),
  totals: z.array(SpendTotal).describe('per currency, every store in scope'),
});
export type RegionalSpend = z.infer<typeof RegionalSpend>;

export const OrdersQuery = z.object({
  status: z
    .enum(['open', 'all', ...PurchaseOrderState.options])
    .default('open')
    .describe('open: placed or partially received, still waiting on goods'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type OrdersQuery = z.infer<typeof OrdersQuery>;

export const RegionalOrder = z.object({
  ...StoreHeader,
  orderId: z.number().int(),
  supplier: z.string(),
  supplierName: LocalizedText,
  currency: z.string(),
  state: PurchaseOrderState,
  gross: MoneyText,
  receivedGross: AmountText.describe('gross value accepted so far'),
  linesOutstanding: z.number().int().describe('lines not yet received in full'),
  placedAt: z.number().int().nullable(),
  createdAt: z.number().int(),
  receipts: z.number().int(),
});
export type RegionalOrder = z.infer<typeof RegionalOrder>;
export const RegionalOrders = z.object({ orders: z.array(RegionalOrder) });
export type RegionalOrders = z.infer<typeof RegionalOrders>;

export const InvoicesQuery = z.object({
  status: z
    .enum(['unmatched', 'unpaid', 'open', 'all'])
    .default('open')
    .describe(
      'unmatched: a match exception finance has not resolved; unpaid: ready to pay or approved, not paid in full; open: both',
    ),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type InvoicesQuery = z.infer<typeof InvoicesQuery>;

export const RegionalInvoice = z.object({
  ...StoreHeader,
  invoiceId: z.number().int(),
  orderId: z.number().int(),
  supplier: z.string(),
  supplierInvoiceNo: z.string(),
  invoiceDate: z.string(),
  currency: z.string(),
  status: InvoiceStatus,
  unmatched: z.boolean().describe('an exception not resolved: payment is blocked'),
  gross: MoneyText,
  suggestedPayable: MoneyText,
  payable: MoneyText.nullable(),
  paid: MoneyText,
  outstanding: AmountText.describe('payable (or the invoiced gross while unmatched) less paid'),
  dueDate: z.string().nullable().describe('invoice date + the order’s payment terms'),
  overdue: z.boolean().describe('unpaid past its due date by central’s clock'),
  exceptionLines: z.array(MatchLineSummary).describe('the lines outside tolerance'),
  updatedAt: z.number().int(),
});
export type RegionalInvoice = z.infer<typeof RegionalInvoice>;
export const RegionalInvoices = z.object({ invoices: z.array(RegionalInvoice) });
export type RegionalInvoices = z.infer<typeof RegionalInvoices>;
