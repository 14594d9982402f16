import type { Transaction } from 'kysely';
import { OrderAppliedPayload } from '../../../shared/central/kitchen-events';
import { OrderItemSales } from '../../../shared/central/stock-events';
import type { SyncEvent } from '../../../shared/sync/sync-protocol';
import { inPieces } from '../db/rows-per-statement';
import type { CentralTables } from '../db/schema';
import { keepLatest, type Versioned } from './latest-by-seq';
import { toMilli } from './stock-projection';

type Trx = Transaction<CentralTables>;

const WithItems = OrderAppliedPayload.extend(OrderItemSales.shape);

interface OrderItems {
  orderKey: string;
  status: string;
  placedAt: number;
  items: { item: string; qty: number; currency: string | null; unitPriceMilli: number | null }[];
}

/**
 * Sales per menu item, for the sales an 86 cost: the items of each order's newest version,
 * from the `items` field of `order.applied`. The edge does not send that field yet, so
 * today this writes nothing; an `order.applied` without it is the kitchen projection's only.
 * An order that lists one item on several lines is summed, at the average of its prices.
 */
export class ItemSalesProjection {
  readonly #orders = new Map<string, Versioned<OrderItems>>();

  /** Called for an `order.applied` the kitchen projection took; silent when it has no items. */
  add(storeId: string, event: SyncEvent): void {
    const parsed = WithItems.safeParse(event.payload);
    if (!parsed.success || parsed.data.items === undefined) return;
    const { items, ...order } = parsed.data;
    const byItem = new Map<string, { qty: number; priced: number; milli: number; currency: string | null }>();
    for (const line of items) {
      const held = byItem.get(line.item) ?? { qty: 0, priced: 0, milli: 0, currency: null };
      held.qty += line.qty;
      if (line.unitPrice && (held.currency === null || held.currency === line.unitPrice.currency)) {
        held.currency = line.unitPrice.currency;
        held.priced += line.qty;
        held.milli += toMilli(line.unitPrice.amount) * line.qty;
      }
      byItem.set(line.item, held);
    }
    const orderKey = `${order.source}:${order.externalId}`;
    keepLatest(this.#orders, `${storeId}\u0000${orderKey}`, {
      storeId,
      seq: event.seq,
      value: {
        orderKey,
        status: order.status,
        placedAt: order.placedAt,
        items: [...byItem].map(([item, held]) => ({
          item,
          qty: held.qty,
          currency: held.priced > 0 ? held.currency : null,
          unitPriceMilli: held.priced > 0 ? Math.round(held.milli / held.priced) : null,
        })),
      },
    });
  }

  async apply(trx: Trx): Promise<void> {
    for (const order of this.#orders.values()) await replaceOrderItems(trx, order);
  }
}

/**
 * An order's items are replaced whole by a newer version; an older one arriving late
 * changes nothing. Runs after the kitchen projection wrote the order's newest seq.
 */
async function replaceOrderItems(trx: Trx, { storeId, seq, value }: Versioned<OrderItems>): Promise<void> {
  const newer = await trx
    .selectFrom('store_orders')
    .select('last_seq')
    .where('store_id', '=', storeId)
    .where('order_key', '=', value.orderKey)
    .where('last_seq', '>', seq)
    .executeTakeFirst();
  if (newer) return;
  await trx
    .deleteFrom('store_order_items')
    .where('store_id', '=', storeId)
    .where('order_key', '=', value.orderKey)
    .execute();
  await inPieces(value.items, async (piece) => {
    await trx
      .insertInto('store_order_items')
      .values(
        piece.map((line) => ({
          store_id: storeId,
          order_key: value.orderKey,
          item: line.item,
          qty: line.qty,
          status: value.status,
          placed_at: value.placedAt,
          currency: line.currency,
          unit_price_milli: line.unitPriceMilli,
          last_seq: seq,
        })),
      )
      .execute();
  });
}
