import { z } from 'zod';
import { UnavailableReason } from '../api/menu';
import { StoreId } from '../ids';
import { CatalogName, IngredientNames } from './catalog-names';

/**
 * Stock and 86s across the caller's stores (库存与估清), from the stock and availability
 * events the edges sync (`stock.level`, `stock.low`, `stock.variance`, `menu.availability`).
 *
 * What central cannot know from those events is said, not guessed: ingredients and menu
 * items are named from the store's kitchen catalogue (`store.catalog`), null until the store
 * has sent one (the page shows the id); an ingredient's minimum is known only once
 * it went low; sales per item need the `items` field of `order.applied` that the edge does
 * not send yet (shared/central/stock-events.ts), so portions lost stay null until it does,
 * and money only when those items carry a price.
 */

/** Central routes of this room, beside CENTRAL_ROUTES (shared/central/api.ts). */
export const STOCK_ROUTES = {
  stock: '/api/regional/stock',
  eightySix: '/api/regional/eighty-six',
  equipmentDowntime: '/api/regional/equipment-downtime',
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;
export const EIGHTY_SIX_DEFAULT_RANGE_MS = 7 * DAY_MS;
export const EIGHTY_SIX_MAX_RANGE_MS = 31 * DAY_MS;

const epochMs = z.coerce.number().int().nonnegative();

export const RegionalRangeQuery = z.object({
  from: epochMs.optional().describe('epoch ms; default `to` − 7 days'),
  to: epochMs.optional().describe('epoch ms, exclusive; default now'),
});
export type RegionalRangeQuery = z.infer<typeof RegionalRangeQuery>;

const StoreHeader = z.object({
  storeId: StoreId,
  storeName: z.string(),
  regionId: z.string(),
  regionName: z.string(),
});

// ── GET /api/regional/stock ───────────────────────────────────────────────────────

export const LowIngredient = z.object({
  ingredient: z.string().describe('ingredient (or sub-recipe) id as the store keys it'),
  name: CatalogName,
  unit: z
    .string()
    .nullable()
    .optional()
    .describe('the unit its quantities are in (g, ml, each, …); null until the catalogue says'),
  projected: z.number().describe('projected on hand, base unit, from the newest synced level'),
  min: z.number().describe('the minimum, as the last low-stock alert gave it'),
  lowSince: z.number().int().describe('when the last low-stock alert went out'),
  levelAt: z.number().int().describe('when the newest synced level was taken'),
});
export type LowIngredient = z.infer<typeof LowIngredient>;

export const EightySixedNow = z.object({
  item: z.string().describe('menu item id'),
  name: CatalogName,
  since: z.number().int(),
  reasons: z.array(UnavailableReason),
  ingredientNames: IngredientNames,
});
export type EightySixedNow = z.infer<typeof EightySixedNow>;

export const StoreStock = StoreHeader.extend({
  trackedIngredients: z.number().int().describe('ingredients with a synced level'),
  low: z.array(LowIngredient).describe('projected below the minimum, lowest share of it first'),
  eightySixed: z.array(EightySixedNow).describe('items off the menu now, longest first'),
});
export type StoreStock = z.infer<typeof StoreStock>;

export const RegionalStock = z.object({
  stores: z.array(StoreStock).describe('every store in scope, also those short of nothing'),
});
export type RegionalStock = z.infer<typeof RegionalStock>;

// ── GET /api/regional/eighty-six ─────────────────────────────────────────────────

export const EightySixEpisode = z.object({
  startedAt: z.number().int(),
  endedAt: z.number().int().nullable().describe('null: still off the menu'),
  durationMs: z.number().int().describe('start to end, or to now while it lasts'),
  reasons: z.array(UnavailableReason).describe('why it went off, as the store said when it did'),
});
export type EightySixEpisode = z.infer<typeof EightySixEpisode>;

export const ItemEpisodes = z.object({
  item: z.string(),
  name: CatalogName,
  ingredientNames: IngredientNames,
  offMsInRange: z.number().int().describe('time off the menu within the range'),
  episodes: z.array(EightySixEpisode).describe('newest first'),
});
export type ItemEpisodes = z.infer<typeof ItemEpisodes>;

export const StoreEightySix = StoreHeader.extend({
  items: z.array(ItemEpisodes).describe('longest off the menu first'),
});
export type StoreEightySix = z.infer<typeof StoreEightySix>;

export const EightySixOverview = z.object({
  from: z.number().int(),
  to: z.number().int(),
  stores: z.array(StoreEightySix).describe('stores in scope with an episode overlapping the range'),
});
export type EightySixOverview = z.infer<typeof EightySixOverview>;

// GET /api/regional/equipment-downtime: its contract is shared/central/downtime-api.ts.
