import type { EquipmentDowntimeOverview, StoreEquipmentDowntime } from '../../../shared/central/stock-api';
import { SALES_LOOKBACK_MS } from '../../../shared/central/stock-api';
import type { LocalizedText } from '../../../shared/localized-text';
import type { StoreScope } from '../auth/caller';
import type { CentralDb } from '../db/central-db';
import { equipmentLabels } from '../queries/equipment-labels';
import { episodesIn } from './eighty-six';
import { addLost, type ItemSale, type LostSales, lostAnswer, lostSales } from './lost-sales';
import { reasonsOf } from './regional-stock';
import { overlapMs, type StoreHeader, storesInScope } from './scoped-stores';

interface UnitTally {
  store: StoreHeader;
  equipmentId: string;
  name: LocalizedText | null;
  capability: string;
  intervals: [number, number][];
  items: Map<string, { offMs: number; lost: LostSales }>;
  lost: LostSales;
}

const noLoss = (): LostSales => ({ portions: null, moneyMilli: new Map() });

/**
 * Per store and unit, what its being out of service cost the menu in [from, to): the
 * time at least one item was off because of it, each item's time off and the sales that
 * cost (lost-sales.ts). An episode is put on every unit its equipment reasons name, as the
 * store named them when the item went off (central is not told of later changes in why);
 * an item also off for stock or by hand counts the same.
 */
export async function equipmentDowntime(
  db: CentralDb,
  scope: StoreScope,
  from: number,
  to: number,
  now: number,
): Promise<EquipmentDowntimeOverview> {
  const stores = await storesInScope(db, scope);
  const storeOf = new Map(stores.map((s) => [s.storeId, s]));
  const episodes = await episodesIn(db, scope, from, to, true);
  const firstSale = await firstItemSales(db, [...storeOf.keys()]);
  const sales = await itemSales(db, episodes, firstSale);
  const labelOf = await equipmentLabels(db, [...new Set(episodes.map((e) => e.store_id))]);

  const units = new Map<string, UnitTally>();
  for (const episode of episodes) {
    const store = storeOf.get(episode.store_id);
    if (!store) continue;
    const end = episode.ended_at ?? Math.max(now, episode.started_at);
    const off = { from: Math.max(episode.started_at, from), to: Math.min(end, to) };
    if (off.to <= off.from) continue;
    const lost = lostSales(
      off,
      episode.started_at,
      sales.get(`${episode.store_id}\u0000${episode.item}`) ?? [],
      firstSale.get(episode.store_id),
    );
    for (const reason of reasonsOf(episode.reasons)) {
      if (reason.kind !== 'equipment') continue;
      for (const unit of reason.units) {
        const key = `${episode.store_id}\u0000${unit.equipmentId}`;
        const tally: UnitTally = units.get(key) ?? {
          store,
          equipmentId: unit.equipmentId,
          name: unit.name ?? labelOf(episode.store_id, unit.equipmentId).name,
          capability: reason.capability,
          intervals: [],
          items: new Map(),
          lost: noLoss(),
        };
        units.set(key, tally);
        tally.intervals.push([off.from, off.to]);
        const item = tally.items.get(episode.item) ?? { offMs: 0, lost: noLoss() };
        tally.items.set(episode.item, item);
        item.offMs += overlapMs(off.from, off.to, from, to);
        addLost(item.lost, lost);
        addLost(tally.lost, lost);
      }
    }
  }
  const rows = [...units.values()].map(
    (tally): StoreEquipmentDowntime => ({
      ...tally.store,
      equipmentId: tally.equipmentId,
      name: tally.name,
      capability: tally.capability,
      menuOffMs: unionMs(tally.intervals),
      ...lostAnswer(tally.lost),
      items: [...tally.items]
        .map(([item, { offMs, lost }]) => ({ item, offMs, ...lostAnswer(lost) }))
        .sort((a, b) => b.offMs - a.offMs || a.item.localeCompare(b.item)),
    }),
  );
  return {
    from,
    to,
    itemSalesSynced: firstSale.size > 0,
    equipment: rows.sort(
      (a, b) =>
        b.menuOffMs - a.menuOffMs ||
        a.storeId.localeCompare(b.storeId) ||
        a.equipmentId.localeCompare(b.equipmentId),
    ),
  };
}

/** Each store's first synced item sale: before it, central cannot tell "none sold" from "not told". */
async function firstItemSales(db: CentralDb, storeIds: string[]): Promise<Map<string, number>> {
  if (storeIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('store_order_items')
    .where('store_id', 'in', storeIds)
    .groupBy('store_id')
    .select((eb) => ['store_id', eb.fn.min<number>('placed_at').as('first')])
    .execute();
  return new Map(rows.map((r) => [r.store_id, Number(r.first)]));
}

/** The 86'd items' sales in the 28 days before each of their episodes, voided orders left out. */
async function itemSales(
  db: CentralDb,
  episodes: readonly { store_id: string; item: string; started_at: number }[],
  firstSale: ReadonlyMap<string, number>,
): Promise<Map<string, ItemSale[]>> {
  const wanted = episodes.filter((e) => firstSale.has(e.store_id));
  const sales = new Map<string, ItemSale[]>();
  if (wanted.length === 0) return sales;
  const since = Math.min(...wanted.map((e) => e.started_at)) - SALES_LOOKBACK_MS;
  const until = Math.max(...wanted.map((e) => e.started_at));
  const rows = await db
    .selectFrom('store_order_items')
    .select(['store_id', 'item', 'qty', 'placed_at', 'currency', 'unit_price_milli'])
    .where('store_id', 'in', [...new Set(wanted.map((e) => e.store_id))])
    .where('item', 'in', [...new Set(wanted.map((e) => e.item))])
    .where('placed_at', '>=', since)
    .where('placed_at', '<', until)
    .where('status', '<>', 'voided')
    .execute();
  for (const row of rows) {
    const key = `${row.store_id}\u0000${row.item}`;
    const list = sales.get(key) ?? [];
    sales.set(key, list);
    list.push({
      placedAt: Number(row.placed_at),
      qty: Number(row.qty),
      currency: row.currency,
      unitPriceMilli: row.unit_price_milli === null ? null : Number(row.unit_price_milli),
    });
  }
  return sales;
}

/** Total length of intervals that may overlap (two items off for one fryer count once). */
export function unionMs(intervals: readonly [number, number][]): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const [start, stop] of sorted) {
    if (stop <= end) continue;
    total += stop - Math.max(start, end);
    end = stop;
  }
  return total;
}
