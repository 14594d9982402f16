import { z } from 'zod';
import { KdsTicketKind } from '../api/kds';
import { OrderChannel, OrderStatus } from '../api/orders';

/**
 * The kitchen's outbox events as central reads them (`kds.bumped`, `kds.recalled`,
 * `order.applied`): only the fields central projects are checked, so the edge may add
 * more without central setting its events aside as history.
 */

export const BusinessDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .describe('YYYY-MM-DD in the store time zone, after the closeout hour');

const epochMs = z.number().int().nonnegative();

/** `kds.bumped`, entityId = ticket id: a ticket left its station; a later bump of it replaces this one. */
export const KdsBumpedPayload = z.object({
  ticketId: z.number().int(),
  station: z.string().min(1).max(64),
  kind: KdsTicketKind,
  // The edge leaves it out when the ticket's order is gone; the time still counts overall.
  channel: OrderChannel.optional(),
  businessDate: BusinessDate,
  createdAt: epochMs.describe('when the ticket reached the station'),
  bumpedAt: epochMs,
  ticketTimeS: z.number().int().nonnegative().describe('bumpedAt − createdAt, whole seconds'),
});
export type KdsBumpedPayload = z.infer<typeof KdsBumpedPayload>;

/** `kds.recalled`, entityId = ticket id: back on its station; its time no longer counts until bumped again. */
export const KdsRecalledPayload = z.object({
  ticketId: z.number().int(),
  station: z.string().min(1).max(64),
  businessDate: BusinessDate,
  at: epochMs,
});
export type KdsRecalledPayload = z.infer<typeof KdsRecalledPayload>;

/** `order.applied`, entityId = `${source}:${externalId}`: a POS order, or a newer version of it. */
export const OrderAppliedPayload = z.object({
  source: z.string().min(1),
  externalId: z.string().min(1),
  version: z.number().int(),
  status: OrderStatus,
  channel: OrderChannel,
  businessDate: BusinessDate,
  placedAt: epochMs,
  lines: z.number().int().nonnegative(),
  portions: z.number().int().nonnegative(),
});
export type OrderAppliedPayload = z.infer<typeof OrderAppliedPayload>;
