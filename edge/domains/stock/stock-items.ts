import type {
  BaseUnit,
  Ingredient,
  RecipeLine,
  StockSettings,
  SubRecipe,
  SubRecipeBatch,
} from '../../../shared/config/stock';
import { PRICE_DECIMALS } from '../../../shared/config/stock';
import type { LocalizedText } from '../../../shared/localized-text';
import { toThousandths } from '../../../shared/quantity';

/** What a batch-made sub-recipe adds to a stock item: how a batch is made. */
export interface BatchRecipe {
  /** what one batch makes, in the item's base unit */
  yield: number;
  ingredients: readonly RecipeLine[];
  settings: SubRecipeBatch;
}

/**
 * Anything the stock room keeps a level of: an ingredient, or a sub-recipe made in
 * batches. Both are counted, wasted and depleted alike and share the ledger by id.
 */
export interface StockItem {
  id: string;
  name: LocalizedText;
  baseUnit: BaseUnit;
  location: string;
  costPerUnit: number;
  openingStock?: number | undefined;
  min?: number | undefined;
  max?: number | undefined;
  /** set for a sub-recipe made in batches */
  batch?: BatchRecipe;
}

const MICROS = 10n ** BigInt(PRICE_DECIMALS);

/** Ingredients in config order, then the sub-recipes made in batches. */
export function stockItemsOf(stock: StockSettings): Map<string, StockItem> {
  const items = new Map<string, StockItem>(stock.ingredients.map((i) => [i.id, fromIngredient(i)]));
  const ingredients = new Map(stock.ingredients.map((i) => [i.id, i]));
  for (const sub of stock.subRecipes) {
    const item = fromSubRecipe(sub, ingredients);
    if (item) items.set(item.id, item);
  }
  return items;
}

function fromIngredient(i: Ingredient): StockItem {
  return {
    id: i.id,
    name: i.name,
    baseUnit: i.baseUnit,
    location: i.location,
    costPerUnit: i.costPerUnit,
    openingStock: i.openingStock,
    min: i.min,
    max: i.max,
  };
}

function fromSubRecipe(sub: SubRecipe, ingredients: ReadonlyMap<string, Ingredient>): StockItem | undefined {
  const settings = sub.batch;
  // The config's cross-check refuses these; a config built in code is held to the same.
  if (!settings || !isBaseUnit(sub.unit)) return undefined;
  return {
    id: sub.id,
    name: sub.name ?? { en: sub.id, 'zh-CN': sub.id },
    baseUnit: sub.unit,
    location: settings.location,
    costPerUnit: batchCostPerUnit(sub, ingredients),
    openingStock: settings.openingStock,
    min: settings.min,
    max: settings.max,
    batch: { yield: sub.yield, ingredients: sub.ingredients, settings },
  };
}

function isBaseUnit(unit: string): unit is BaseUnit {
  return unit === 'g' || unit === 'ml' || unit === 'each';
}

/**
 * What a unit of the batch costs: its ingredients at their prices over its yield, to the
 * micro-unit prices keep. In BigInt: thousandths times micros of a large batch pass what
 * a double holds exactly.
 */
function batchCostPerUnit(sub: SubRecipe, ingredients: ReadonlyMap<string, Ingredient>): number {
  let total = 0n;
  for (const line of sub.ingredients) {
    const price = ingredients.get(line.ingredient)?.costPerUnit ?? 0;
    total += BigInt(toThousandths(line.qty)) * BigInt(Math.round(price * Number(MICROS)));
  }
  const yieldMilli = BigInt(toThousandths(sub.yield));
  const micros = (2n * total + yieldMilli) / (2n * yieldMilli);
  return Number(micros) / Number(MICROS);
}
