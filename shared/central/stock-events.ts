import { z } from 'zod';
import { UnavailableReason } from '../api/menu';
import { StockLevelEvent, StockLowEvent, VarianceReport } from '../api/stock';

/**
 * The stock and menu-availability outbox events as central reads them. The stock ones
 * are the edge's own contracts (shared/api/stock.ts); `menu.availability` is what the
 * edge's availability service appends once per item change (shared/api/menu.ts).
 */

export const StockLevelPayload = StockLevelEvent;
export type StockLevelPayload = z.infer<typeof StockLevelPayload>;

export const StockLowPayload = StockLowEvent;
export type StockLowPayload = z.infer<typeof StockLowPayload>;

/** `stock.variance`, entityId = business date: the day's whole report; a later one replaces it. */
export const StockVariancePayload = VarianceReport;
export type StockVariancePayload = z.infer<typeof StockVariancePayload>;

/** `menu.availability`, entityId = item: the item went off the menu (with why) or came back. */
export const MenuAvailabilityPayload = z.object({
  storeId: z.string(),
  item: z.string().min(1).max(64),
  available: z.boolean(),
  reasons: z.array(UnavailableReason),
  at: z.number().int().nonnegative().describe('when the item changed, store clock'),
});
export type MenuAvailabilityPayload = z.infer<typeof MenuAvailabilityPayload>;
