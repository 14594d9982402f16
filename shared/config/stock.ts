import { z } from 'zod';
import { SlugId } from '../ids';
import { decimalPlaces, MAX_QUANTITY_MOVED, MAX_STOCK_LEVEL, quantity } from '../quantity';
import { LocalizedText } from './localized-text';

/**
 * Food stock (the `stock:` section): ingredients in a base unit, recipes keyed by the
 * kitchen's menu item ids, sub-recipes made in batches, and what modifiers add or take
 * away. Every quantity is in the ingredient's base unit, exact to a thousandth
 * (shared/quantity.ts); prices are exact to a millionth of the store's currency, since
 * a gram of beef costs a fraction of a cent.
 */

export const BaseUnit = z.enum(['g', 'ml', 'each']);
export type BaseUnit = z.infer<typeof BaseUnit>;

export const RoundPolicy = z.enum(['up', 'down', 'nearest']);
export type RoundPolicy = z.infer<typeof RoundPolicy>;

/** Prices keep 6 decimals: 0.000125 a ml of vanilla is still exact. */
export const PRICE_DECIMALS = 6;
const MAX_PRICE_PER_UNIT = 100_000;

const PricePerUnit = z
  .number()
  .superRefine((value, ctx) => {
    if (value < 0) ctx.addIssue({ code: 'custom', message: 'a price cannot be below 0' });
    else if (value > MAX_PRICE_PER_UNIT)
      ctx.addIssue({ code: 'custom', message: `a price per base unit is at most ${MAX_PRICE_PER_UNIT}` });
    else if (decimalPlaces(value) > PRICE_DECIMALS)
      ctx.addIssue({
        code: 'custom',
        message: `a price has at most ${PRICE_DECIMALS} decimals; ${value} has more`,
      });
  })
  .describe(`in the store's currency per base unit (g, ml or each), at most ${PRICE_DECIMALS} decimals`);

export const IngredientPack = z.strictObject({
  id: SlugId,
  name: z.string().trim().min(1).max(100),
  size: quantity({ sign: 'positive', max: MAX_QUANTITY_MOVED, what: 'a pack size' }).describe(
    'in the base unit: a 5 kg box of patties is 5000 (g)',
  ),
});
export type IngredientPack = z.infer<typeof IngredientPack>;

const StockLevel = (what: string) => quantity({ sign: 'nonnegative', max: MAX_STOCK_LEVEL, what });

export const Ingredient = z.strictObject({
  id: SlugId,
  name: LocalizedText,
  baseUnit: BaseUnit,
  packs: z.array(IngredientPack).default([]).describe('how it is bought; deliveries may count packs'),
  orderPack: SlugId.optional().describe('the pack a reorder is rounded to; default: the first'),
  location: SlugId.default('store').describe(
    'where it is kept (walk-in, dry store, freezer): counts go by it',
  ),
  costPerUnit: PricePerUnit.default(0),
  openingStock: StockLevel('an opening stock')
    .optional()
    .describe('the first count, taken when the ingredient first appears; absent: untracked until counted'),
  min: StockLevel('a minimum')
    .optional()
    .describe('projected stock below this is low and suggests a reorder'),
  max: StockLevel('a par level').optional().describe('par: a reorder brings projected stock up to this'),
  leadTimeDays: z.number().int().min(0).max(60).default(1),
  roundPolicy: RoundPolicy.default('up').describe('how a reorder is rounded to whole packs'),
});
export type Ingredient = z.infer<typeof Ingredient>;

const RecipeQuantity = quantity({ sign: 'positive', max: MAX_QUANTITY_MOVED, what: 'a recipe quantity' });

export const RecipeLine = z.strictObject({ ingredient: SlugId, qty: RecipeQuantity });
export type RecipeLine = z.infer<typeof RecipeLine>;

export const SubRecipeUse = z.strictObject({
  recipe: SlugId.describe('a sub-recipe id'),
  qty: RecipeQuantity.describe("in the sub-recipe's own unit (its yield's)"),
});
export type SubRecipeUse = z.infer<typeof SubRecipeUse>;

/** What one menu item takes; quantities are for `yield` portions. */
export const Recipe = z.strictObject({
  yield: z.number().int().min(1).max(10_000).default(1).describe('portions the quantities make'),
  ingredients: z.array(RecipeLine).default([]),
  subRecipes: z.array(SubRecipeUse).default([]),
});
export type Recipe = z.infer<typeof Recipe>;

