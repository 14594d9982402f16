import { z } from 'zod';
import { Money } from '../api/stock';
import { StoreId } from '../ids';
import { LocalizedText } from '../localized-text';
import { CatalogName } from './catalog-names';

/**
 * `GET /api/regional/equipment-downtime` (STOCK_ROUTES.equipmentDowntime): per store and
 * unit, the menu time its being out of service cost (from `menu.availability`) and the
 * sales that cost as the store itself priced them (`downtime.cost`, downtime-events.ts).
 * Replaces the estimate of stock-api.ts, which central made without sales per item.
 */

const StoreHeader = z.object({
  storeId: StoreId,
  storeName: z.string(),
  regionId: z.string(),
  regionName: z.string(),
});

const Lost = z.object({
  costedEpisodes: z
    .number()
    .int()
    .describe('episodes the store closed and priced that ended in the range and fell on this unit'),
  portionsLost: z.number().describe('the unit’s share of the portions those episodes lost, to a thousandth'),
  money: z
    .array(Money)
    .describe('the unit’s share of the sales lost, summed per currency; empty when nothing was priced'),
  unpricedEpisodes: z
    .number()
    .int()
    .describe('of those episodes, the ones whose item had no menu price: portions counted, no money'),
});

export const DowntimeItemLoss = Lost.extend({
  item: z.string().describe('menu item id'),
  name: CatalogName,
  offMs: z.number().int().describe('time this item was off the menu because of the unit, within the range'),
});
export type DowntimeItemLoss = z.infer<typeof DowntimeItemLoss>;

export const StoreEquipmentDowntime = StoreHeader.extend(Lost.shape).extend({
  equipmentId: z.string(),
  name: LocalizedText.nullable(),
  capability: z
    .string()
    .nullable()
    .describe(
      'the equipment type that was out of service; null when central knows neither the 86 nor the type',
    ),
  menuOffMs: z
    .number()
    .int()
    .describe('time at least one item was off the menu because of this unit, within the range'),
  items: z.array(DowntimeItemLoss).describe('longest off first'),
});
export type StoreEquipmentDowntime = z.infer<typeof StoreEquipmentDowntime>;

export const EquipmentDowntimeOverview = z.object({
  from: z.number().int(),
  to: z.number().int(),
  equipment: z
    .array(StoreEquipmentDowntime)
    .describe(
      'one row per store and unit that took items off the menu or was priced a loss, most menu time first',
    ),
});
export type EquipmentDowntimeOverview = z.infer<typeof EquipmentDowntimeOverview>;
