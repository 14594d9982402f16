import { z } from 'zod';
import { LocalizedText } from '../localized-text';

/**
 * A menu item, station, ingredient or sub-recipe as its store names it, from the newest
 * kitchen catalogue the store sent (`store.catalog`, shared/sync/kitchen-catalog.ts).
 * Central answers null when the store has not sent one naming the id; the field is optional
 * so that answers of a central from before the catalogue still read.
 */
export const CatalogName = LocalizedText.nullable()
  .optional()
  .describe("the store's own name, both languages; null until its catalogue names the id");
export type CatalogName = z.infer<typeof CatalogName>;

/** The names of the ingredients an item's stock reasons give by id; ids the store has not named are left out. */
export const IngredientNames = z
  .record(z.string(), LocalizedText)
  .optional()
  .describe('ingredient id → name, for the ingredients its stock reasons name');
export type IngredientNames = z.infer<typeof IngredientNames>;
