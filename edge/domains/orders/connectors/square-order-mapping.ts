import type {
  OrderChannel,
  OrderLine,
  OrderStatus,
  PosOrderSubmissionInput,
} from '../../../../shared/api/orders';
import { MAX_LINE_QTY } from '../../../../shared/api/orders';
import type { SquareOrder, SquareOrderState } from '../../../../shared/api/pos-connectors';
import type { CatalogMapping } from '../../../../shared/config/pos-connectors';

export const SQUARE_SOURCE = 'square';

const STATUS_OF: Record<Exclude<SquareOrderState, 'DRAFT'>, OrderStatus> = {
  OPEN: 'open',
  COMPLETED: 'closed',
  CANCELED: 'voided',
};

export type SquareMapping =
  | { ok: true; submission: PosOrderSubmissionInput }
  | { ok: false; problems: string[] }
  /** a draft is a cart, not an order: nothing for the kitchen yet */
  | { ok: 'skip'; reason: string };

/**
 * A retrieved Square order as the canonical order, under the notification's event
 * id. Refused whole, with every problem named, when a line cannot be made: an
 * unmapped catalog id or a fractional quantity would otherwise drop food silently.
 */
export function canonicalFromSquare(
  order: SquareOrder,
  eventId: string,
  catalog: CatalogMapping,
): SquareMapping {
  if (order.state === 'DRAFT') return { ok: 'skip', reason: 'draft order' };
  const problems: string[] = [];
  if (order.version === undefined)
    problems.push('the order has no version (Square gives none to orders not made through the Orders API)');
  const lines: OrderLine[] = [];
  const ignored = new Set(catalog.ignore);
  (order.line_items ?? []).forEach((item, i) => {
    const where = `line_items[${i}]`;
    if (item.catalog_object_id && ignored.has(item.catalog_object_id)) return;
    if (!item.uid) problems.push(`${where}: no uid`);
    const menuItem = item.catalog_object_id ? catalog.items[item.catalog_object_id] : undefined;
    if (!menuItem)
      problems.push(
        `${where}: catalog_object_id ${JSON.stringify(item.catalog_object_id ?? null)} (${item.name ?? 'unnamed'}) is not in the catalog mapping`,
      );
    const qty = Number(item.quantity);
    if (!Number.isInteger(qty) || qty < 1 || qty > MAX_LINE_QTY)
      problems.push(`${where}: quantity "${item.quantity}" is not a whole number from 1 to ${MAX_LINE_QTY}`);
    const modifiers = (item.modifiers ?? []).flatMap((m, j) => {
      if (m.catalog_object_id && ignored.has(m.catalog_object_id)) return [];
      const id = m.catalog_object_id ? catalog.modifiers[m.catalog_object_id] : undefined;
      if (!id)
        problems.push(
          `${where}.modifiers[${j}]: catalog_object_id ${JSON.stringify(m.catalog_object_id ?? null)} (${m.name ?? 'unnamed'}) is not in the catalog mapping`,
        );
      return [{ id: m.uid ?? `${item.uid}-m${j + 1}`, item: id ?? '' }];
    });
    if (item.uid && menuItem)
      lines.push({
        lineId: item.uid,
        item: menuItem,
        qty,
        modifiers,
        ...(item.note ? { note: item.note } : {}),
      });
  });
  if (problems.length > 0) return { ok: false, problems };
  const refunded = order.state === 'COMPLETED' && (order.refunds?.length ?? 0) > 0;
  return {
    ok: true,
    submission: {
      source: SQUARE_SOURCE,
      eventId,
      order: {
        externalId: order.id,
        version: order.version!,
        channel: channelOf(order),
        placedAt: order.created_at,
        status: refunded ? 'refunded' : STATUS_OF[order.state],
        lines,
        ...(order.ticket_name ? { table: order.ticket_name.slice(0, 32) } : {}),
      },
    },
  };
}

/** Square says how an order leaves through its fulfillments; none means it is eaten here. */
function channelOf(order: SquareOrder): OrderChannel {
  const types = (order.fulfillments ?? []).map((f) => f.type);
  if (types.includes('DELIVERY') || types.includes('SHIPMENT')) return 'delivery';
  if (types.includes('PICKUP')) return 'takeaway';
  return 'dine_in';
}