/** The longest a batch keeps: a quarter of a year; more is a typing error, not a sauce. */
export const MAX_SHELF_LIFE_HOURS = 24 * 90;

/**
 * A sub-recipe made ahead and kept as stock of its own (the sauce in its tub): counted,
 * wasted and depleted by sales like an ingredient, in its `unit`, while making a batch is
 * what uses its ingredients.
 */
export const SubRecipeBatch = z.strictObject({
  location: SlugId.default('store').describe('where its batches are kept (walk-in, line): counts go by it'),
  shelfLifeHours: z
    .number()
    .int()
    .min(1)
    .max(MAX_SHELF_LIFE_HOURS)
    .optional()
    .describe('how long a batch keeps once made; absent: no expiry is noted'),
  openingStock: StockLevel('an opening stock')
    .optional()
    .describe('the first count, taken when it first appears; absent: untracked until counted or made'),
  min: StockLevel('a minimum').optional().describe('projected stock below this suggests making more'),
  max: StockLevel('a par level')
    .optional()
    .describe('par: a "make more" suggestion brings projected stock up to this, in whole batches'),
});
export type SubRecipeBatch = z.infer<typeof SubRecipeBatch>;

/** A batch made ahead (a sauce, a dressing): what it yields and what one batch takes. */
export const SubRecipe = z.strictObject({
  id: SlugId,
  name: LocalizedText.optional(),
  unit: z
    .string()
    .trim()
    .min(1)
    .max(20)
    .default('portion')
    .describe('what its yield counts: ml, portion; g, ml or each when it is made in batches'),
  yield: RecipeQuantity.describe('how much one batch makes, in `unit`'),
  ingredients: z.array(RecipeLine).min(1),
  batch: SubRecipeBatch.optional().describe(
    'made in batches and kept as stock: sales deplete it, not its ingredients; absent: sales deplete its ingredients pro rata',
  ),
});
export type SubRecipe = z.infer<typeof SubRecipe>;

export const ModifierEffect = z.strictObject({
  ingredient: SlugId.describe('an ingredient, or a sub-recipe made in batches (in its unit)'),
  qty: quantity({ sign: 'nonzero', max: MAX_QUANTITY_MOVED, what: 'a modifier quantity' }).describe(
    'per portion of the line; negative takes away ("no cheese": -1)',
  ),
});
export type ModifierEffect = z.infer<typeof ModifierEffect>;

export const StockSettings = z
  .strictObject({
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY')
      .default('CNY')
      .describe('of every price; money is reported to its minor unit (2 decimals)'),
    ingredients: z.array(Ingredient).default([]),
    recipes: z.record(SlugId, Recipe).default({}).describe('keyed by kitchen.menu item id'),
    subRecipes: z.array(SubRecipe).default([]),
    modifiers: z
      .record(SlugId, z.array(ModifierEffect))
      .default({})
      .describe('keyed by kitchen.modifiers id: what each adds or takes away'),
  })
  .default({ currency: 'CNY', ingredients: [], recipes: {}, subRecipes: [], modifiers: {} });
export type StockSettings = z.infer<typeof StockSettings>;

type Path = (string | number)[];

/**
 * Ids unique; recipes for items on the menu, made of known ingredients and sub-recipes;
 * modifiers of the menu's, taking ingredients or batch-made sub-recipes; packs unique per
 * ingredient; par not below the minimum.
 * Runs on the raw parse, so every access is guarded.
 */
