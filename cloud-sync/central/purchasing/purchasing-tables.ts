import type { CentralTables } from '../db/schema';

/**
 * The tables of migration 017 (purchasing-migration.ts), for Kysely's `withTables`: the
 * purchasing room keeps its row types beside its migration instead of in the shared schema.
 * `view` is the event's payload as JSON; money columns are decimal text.
 */
export type PurchasingTables = {
  purchasing_orders: {
    store_id: string;
    order_id: number;
    supplier: string;
    currency: string;
    state: string;
    gross: string;
    created_at: number;
    placed_at: number | null;
    /** PurchaseOrderView JSON */
    view: string;
    last_seq: number;
  };
  purchasing_receipts: {
    store_id: string;
    receipt_id: number;
    order_id: number;
    at: number;
    /** GoodsReceiptView JSON */
    view: string;
    last_seq: number;
  };
  purchasing_invoices: {
    store_id: string;
    invoice_id: number;
    order_id: number;
    supplier: string;
    currency: string;
    status: string;
    /** YYYY-MM-DD as the supplier dated it */
    invoice_date: string;
    gross: string;
    updated_at: number;
    /** PurchasingInvoiceEvent JSON */
    view: string;
    last_seq: number;
  };
  purchasing_payments: {
    store_id: string;
    payment_id: number;
    invoice_id: number;
    supplier: string;
    currency: string;
    amount: string;
    /** YYYY-MM-DD the payment was made */
    paid_on: string;
    at: number;
    /** PurchasingPaymentEvent JSON */
    view: string;
    last_seq: number;
  };
};

export type CentralWithPurchasing = CentralTables & PurchasingTables;

/** A stored view read back with its schema; a row that no longer reads is left out rather than guessed at. */
export function storedView<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  json: string,
): T | undefined {
  const result = schema.safeParse(JSON.parse(json));
  return result.success ? result.data : undefined;
}
