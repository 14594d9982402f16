import { z } from 'zod';

/**
 * Menu availability (../shared/contract.md, "Menu availability"): computed, not toggled.
 * An item is available when every equipment capability it needs has a unit in service,
 * every tracked ingredient has a portion projected on hand, and nobody 86'd it by hand.
 */

/** A unit that cannot be used, and why: an active critical alarm or an open out-of-service ticket. */
export const UnitOutOfService = z.object({
  equipmentId: z.string(),
  name: z.object({ en: z.string(), 'zh-CN': z.string() }).optional(),
  since: z.number().int(),
  alarmId: z.number().int().optional(),
  alarmTitle: z.object({ en: z.string(), 'zh-CN': z.string() }).optional(),
  ticketId: z.number().int().optional(),
});
export type UnitOutOfService = z.infer<typeof UnitOutOfService>;

export const UnavailableReason = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('equipment'),
    /** the equipment type none of whose units is in service */
    capability: z.string(),
    units: z.array(UnitOutOfService),
    since: z.number().int(),
  }),
  z.object({
    kind: z.literal('stock'),
    ingredient: z.string().optional(),
    since: z.number().int(),
  }),
  z.object({
    kind: z.literal('manual'),
    by: z.string(),
    note: z.string().optional(),
    since: z.number().int(),
  }),
]);
export type UnavailableReason = z.infer<typeof UnavailableReason>;

export const ItemAvailability = z.object({
  item: z.string(),
  name: z.object({ en: z.string(), 'zh-CN': z.string() }),
  available: z.boolean(),
  reasons: z.array(UnavailableReason),
  /** when it last changed between available and not */
  since: z.number().int(),
});
export type ItemAvailability = z.infer<typeof ItemAvailability>;

export const ManualEightySix = z.strictObject({
  note: z.string().trim().max(200).optional().describe('why, for the cooks and the front: "out of lettuce"'),
});

/** Sent to every availability webhook, once per item change, never batched. */
export const AvailabilityChange = z.object({
  /** the same delivery retried carries the same key */
  idempotencyKey: z.string(),
  storeId: z.string(),
  item: z.string(),
  available: z.boolean(),
  reasons: z.array(UnavailableReason),
  at: z.number().int(),
});
export type AvailabilityChange = z.infer<typeof AvailabilityChange>;

export const AvailabilityDelivery = z.object({
  id: z.number().int(),
  webhook: z.string(),
  item: z.string(),
  available: z.boolean(),
  idempotencyKey: z.string(),
  state: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.number().int(),
  deliveredAt: z.number().int().nullable(),
});
export type AvailabilityDelivery = z.infer<typeof AvailabilityDelivery>;