export function crossCheckStock(stock: unknown, kitchen: unknown, ctx: z.RefinementCtx): void {
  if (!isObject(stock)) return;
  const s = stock as Record<string, unknown>;
  const k = isObject(kitchen) ? (kitchen as Record<string, unknown>) : {};
  const issue = (path: Path, message: string) =>
    ctx.addIssue({ code: 'custom', path: ['stock', ...path], message });
  const ingredients = objects(s.ingredients);
  const ingredientIds = unique(ingredients, ['ingredients'], 'ingredient', issue);
  const subRecipes = objects(s.subRecipes);
  const subIds = unique(subRecipes, ['subRecipes'], 'sub-recipe', issue);
  const menuIds = new Set(objects(k.menu).map((m) => m.id));
  const modifierIds = new Set(objects(k.modifiers).map((m) => m.id));

  const checkLines = (lines: unknown, path: Path) =>
    objects(lines).forEach((line, i) => {
      if (typeof line.ingredient === 'string' && !ingredientIds.has(line.ingredient))
        issue([...path, i, 'ingredient'], `unknown ingredient "${line.ingredient}"`);
    });

  ingredients.forEach((ingredient, i) => {
    const packs = unique(objects(ingredient.packs), ['ingredients', i, 'packs'], 'pack', issue);
    if (typeof ingredient.orderPack === 'string' && !packs.has(ingredient.orderPack))
      issue(['ingredients', i, 'orderPack'], `unknown pack "${ingredient.orderPack}" of "${ingredient.id}"`);
    if (
      typeof ingredient.min === 'number' &&
      typeof ingredient.max === 'number' &&
      ingredient.max < ingredient.min
    )
      issue(['ingredients', i, 'max'], `par ${ingredient.max} is below the minimum ${ingredient.min}`);
  });
  const batchIds = new Set<unknown>();
  subRecipes.forEach((sub, i) => {
    checkLines(sub.ingredients, ['subRecipes', i, 'ingredients']);
    if (isObject(sub.batch)) {
      batchIds.add(sub.id);
      checkBatch(sub, sub.batch as Record<string, unknown>, ingredientIds, (path, message) =>
        issue(['subRecipes', i, ...path], message),
      );
    }
  });
  if (isObject(s.recipes)) {
    for (const [item, recipe] of Object.entries(s.recipes as Record<string, unknown>)) {
      if (!menuIds.has(item)) issue(['recipes', item], `"${item}" is not on the menu (kitchen.menu)`);
      if (!isObject(recipe)) continue;
      const r = recipe as Record<string, unknown>;
      checkLines(r.ingredients, ['recipes', item, 'ingredients']);
      objects(r.subRecipes).forEach((use, i) => {
        if (typeof use.recipe === 'string' && !subIds.has(use.recipe))
          issue(['recipes', item, 'subRecipes', i, 'recipe'], `unknown sub-recipe "${use.recipe}"`);
      });
    }
  }
  if (isObject(s.modifiers)) {
    for (const [modifier, effects] of Object.entries(s.modifiers as Record<string, unknown>)) {
      if (!modifierIds.has(modifier))
        issue(['modifiers', modifier], `"${modifier}" is not a kitchen modifier (kitchen.modifiers)`);
      objects(effects).forEach((effect, i) => {
        const id = effect.ingredient;
        if (typeof id === 'string' && !ingredientIds.has(id) && !batchIds.has(id))
          issue(['modifiers', modifier, i, 'ingredient'], `unknown ingredient "${id}"`);
      });
    }
  }
}

/**
 * A batch-made sub-recipe is a stock item beside the ingredients: it shares their ledger,
 * so its id must be its own, its unit one stock is kept in, and it needs a name to be
 * shown in the stock room.
 */
function checkBatch(
  sub: Record<string, unknown>,
  batch: Record<string, unknown>,
  ingredientIds: Set<unknown>,
  issue: (path: Path, message: string) => void,
): void {
  if (typeof sub.id === 'string' && ingredientIds.has(sub.id))
    issue(['id'], `"${sub.id}" is also an ingredient; a sub-recipe made in batches is stock of its own`);
  if (typeof sub.unit === 'string' && !BaseUnit.safeParse(sub.unit).success)
    issue(
      ['unit'],
      `a sub-recipe made in batches is kept in g, ml or each; "${sub.unit}" is not one of them`,
    );
  if (sub.name === undefined) issue(['name'], 'a sub-recipe made in batches needs a name (en and zh-CN)');
  if (typeof batch.min === 'number' && typeof batch.max === 'number' && batch.max < batch.min)
    issue(['batch', 'max'], `par ${batch.max} is below the minimum ${batch.min}`);
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function objects(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => isObject(v)) : [];
}

function unique(
  list: Record<string, unknown>[],
  path: Path,
  what: string,
  issue: (path: Path, message: string) => void,
): Set<unknown> {
  const seen = new Set<unknown>();
  list.forEach((entry, i) => {
    if (typeof entry.id !== 'string') return;
    if (seen.has(entry.id)) issue([...path, i, 'id'], `duplicate ${what} id "${entry.id}"`);
    seen.add(entry.id);
  });
  return seen;
}
