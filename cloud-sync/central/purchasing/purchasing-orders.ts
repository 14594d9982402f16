import Decimal from 'decimal.js';
import { PurchaseOrderView } from '../../../shared/api/purchasing';
import type { OrdersQuery, RegionalOrder, RegionalOrders } from '../../../shared/central/purchasing-api';
import type { StoreScope } from '../auth/caller';
import type { CentralDb } from '../db/central-db';
import { inScope } from '../db/scope-filter';
import { storesInScope } from '../stock/scoped-stores';
import { money, receivedGross } from './purchasing-money';
import { type PurchasingTables, storedView } from './purchasing-tables';

/** Placed with the supplier and still waiting on goods. */
const OPEN_STATES = ['placed', 'partially_received'];

/**
 * Purchase orders of the stores in scope, as each store last synced them: by default the
 * open ones (placed or partially received), oldest placed first, with what has come in.
 */
export async function regionalOrders(
  central: CentralDb,
  scope: StoreScope,
  query: OrdersQuery,
): Promise<RegionalOrders> {
  const db = central.withTables<PurchasingTables>();
  const header = new Map((await storesInScope(central, scope)).map((s) => [s.storeId, s]));
  let select = db
    .selectFrom('purchasing_orders as o')
    .innerJoin('stores', 'stores.id', 'o.store_id')
    .where((eb) => inScope(eb, scope))
    .select(['o.store_id', 'o.view']);
  if (query.status === 'open') select = select.where('o.state', 'in', OPEN_STATES);
  else if (query.status !== 'all') select = select.where('o.state', '=', query.status);
  const rows = await select
    .orderBy('o.placed_at')
    .orderBy('o.created_at')
    .orderBy('o.store_id')
    .orderBy('o.order_id')
    .limit(query.limit)
    .execute();
  const orders: RegionalOrder[] = [];
  for (const row of rows) {
    const store = header.get(row.store_id);
    const view = storedView(PurchaseOrderView, row.view);
    if (!store || !view) continue;
    orders.push({
      ...store,
      orderId: view.id,
      supplier: view.supplier,
      supplierName: view.supplierName,
      currency: view.currency,
      state: view.state,
      gross: view.totals.gross,
      receivedGross: money(receivedGross(view)),
      linesOutstanding: view.lines.filter((l) => new Decimal(l.receivedQty).lt(l.qty)).length,
      placedAt: view.placedAt,
      createdAt: view.createdAt,
      receipts: view.receipts.length,
    });
  }
  return { orders };
}
