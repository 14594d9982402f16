import type { EightySixOverview, ItemEpisodes, StoreEightySix } from '../../../shared/central/stock-api';
import type { StoreScope } from '../auth/caller';
import type { CentralDb } from '../db/central-db';
import { inScope } from '../db/scope-filter';
import { catalogNames } from '../queries/catalog-names';
import { ingredientNamesOf, reasonsOf } from './regional-stock';
import { overlapMs, storesInScope } from './scoped-stores';

export interface EpisodeRow {
  store_id: string;
  item: string;
  started_at: number;
  ended_at: number | null;
  reasons: string;
}

/** 86 episodes of the stores in scope that overlap [from, to), still open ones included. */
export async function episodesIn(
  db: CentralDb,
  scope: StoreScope,
  from: number,
  to: number,
  equipmentOnly = false,
): Promise<EpisodeRow[]> {
  let query = db
    .selectFrom('eighty_six_episodes as e')
    .innerJoin('stores', 'stores.id', 'e.store_id')
    .where((eb) => inScope(eb, scope))
    .where('e.started_at', '<', to)
    .where((eb) => eb.or([eb('e.ended_at', 'is', null), eb('e.ended_at', '>', from)]));
  if (equipmentOnly) query = query.where('e.equipment', '=', 1);
  const rows = await query
    .select(['e.store_id', 'e.item', 'e.started_at', 'e.ended_at', 'e.reasons'])
    .orderBy('e.started_at', 'desc')
    .execute();
  return rows.map((r) => ({
    ...r,
    started_at: Number(r.started_at),
    ended_at: r.ended_at === null ? null : Number(r.ended_at),
  }));
}

/**
 * Items off the menu in [from, to) per store: each episode with its whole duration (to
 * `now` while it lasts) and the reasons it opened with, and each item's time off inside
 * the range, named as the store's catalogue names it. Stores without an episode are left
 * out; longest off first.
 */
export async function eightySixOverview(
  db: CentralDb,
  scope: StoreScope,
  from: number,
  to: number,
  now: number,
): Promise<EightySixOverview> {
  const stores = await storesInScope(db, scope);
  const episodes = await episodesIn(db, scope, from, to);
  const names = await catalogNames(
    db,
    episodes.map((e) => e.store_id),
    ['menu_item', 'ingredient', 'sub_recipe'],
  );
  const byStore = new Map<string, Map<string, ItemEpisodes>>();
  for (const row of episodes) {
    const items = byStore.get(row.store_id) ?? new Map<string, ItemEpisodes>();
    byStore.set(row.store_id, items);
    const item = items.get(row.item) ?? {
      item: row.item,
      name: names.name(row.store_id, 'menu_item', row.item),
      ingredientNames: {},
      offMsInRange: 0,
      episodes: [],
    };
    items.set(row.item, item);
    const end = row.ended_at ?? Math.max(now, row.started_at);
    item.offMsInRange += overlapMs(row.started_at, end, from, to);
    const reasons = reasonsOf(row.reasons);
    item.ingredientNames = { ...item.ingredientNames, ...ingredientNamesOf(names, row.store_id, reasons) };
    item.episodes.push({
      startedAt: row.started_at,
      endedAt: row.ended_at,
      durationMs: end - row.started_at,
      reasons,
    });
  }
  return {
    from,
    to,
    stores: stores.flatMap((store): StoreEightySix[] => {
      const items = byStore.get(store.storeId);
      if (!items) return [];
      return [
        {
          ...store,
          items: [...items.values()].sort(
            (a, b) => b.offMsInRange - a.offMsInRange || a.item.localeCompare(b.item),
          ),
        },
      ];
    }),
  };
}
