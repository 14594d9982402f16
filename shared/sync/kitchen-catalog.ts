import { z } from 'zod';
import type { StoreConfig } from '../config/store-config';
import { LocalizedText } from '../localized-text';

/**
 * `store.catalog`: what the store's kitchen calls its menu items, stations, ingredients and
 * sub-recipes, in both languages with the unit each is counted in. Stock, 86 and
 * speed-of-service events carry only ids; central names them with the newest catalogue the
 * store sent. The edge sends it at start when it differs from the one it last sent, and after
 * a config change that changes it; central keeps the newest by seq, replaced whole.
 */
export const KITCHEN_CATALOG_EVENT = 'store.catalog';

const MAX_ENTRIES = 10_000;

const Named = z.object({ id: z.string().min(1), name: LocalizedText });

export const KitchenCatalogPayload = z.object({
  menuItems: z.array(Named).max(MAX_ENTRIES),
  stations: z.array(Named).max(MAX_ENTRIES),
  ingredients: z
    .array(
      Named.extend({ unit: z.string().min(1).describe('the base unit stock is counted in: g, ml, each') }),
    )
    .max(MAX_ENTRIES),
  subRecipes: z
    .array(
      z.object({
        id: z.string().min(1),
        // A sub-recipe's name is optional in the config: without one, central shows its id.
        name: LocalizedText.nullable(),
        unit: z.string().min(1).describe('what its yield counts: ml, portion'),
      }),
    )
    .max(MAX_ENTRIES),
});
export type KitchenCatalogPayload = z.infer<typeof KitchenCatalogPayload>;

/**
 * The catalogue of a config, built so that its JSON (and so the edge's hash of it) changes
 * only when a name or unit does: lists in id order, names rebuilt in one key order whatever
 * order the config file wrote them in.
 */
export function kitchenCatalogOf(config: StoreConfig): KitchenCatalogPayload {
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const text = (name: { en: string; 'zh-CN': string }) => ({ en: name.en, 'zh-CN': name['zh-CN'] });
  return {
    menuItems: config.kitchen.menu.map(({ id, name }) => ({ id, name: text(name) })).sort(byId),
    stations: config.kitchen.stations.map(({ id, name }) => ({ id, name: text(name) })).sort(byId),
    ingredients: config.stock.ingredients
      .map(({ id, name, baseUnit }) => ({ id, name: text(name), unit: baseUnit }))
      .sort(byId),
    subRecipes: config.stock.subRecipes
      .map(({ id, name, unit }) => ({ id, name: name ? text(name) : null, unit }))
      .sort(byId),
  };
}
