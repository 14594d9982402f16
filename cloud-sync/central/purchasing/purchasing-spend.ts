import type Decimal from 'decimal.js';
import { GoodsReceiptView, PurchaseOrderView } from '../../../shared/api/purchasing';
import type { RegionalSpend, SpendRow, SpendTotal } from '../../../shared/central/purchasing-api';
import type { LocalizedText } from '../../../shared/localized-text';
import type { StoreScope } from '../auth/caller';
import type { CentralDb } from '../db/central-db';
import { inScope } from '../db/scope-filter';
import { storesInScope } from '../stock/scoped-stores';
import { DecimalSums, money, receiptGross } from './purchasing-money';
import { type PurchasingTables, storedView } from './purchasing-tables';

const FIELDS = ['ordered', 'received', 'invoiced', 'paid', 'orders', 'receipts'] as const;
type Field = (typeof FIELDS)[number];

/** YYYY-MM-DD (UTC) of an instant: invoices and payments are dated by day. */
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const dayInRange = (day: string, from: number, to: number): boolean => {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return ms >= from && ms < to;
};

/**
 * Regional spend per store, supplier and currency over [from, to): orders placed (not
 * cancelled), goods accepted (at the order's prices and VAT), invoices dated and payments
 * made in the range, each an exact decimal sum. Invoice and payment days are compared as
 * UTC days.
 */
export async function regionalSpend(
  central: CentralDb,
  scope: StoreScope,
  from: number,
  to: number,
): Promise<RegionalSpend> {
  const db = central.withTables<PurchasingTables>();
  const stores = await storesInScope(central, scope);
  const header = new Map(stores.map((s) => [s.storeId, s]));
  const sums = new DecimalSums<Field>(FIELDS);
  const names = new Map<string, { name: LocalizedText; at: number }>();
  const keyOf = (storeId: string, supplier: string, currency: string) =>
    [storeId, supplier, currency].join('\u0000');

  const placed = await db
    .selectFrom('purchasing_orders as o')
    .innerJoin('stores', 'stores.id', 'o.store_id')
    .where((eb) => inScope(eb, scope))
    .where('o.placed_at', '>=', from)
    .where('o.placed_at', '<', to)
    .where('o.state', '!=', 'cancelled')
    .select(['o.store_id', 'o.supplier', 'o.currency', 'o.gross', 'o.placed_at', 'o.view'])
    .execute();
  for (const o of placed) {
    const key = keyOf(o.store_id, o.supplier, o.currency);
    sums.add(key, 'ordered', o.gross);
    sums.add(key, 'orders', 1);
    const view = storedView(PurchaseOrderView, o.view);
    const at = Number(o.placed_at);
    if (view && (names.get(o.supplier)?.at ?? -1) < at)
      names.set(o.supplier, { name: view.supplierName, at });
  }

  const received = await db
    .selectFrom('purchasing_receipts as r')
    .innerJoin('stores', 'stores.id', 'r.store_id')
    .innerJoin('purchasing_orders as o', (join) =>
      join.onRef('o.store_id', '=', 'r.store_id').onRef('o.order_id', '=', 'r.order_id'),
    )
    .where((eb) => inScope(eb, scope))
    .where('r.at', '>=', from)
    .where('r.at', '<', to)
    .select(['r.store_id', 'r.view as receipt', 'o.view as order'])
    .execute();
  for (const r of received) {
    const order = storedView(PurchaseOrderView, r.order);
    const receipt = storedView(GoodsReceiptView, r.receipt);
    if (!order || !receipt) continue;
    const key = keyOf(r.store_id, order.supplier, order.currency);
    sums.add(key, 'received', receiptGross(order, receipt));
    sums.add(key, 'receipts', 1);
  }

  const invoiced = await db
    .selectFrom('purchasing_invoices as i')
    .innerJoin('stores', 'stores.id', 'i.store_id')
    .where((eb) => inScope(eb, scope))
    .where('i.invoice_date', '>=', dayOf(from))
    .where('i.invoice_date', '<=', dayOf(to))
    .select(['i.store_id', 'i.supplier', 'i.currency', 'i.gross', 'i.invoice_date'])
    .execute();
  for (const i of invoiced)
    if (dayInRange(i.invoice_date, from, to))
      sums.add(keyOf(i.store_id, i.supplier, i.currency), 'invoiced', i.gross);

  const paid = await db
    .selectFrom('purchasing_payments as p')
    .innerJoin('stores', 'stores.id', 'p.store_id')
    .where((eb) => inScope(eb, scope))
    .where('p.paid_on', '>=', dayOf(from))
    .where('p.paid_on', '<=', dayOf(to))
    .select(['p.store_id', 'p.supplier', 'p.currency', 'p.amount', 'p.paid_on'])
    .execute();
  for (const p of paid)
    if (dayInRange(p.paid_on, from, to))
      sums.add(keyOf(p.store_id, p.supplier, p.currency), 'paid', p.amount);

  const rows: SpendRow[] = [];
  const totals = new DecimalSums<Field>(FIELDS);
  for (const key of sums.keys()) {
    const [storeId = '', supplier = '', currency = ''] = key.split('\u0000');
    const store = header.get(storeId);
    if (!store) continue;
    const s = sums.get(key);
    for (const field of FIELDS) totals.add(currency, field, s[field]);
    rows.push({
      ...store,
      supplier,
      supplierName: names.get(supplier)?.name ?? null,
      currency,
      ...amounts(s),
      orders: s.orders.toNumber(),
      receipts: s.receipts.toNumber(),
    });
  }
  rows.sort(
    (a, b) =>
      a.regionId.localeCompare(b.regionId) ||
      a.storeId.localeCompare(b.storeId) ||
      a.supplier.localeCompare(b.supplier) ||
      a.currency.localeCompare(b.currency),
  );
  return {
    from,
    to,
    rows,
    totals: totals
      .keys()
      .sort()
      .map((currency): SpendTotal => ({ currency, ...amounts(totals.get(currency)) })),
  };
}

function amounts(s: Record<Field, Decimal>): Pick<SpendRow, 'ordered' | 'received' | 'invoiced' | 'paid'> {
  return {
    ordered: money(s.ordered),
    received: money(s.received),
    invoiced: money(s.invoiced),
    paid: money(s.paid),
  };
}
