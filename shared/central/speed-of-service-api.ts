import { z } from 'zod';
import { TicketTimeSummary } from '../api/kds';
import { OrderChannel } from '../api/orders';
import { StoreId } from '../ids';
import { CatalogName } from './catalog-names';
import { BusinessDate } from './kitchen-events';

/**
 * Speed of service across the caller's stores (出餐速度), from the kitchen tickets the
 * edges sync (`kds.bumped`, `kds.recalled`) and their POS orders (`order.applied`).
 * Ticket time is arrival on the station to its bump, in seconds, as the edge measured
 * it; a recalled ticket counts again only once bumped again, with its newest time.
 * Chained tickets (a station's work carried on to the next) are left out, as on the
 * edge's own view: their time is partly the station before's.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
export const SPEED_OF_SERVICE_DEFAULT_RANGE_MS = DAY_MS;
export const SPEED_OF_SERVICE_MAX_RANGE_MS = 31 * DAY_MS;

const epochMs = z.coerce.number().int().nonnegative();

export const SpeedOfServiceQuery = z.object({
  from: epochMs
    .optional()
    .describe('epoch ms: tickets bumped / orders placed at or after; default `to` − 24 h'),
  to: epochMs.optional().describe('epoch ms, exclusive; default now'),
});
export type SpeedOfServiceQuery = z.infer<typeof SpeedOfServiceQuery>;

export const OrderCount = z.object({
  orders: z.number().int(),
  portions: z.number().int().describe('items ordered, each line counted by its quantity'),
});
export type OrderCount = z.infer<typeof OrderCount>;

/** A store's orders of one business day, newest version of each; voided orders left out. */
export const BusinessDayOrders = OrderCount.extend({
  businessDate: BusinessDate,
  byChannel: z.array(OrderCount.extend({ channel: OrderChannel })),
});
export type BusinessDayOrders = z.infer<typeof BusinessDayOrders>;

export const StoreSpeedOfService = z.object({
  storeId: StoreId,
  storeName: z.string(),
  regionId: z.string(),
  regionName: z.string(),
  overall: TicketTimeSummary.describe('average and p90 (nearest rank) of ticket times, seconds'),
  byStation: z.array(TicketTimeSummary.extend({ station: z.string(), name: CatalogName })),
  byChannel: z
    .array(TicketTimeSummary.extend({ channel: OrderChannel }))
    .describe('tickets whose order channel the edge did not know count in `overall` only'),
  ordersByDay: z
    .array(BusinessDayOrders)
    .describe('orders placed in the range, by business day, oldest first'),
});
export type StoreSpeedOfService = z.infer<typeof StoreSpeedOfService>;

export const SpeedOfServiceOverview = z.object({
  from: z.number().int(),
  to: z.number().int(),
  stores: z.array(StoreSpeedOfService).describe('every store in scope, also those without tickets'),
});
export type SpeedOfServiceOverview = z.infer<typeof SpeedOfServiceOverview>;
