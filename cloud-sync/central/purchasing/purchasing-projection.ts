import { sql, type Transaction } from 'kysely';
import {
  type GoodsReceiptView,
  type PurchaseOrderView,
  PurchasingOrderEvent,
  PurchasingReceiptEvent,
} from '../../../shared/api/purchasing';
import { PurchasingInvoiceEvent, PurchasingPaymentEvent } from '../../../shared/purchasing/invoice-events';
import type { SyncEvent } from '../../../shared/sync/sync-protocol';
import { inPieces } from '../db/rows-per-statement';
import type { CentralTables } from '../db/schema';
import { keepLatest, type Versioned } from '../ingest/latest-by-seq';
import { invalid, type ProjectionOutcome } from '../ingest/projection-outcome';

type Trx = Transaction<CentralTables>;

const PROJECTED = new Set([
  'purchasing.order',
  'purchasing.receipt',
  'purchasing.invoice',
  'purchasing.payment',
]);

/**
 * Purchasing's part of a ProjectionPlan: the newest version of each order, goods receipt,
 * supplier invoice and payment per store, by the seq it came with. A document is keyed by
 * (store, its id at the store), so a batch delivered again, or an event arriving after a
 * newer one, rewrites nothing: a receipt delivered three times is one receipt.
 */
export class PurchasingProjection {
  readonly #orders = new Map<string, Versioned<PurchaseOrderView>>();
  readonly #receipts = new Map<string, Versioned<GoodsReceiptView>>();
  readonly #invoices = new Map<string, Versioned<PurchasingInvoiceEvent>>();
  readonly #payments = new Map<string, Versioned<PurchasingPaymentEvent>>();

  static projects(type: string): boolean {
    return PROJECTED.has(type);
  }

  add(storeId: string, event: SyncEvent): ProjectionOutcome {
    const at = { storeId, seq: event.seq };
    if (event.type === 'purchasing.order') {
      const parsed = PurchasingOrderEvent.safeParse(event.payload);
      if (!parsed.success) return invalid(parsed.error);
      keepLatest(this.#orders, `${storeId}\u0000${parsed.data.id}`, { ...at, value: parsed.data });
    } else if (event.type === 'purchasing.receipt') {
      const parsed = PurchasingReceiptEvent.safeParse(event.payload);
      if (!parsed.success) return invalid(parsed.error);
      keepLatest(this.#receipts, `${storeId}\u0000${parsed.data.id}`, { ...at, value: parsed.data });
    } else if (event.type === 'purchasing.invoice') {
      const parsed = PurchasingInvoiceEvent.safeParse(event.payload);
      if (!parsed.success) return invalid(parsed.error);
      keepLatest(this.#invoices, `${storeId}\u0000${parsed.data.id}`, { ...at, value: parsed.data });
    } else {
      const parsed = PurchasingPaymentEvent.safeParse(event.payload);
      if (!parsed.success) return invalid(parsed.error);
      keepLatest(this.#payments, `${storeId}\u0000${parsed.data.id}`, { ...at, value: parsed.data });
    }
    return { kind: 'projected' };
  }

  async apply(trx: Trx): Promise<void> {
    await inPieces([...this.#orders.values()], (rows) => upsertOrders(trx, rows));
    await inPieces([...this.#receipts.values()], (rows) => upsertReceipts(trx, rows));
    await inPieces([...this.#invoices.values()], (rows) => upsertInvoices(trx, rows));
    await inPieces([...this.#payments.values()], (rows) => upsertPayments(trx, rows));
  }
}

async function upsertOrders(trx: Trx, rows: Versioned<PurchaseOrderView>[]): Promise<void> {
  const values = rows.map(
    ({ storeId, seq, value: o }) =>
      sql`(${storeId}, ${o.id}, ${o.supplier}, ${o.currency}, ${o.state}, ${o.totals.gross}, ${o.createdAt},
        ${o.placedAt}, ${JSON.stringify(o)}, ${seq})`,
  );
  await sql`
    insert into purchasing_orders
      (store_id, order_id, supplier, currency, state, gross, created_at, placed_at, view, last_seq)
    values ${sql.join(values)}
    on conflict (store_id, order_id) do update set
      supplier = excluded.supplier, currency = excluded.currency, state = excluded.state,
      gross = excluded.gross, created_at = excluded.created_at, placed_at = excluded.placed_at,
      view = excluded.view, last_seq = excluded.last_seq
    where purchasing_orders.last_seq < excluded.last_seq`.execute(trx);
}

async function upsertReceipts(trx: Trx, rows: Versioned<GoodsReceiptView>[]): Promise<void> {
  const values = rows.map(
    ({ storeId, seq, value: r }) =>
      sql`(${storeId}, ${r.id}, ${r.orderId}, ${r.at}, ${JSON.stringify(r)}, ${seq})`,
  );
  await sql`
    insert into purchasing_receipts (store_id, receipt_id, order_id, at, view, last_seq)
    values ${sql.join(values)}
    on conflict (store_id, receipt_id) do update set
      order_id = excluded.order_id, at = excluded.at, view = excluded.view, last_seq = excluded.last_seq
    where purchasing_receipts.last_seq < excluded.last_seq`.execute(trx);
}

async function upsertInvoices(trx: Trx, rows: Versioned<PurchasingInvoiceEvent>[]): Promise<void> {
  const values = rows.map(
    ({ storeId, seq, value: i }) =>
      sql`(${storeId}, ${i.id}, ${i.orderId}, ${i.supplier}, ${i.currency}, ${i.status}, ${i.invoiceDate},
        ${i.totals.gross}, ${i.updatedAt}, ${JSON.stringify(i)}, ${seq})`,
  );
  await sql`
    insert into purchasing_invoices
      (store_id, invoice_id, order_id, supplier, currency, status, invoice_date, gross, updated_at, view, last_seq)
    values ${sql.join(values)}
    on conflict (store_id, invoice_id) do update set
      order_id = excluded.order_id, supplier = excluded.supplier, currency = excluded.currency,
      status = excluded.status, invoice_date = excluded.invoice_date, gross = excluded.gross,
      updated_at = excluded.updated_at, view = excluded.view, last_seq = excluded.last_seq
    where purchasing_invoices.last_seq < excluded.last_seq`.execute(trx);
}

async function upsertPayments(trx: Trx, rows: Versioned<PurchasingPaymentEvent>[]): Promise<void> {
  const values = rows.map(
    ({ storeId, seq, value: p }) =>
      sql`(${storeId}, ${p.id}, ${p.invoiceId}, ${p.supplier}, ${p.currency}, ${p.amount}, ${p.date}, ${p.at},
        ${JSON.stringify(p)}, ${seq})`,
  );
  await sql`
    insert into purchasing_payments
      (store_id, payment_id, invoice_id, supplier, currency, amount, paid_on, at, view, last_seq)
    values ${sql.join(values)}
    on conflict (store_id, payment_id) do update set
      invoice_id = excluded.invoice_id, supplier = excluded.supplier, currency = excluded.currency,
      amount = excluded.amount, paid_on = excluded.paid_on, at = excluded.at, view = excluded.view,
      last_seq = excluded.last_seq
    where purchasing_payments.last_seq < excluded.last_seq`.execute(trx);
}
