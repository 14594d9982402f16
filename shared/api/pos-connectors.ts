import { z } from 'zod';

/**
 * The foreign shapes the POS connectors read, as the POS vendors publish them (not
 * ours to change): Square's order webhook and its Retrieve Order answer. The
 * simulator produces them and the edge's connector consumes them, so both sides
 * are checked against the same schemas. Only the fields the kitchen needs are
 * declared; Square adds fields over time, so unknown ones are let through.
 *
 * Square: https://developer.squareup.com/reference/square/webhooks/order.updated and
 * https://developer.squareup.com/reference/square/orders-api/retrieve-order.
 */

/** `DRAFT` orders are never sent to the kitchen; the other three are an order's lifecycle. */
export const SquareOrderState = z.enum(['OPEN', 'COMPLETED', 'CANCELED', 'DRAFT']);
export type SquareOrderState = z.infer<typeof SquareOrderState>;

/** Square writes quantities as decimal strings ("2", "1.5" for goods sold by weight). */
const SquareQuantity = z.string().regex(/^\d+(\.\d+)?$/, 'a decimal string such as "2"');

export const SquareLineItemModifier = z.looseObject({
  uid: z.string().min(1).optional(),
  catalog_object_id: z.string().min(1).optional(),
  name: z.string().optional(),
  quantity: SquareQuantity.optional(),
});
export type SquareLineItemModifier = z.infer<typeof SquareLineItemModifier>;

export const SquareLineItem = z.looseObject({
  uid: z.string().min(1).optional(),
  catalog_object_id: z.string().min(1).optional(),
  name: z.string().optional(),
  quantity: SquareQuantity,
  modifiers: z.array(SquareLineItemModifier).optional(),
  note: z.string().optional(),
});
export type SquareLineItem = z.infer<typeof SquareLineItem>;

/** `PICKUP`, `SHIPMENT`, `DELIVERY`, …: how the order leaves the store. */
export const SquareFulfillment = z.looseObject({ type: z.string().optional(), state: z.string().optional() });

export const SquareOrder = z.looseObject({
  id: z.string().min(1),
  location_id: z.string().optional(),
  /** Orders not created through the Orders API carry no version (Square's own note). */
  version: z.number().int().min(1).optional(),
  state: SquareOrderState,
  line_items: z.array(SquareLineItem).optional(),
  created_at: z.string(),
  updated_at: z.string().optional(),
  source: z.looseObject({ name: z.string().optional() }).optional(),
  /** The name on an open ticket (a table, a guest). */
  ticket_name: z.string().optional(),
  fulfillments: z.array(SquareFulfillment).optional(),
  /** Read-only on Square: refunds made against the order's payments. */
  refunds: z.array(z.looseObject({ id: z.string().optional() })).optional(),
});
export type SquareOrder = z.infer<typeof SquareOrder>;

/** `GET /v2/orders/{order_id}` */
export const SquareRetrieveOrderResponse = z.looseObject({ order: SquareOrder });
export type SquareRetrieveOrderResponse = z.infer<typeof SquareRetrieveOrderResponse>;

/** `order_created` / `order_updated` of a notification: a summary, never the lines. */
export const SquareOrderEventSummary = z.looseObject({
  order_id: z.string().min(1),
  version: z.number().int().optional(),
  state: z.string().optional(),
  location_id: z.string().optional(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
});
export type SquareOrderEventSummary = z.infer<typeof SquareOrderEventSummary>;

export const SQUARE_ORDER_EVENT_TYPES = ['order.created', 'order.updated'] as const;

/** One webhook notification, as POSTed by Square. */
export const SquareWebhookNotification = z.looseObject({
  merchant_id: z.string().optional(),
  type: z.string().min(1),
  event_id: z.string().min(1),
  created_at: z.string().optional(),
  data: z
    .looseObject({
      type: z.string().optional(),
      id: z.string().optional(),
      object: z
        .looseObject({
          order_created: SquareOrderEventSummary.optional(),
          order_updated: SquareOrderEventSummary.optional(),
        })
        .optional(),
    })
    .optional(),
});
export type SquareWebhookNotification = z.infer<typeof SquareWebhookNotification>;

/** The header Square signs every notification with (HMAC-SHA256, base64). */
export const SQUARE_SIGNATURE_HEADER = 'x-square-hmacsha256-signature';

/** What the edge answers a notification it accepted. */
export const SquareWebhookAnswer = z.object({
  received: z.literal(true),
  /** `ignored`: not an order event; otherwise what the intake did with it */
  outcome: z.enum(['applied', 'duplicate', 'superseded', 'ignored']),
  orderId: z.string().optional(),
  version: z.number().int().optional(),
});
export type SquareWebhookAnswer = z.infer<typeof SquareWebhookAnswer>;
