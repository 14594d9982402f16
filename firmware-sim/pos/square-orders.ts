import { createHmac } from 'node:crypto';
import type { OrderChannel, OrderStatus, PosOrder, PosOrderSubmission } from '../../shared/api/orders';
import type {
  SquareOrder,
  SquareOrderState,
  SquareWebhookNotification,
} from '../../shared/api/pos-connectors';
import { simMenuItem, simModifier } from './menu';

/**
 * The simulated POS seen as Square: its orders in Square's shape, kept so the
 * Retrieve Order API can answer with the latest version, and the webhook
 * notification for each change. Square has no course, seat or "moved from" on a
 * line item, so those do not survive this path; the direct feeds keep them.
 */
export interface SquareIdentity {
  merchantId: string;
  locationId: string;
  /** `source.name` of every order */
  sourceName: string;
}

export const DEMO_SQUARE_IDENTITY: SquareIdentity = {
  merchantId: 'MLGALLEYDEMO1',
  locationId: 'LGALLEYDEMOSH1',
  sourceName: 'Galley POS simulator',
};

const STATE_OF: Record<OrderStatus, SquareOrderState> = {
  open: 'OPEN',
  closed: 'COMPLETED',
  voided: 'CANCELED',
  // Square keeps a refunded order COMPLETED and lists the refund on it.
  refunded: 'COMPLETED',
};

const FULFILLMENT_OF: Record<OrderChannel, string | undefined> = {
  dine_in: undefined,
  takeaway: 'PICKUP',
  delivery: 'DELIVERY',
};

export function squareOrderOf(order: PosOrder, identity: SquareIdentity, updatedAt: number): SquareOrder {
  const fulfillment = FULFILLMENT_OF[order.channel];
  const square: SquareOrder = {
    id: order.externalId,
    location_id: identity.locationId,
    version: order.version,
    state: STATE_OF[order.status],
    line_items: order.lines.map((line) => {
      const item = simMenuItem(line.item);
      return {
        uid: line.lineId,
        catalog_object_id: item?.squareId ?? line.item,
        name: item?.name ?? line.item,
        quantity: String(line.qty),
        modifiers: line.modifiers.map((m) => {
          const modifier = simModifier(m.item);
          return {
            uid: m.id,
            catalog_object_id: modifier?.squareId ?? m.item,
            name: modifier?.name ?? m.item,
            quantity: '1',
          };
        }),
        ...(line.note !== undefined ? { note: line.note } : {}),
      };
    }),
    created_at: new Date(order.placedAt).toISOString(),
    updated_at: new Date(updatedAt).toISOString(),
    source: { name: identity.sourceName },
    ...(order.table !== undefined ? { ticket_name: order.table } : {}),
    ...(fulfillment ? { fulfillments: [{ type: fulfillment, state: 'PROPOSED' }] } : {}),
    ...(order.status === 'refunded' ? { refunds: [{ id: `R-${order.externalId}` }] } : {}),
  };
  return square;
}

/** Every order the simulated Square knows, at its latest version. */
export class SquareOrderBook {
  private readonly orders = new Map<string, SquareOrder>();

  constructor(readonly identity: SquareIdentity = DEMO_SQUARE_IDENTITY) {}

  /** Records the POS's change; an older version arriving late never replaces a newer one. */
  record(submission: PosOrderSubmission, at: number): SquareOrder {
    const known = this.orders.get(submission.order.externalId);
    if (known && (known.version ?? 0) >= submission.order.version) return known;
    const order = squareOrderOf(submission.order, this.identity, at);
    this.orders.set(order.id, order);
    return order;
  }

  get(orderId: string): SquareOrder | undefined {
    return this.orders.get(orderId);
  }

  /** The `order.created` / `order.updated` notification of one change. */
  notification(submission: PosOrderSubmission, at: number): SquareWebhookNotification {
    const order = squareOrderOf(submission.order, this.identity, at);
    const created = submission.order.version === 1;
    const summary = {
      order_id: order.id,
      version: submission.order.version,
      state: order.state,
      created_at: order.created_at,
      updated_at: new Date(at).toISOString(),
      location_id: this.identity.locationId,
    };
    return {
      merchant_id: this.identity.merchantId,
      type: created ? 'order.created' : 'order.updated',
      event_id: submission.eventId,
      created_at: new Date(at).toISOString(),
      data: {
        type: 'order',
        id: order.id,
        object: created ? { order_created: summary } : { order_updated: summary },
      },
    };
  }
}

/** Square's signature: base64(HMAC-SHA256(key, notificationUrl + rawBody)). */
export function signSquareNotification(
  signatureKey: string,
  notificationUrl: string,
  rawBody: string,
): string {
  return createHmac('sha256', signatureKey)
    .update(notificationUrl + rawBody)
    .digest('base64');
}
