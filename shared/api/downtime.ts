import { z } from 'zod';
import { QueryTime } from './query-time';
import { Money } from './stock';

/**
 * Equipment downtime cost: what the kitchen could not sell while equipment kept menu
 * items off. Portions are exact to a thousandth; money is `{currency, amount}` exact to
 * the minor unit (computed in integer cents), as in the stock room.
 */

/**
 * Where an hour's sales rate came from: `hour-of-week` the same hour in past weeks the
 * store sold anything; `closed` the store had data for that hour but never sold then (0);
 * `all-hours` no data for that hour at all, so the item's average over every open hour;
 * `none` no sales history (0).
 */
export const RateBasis = z.enum(['hour-of-week', 'closed', 'all-hours', 'none']);
export type RateBasis = z.infer<typeof RateBasis>;

/** A unit's part in an episode and the ticket (or, without one, the alarm) it is recorded against. */
export const DowntimeShare = z.object({
  equipmentId: z.string(),
  ticketId: z.number().int().nullable(),
  alarmId: z.number().int().nullable(),
  portionsLost: z.number(),
  amount: Money,
});
export type DowntimeShare = z.infer<typeof DowntimeShare>;

export const DowntimeEpisode = z.object({
  id: z.number().int(),
  item: z.string(),
  startedAt: z.number().int(),
  endedAt: z.number().int(),
  /** false when the menu item had no price: portions are counted, money is 0 */
  priced: z.boolean(),
  rateBasis: z.array(RateBasis),
  /** the whole episode, before it is shared between the units that were down together */
  portionsLost: z.number(),
  amount: Money,
  shares: z.array(DowntimeShare),
});
export type DowntimeEpisode = z.infer<typeof DowntimeEpisode>;

/** One menu item: the share of its lost sales that falls on this equipment or ticket. */
export const DowntimeCostLine = z.object({
  item: z.string(),
  name: z.object({ en: z.string(), 'zh-CN': z.string() }).optional(),
  episodes: z.number().int(),
  portionsLost: z.number(),
  amount: Money,
  priced: z.boolean(),
});
export type DowntimeCostLine = z.infer<typeof DowntimeCostLine>;

export const DowntimeCostReport = z.object({
  /** the equipment or the ticket asked about */
  equipmentId: z.string().optional(),
  ticketId: z.number().int().optional(),
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  lines: z.array(DowntimeCostLine),
  totals: z.object({
    episodes: z.number().int(),
    portionsLost: z.number(),
    /** one per currency; a store that never changed currency has one */
    amounts: z.array(Money),
  }),
  /** episodes still running are not in the totals; they are costed when they end */
  openEpisodes: z.number().int(),
  episodes: z.array(DowntimeEpisode),
});
export type DowntimeCostReport = z.infer<typeof DowntimeCostReport>;

export const EquipmentDowntimeParams = z.object({ equipmentId: z.string().min(1).max(64) });
export const TicketDowntimeParams = z.object({ ticketId: z.coerce.number().int().positive() });

/** Episodes that ended in [from, to); default: all of them. */
export const DowntimeCostQuery = z.strictObject({
  from: QueryTime.optional(),
  to: QueryTime.optional(),
});

/** `downtime.cost`, sent to central once per episode when it ends. */
export const DowntimeCostEvent = DowntimeEpisode.extend({ storeId: z.string(), currency: z.string() });
export type DowntimeCostEvent = z.infer<typeof DowntimeCostEvent>;
