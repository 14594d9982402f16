import Decimal from 'decimal.js';
import { PurchaseOrderView } from '../../../shared/api/purchasing';
import type {
  InvoicesQuery,
  RegionalInvoice,
  RegionalInvoices,
} from '../../../shared/central/purchasing-api';
import { PurchasingInvoiceEvent } from '../../../shared/purchasing/invoice-events';
import type { StoreScope } from '../auth/caller';
import type { CentralDb } from '../db/central-db';
import { inScope } from '../db/scope-filter';
import { storesInScope } from '../stock/scoped-stores';
import { money } from './purchasing-money';
import { type PurchasingTables, storedView } from './purchasing-tables';

/** A match exception finance has not resolved: payment is blocked. */
const UNMATCHED = ['exception'];
/** Ready to pay, or approved, and not paid in full. */
const UNPAID = ['matched', 'resolved', 'approved', 'partially_paid'];

const DAY_MS = 86_400_000;

/**
 * Supplier invoices of the stores in scope that need someone: exceptions blocking payment
 * and invoices not paid in full, with what is still owed and when it falls due (invoice
 * date + the order's payment terms, as UTC days). Unmatched first, then overdue, then the
 * oldest invoice.
 */
export async function regionalInvoices(
  central: CentralDb,
  scope: StoreScope,
  query: InvoicesQuery,
  now: number,
): Promise<RegionalInvoices> {
  const db = central.withTables<PurchasingTables>();
  const header = new Map((await storesInScope(central, scope)).map((s) => [s.storeId, s]));
  const statuses =
    query.status === 'unmatched'
      ? UNMATCHED
      : query.status === 'unpaid'
        ? UNPAID
        : query.status === 'open'
          ? [...UNMATCHED, ...UNPAID]
          : undefined;
  let select = db
    .selectFrom('purchasing_invoices as i')
    .innerJoin('stores', 'stores.id', 'i.store_id')
    .leftJoin('purchasing_orders as o', (join) =>
      join.onRef('o.store_id', '=', 'i.store_id').onRef('o.order_id', '=', 'i.order_id'),
    )
    .where((eb) => inScope(eb, scope))
    .select(['i.store_id', 'i.view', 'o.view as order']);
  if (statuses) select = select.where('i.status', 'in', statuses);
  const rows = await select
    .orderBy('i.invoice_date')
    .orderBy('i.store_id')
    .orderBy('i.invoice_id')
    .limit(query.limit)
    .execute();
  const today = new Date(now).toISOString().slice(0, 10);
  const invoices: RegionalInvoice[] = [];
  for (const row of rows) {
    const store = header.get(row.store_id);
    const invoice = storedView(PurchasingInvoiceEvent, row.view);
    if (!store || !invoice) continue;
    const order = row.order === null ? undefined : storedView(PurchaseOrderView, row.order);
    const dueDate = order
      ? new Date(Date.parse(`${invoice.invoiceDate}T00:00:00Z`) + order.paymentTermsDays * DAY_MS)
          .toISOString()
          .slice(0, 10)
      : null;
    const unmatched = invoice.status === 'exception';
    invoices.push({
      ...store,
      invoiceId: invoice.id,
      orderId: invoice.orderId,
      supplier: invoice.supplier,
      supplierInvoiceNo: invoice.supplierInvoiceNo,
      invoiceDate: invoice.invoiceDate,
      currency: invoice.currency,
      status: invoice.status,
      unmatched,
      gross: invoice.totals.gross,
      suggestedPayable: invoice.suggestedPayable,
      payable: invoice.payable,
      paid: invoice.paid,
      outstanding: money(new Decimal(invoice.payable ?? invoice.totals.gross).minus(invoice.paid)),
      dueDate,
      overdue: invoice.status !== 'paid' && dueDate !== null && dueDate < today,
      exceptionLines: invoice.match.filter((l) => !l.within),
      updatedAt: invoice.updatedAt,
    });
  }
  const rank = (i: RegionalInvoice) => (i.unmatched ? 0 : i.overdue ? 1 : 2);
  invoices.sort((a, b) => rank(a) - rank(b));
  return { invoices };
}
