import { z } from 'zod';
import { UnavailableReason } from '../../../shared/api/menu';
import type { LowIngredient, RegionalStock, StoreStock } from '../../../shared/central/stock-api';
import type { LocalizedText } from '../../../shared/localized-text';
import type { StoreScope } from '../auth/caller';
import type { CentralDb } from '../db/central-db';
import { inScope } from '../db/scope-filter';
import { fromMilli } from '../ingest/stock-projection';
import { type CatalogNames, catalogNames } from '../queries/catalog-names';
import { storesInScope } from './scoped-stores';

const Reasons = z.array(UnavailableReason);

/** Reasons as stored (parsed once on the way in); anything unreadable shows as none. */
export function reasonsOf(json: string): z.infer<typeof Reasons> {
  const parsed = Reasons.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : [];
}

/** The names of the ingredients stock reasons give by id, for the page to word them. */
export function ingredientNamesOf(
  names: CatalogNames,
  storeId: string,
  reasons: readonly UnavailableReason[],
): Record<string, LocalizedText> {
  const named: Record<string, LocalizedText> = {};
  for (const reason of reasons) {
    if (reason.kind !== 'stock' || reason.ingredient === undefined) continue;
    const name = names.stocked(storeId, reason.ingredient)?.name;
    if (name) named[reason.ingredient] = name;
  }
  return named;
}

/**
 * What every store in scope is short of now: ingredients whose newest synced projected
 * level is below the minimum their last low-stock alert gave, and items off the menu
 * (an open 86 episode) with why and since when, each named as the store's catalogue names it.
 */
export async function regionalStock(db: CentralDb, scope: StoreScope): Promise<RegionalStock> {
  const stores = await storesInScope(db, scope);
  const levels = await db
    .selectFrom('stock_levels as l')
    .innerJoin('stores', 'stores.id', 'l.store_id')
    .where((eb) => inScope(eb, scope))
    .select([
      'l.store_id',
      'l.ingredient',
      'l.tracked',
      'l.projected_milli',
      'l.level_at',
      'l.min_milli',
      'l.low_since',
    ])
    .execute();
  const open = await db
    .selectFrom('eighty_six_episodes as e')
    .innerJoin('stores', 'stores.id', 'e.store_id')
    .where((eb) => inScope(eb, scope))
    .where('e.ended_at', 'is', null)
    .select(['e.store_id', 'e.item', 'e.started_at', 'e.reasons'])
    .orderBy('e.started_at')
    .orderBy('e.item')
    .execute();

  const names = await catalogNames(
    db,
    [...levels.filter((l) => l.min_milli !== null).map((l) => l.store_id), ...open.map((e) => e.store_id)],
    ['ingredient', 'sub_recipe', 'menu_item'],
  );

  const tracked = new Map<string, number>();
  const low = new Map<string, (LowIngredient & { share: number })[]>();
  for (const row of levels) {
    if (row.tracked) tracked.set(row.store_id, (tracked.get(row.store_id) ?? 0) + 1);
    const { projected_milli: projected, min_milli: min, low_since: since } = row;
    if (!row.tracked || projected === null || min === null || since === null || projected >= min) continue;
    const list = low.get(row.store_id) ?? [];
    low.set(row.store_id, list);
    const entry = names.stocked(row.store_id, row.ingredient);
    list.push({
      ingredient: row.ingredient,
      name: entry?.name ?? null,
      unit: entry?.unit ?? null,
      projected: fromMilli(Number(projected)),
      min: fromMilli(Number(min)),
      lowSince: Number(since),
      levelAt: Number(row.level_at),
      share: min > 0 ? projected / min : 0,
    });
  }
  const eightySixed = new Map<string, StoreStock['eightySixed']>();
  for (const row of open) {
    const list = eightySixed.get(row.store_id) ?? [];
    eightySixed.set(row.store_id, list);
    const reasons = reasonsOf(row.reasons);
    list.push({
      item: row.item,
      name: names.name(row.store_id, 'menu_item', row.item),
      since: Number(row.started_at),
      reasons,
      ingredientNames: ingredientNamesOf(names, row.store_id, reasons),
    });
  }
  return {
    stores: stores.map(
      (store): StoreStock => ({
        ...store,
        trackedIngredients: tracked.get(store.storeId) ?? 0,
        low: (low.get(store.storeId) ?? [])
          .sort((a, b) => a.share - b.share || a.ingredient.localeCompare(b.ingredient))
          .map(({ share: _share, ...ingredient }) => ingredient),
        eightySixed: eightySixed.get(store.storeId) ?? [],
      }),
    ),
  };
}
