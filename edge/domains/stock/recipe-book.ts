import type { MenuItem } from '../../../shared/config/kitchen';
import type { Ingredient, StockSettings } from '../../../shared/config/stock';
import { toThousandths } from '../../../shared/quantity';
import { type StockItem, stockItemsOf } from './stock-items';

/**
 * An exact fraction of a thousandth of a base unit. A recipe for 3 portions that takes
 * 1 000 g gives 333⅓ g a portion; a sauce batch of 2 l used 30 ml at a time gives
 * fractions of its ingredients. Carried as fractions, a line is rounded to a thousandth
 * once, at the end, so no portion's rounding accumulates over an order.
 */
interface Fraction {
  num: bigint;
  den: bigint;
}

const ZERO: Fraction = { num: 0n, den: 1n };

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

function add(a: Fraction, b: Fraction): Fraction {
  const num = a.num * b.den + b.num * a.den;
  const den = a.den * b.den;
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}

function scale(a: Fraction, times: bigint, per: bigint = 1n): Fraction {
  const num = a.num * times;
  const den = a.den * per;
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}

/** Nearest thousandth, halves away from zero (only ever called on values ≥ 0). */
function roundMilli(a: Fraction): number {
  return Number((2n * a.num + a.den) / (2n * a.den));
}

/** Stock item → thousandths of its base unit, as an exact fraction per portion. */
type Usage = Map<string, Fraction>;

function addTo(usage: Usage, ingredient: string, amount: Fraction): void {
  usage.set(ingredient, add(usage.get(ingredient) ?? ZERO, amount));
}

/** A line of an order as stock sees it. */
export interface UsageLine {
  item: string;
  qty: number;
  /** kitchen.modifiers ids, one per occurrence */
  modifiers: readonly string[];
}

/**
 * The recipes of the config turned into usage per portion of each menu item (a combo
 * is its components' recipes plus its own), and the usage of an order line in integer
 * thousandths. A sub-recipe made in batches is used as itself (the sauce in the tub);
 * one that is not, as its share of each of its ingredients. Built once per config.
 */
export class RecipeBook {
  readonly ingredients: ReadonlyMap<string, Ingredient>;
  /** what the stock room keeps a level of: the ingredients, then the sub-recipes made in batches */
  readonly stockItems: ReadonlyMap<string, StockItem>;
  readonly #perPortion = new Map<string, Usage>();
  readonly #modifiers = new Map<string, Usage>();
  /** ingredient → menu items whose portion uses it */
  readonly #itemsUsing = new Map<string, Set<string>>();

  constructor(stock: StockSettings, menu: readonly MenuItem[]) {
    this.ingredients = new Map(stock.ingredients.map((i) => [i.id, i]));
    this.stockItems = stockItemsOf(stock);
    const subs = new Map(stock.subRecipes.map((s) => [s.id, s]));
    const recipeUsage = (itemId: string): Usage => {
      const usage: Usage = new Map();
      const recipe = stock.recipes[itemId];
      if (!recipe) return usage;
      const portions = BigInt(recipe.yield);
      for (const line of recipe.ingredients)
        addTo(usage, line.ingredient, { num: BigInt(toThousandths(line.qty)), den: portions });
      for (const use of recipe.subRecipes) {
        const sub = subs.get(use.recipe);
        if (!sub) continue;
        if (this.stockItems.get(sub.id)?.batch) {
          addTo(usage, sub.id, { num: BigInt(toThousandths(use.qty)), den: portions });
          continue;
        }
        // (use.qty / yield portions) of a batch of sub.yield, each of its ingredients pro rata.
        const share = {
          num: BigInt(toThousandths(use.qty)),
          den: portions * BigInt(toThousandths(sub.yield)),
        };
        for (const line of sub.ingredients)
          addTo(usage, line.ingredient, scale(share, BigInt(toThousandths(line.qty))));
      }
      return usage;
    };
    for (const item of menu) {
      const usage = recipeUsage(item.id);
      for (const component of item.components)
        for (const [ingredient, amount] of recipeUsage(component)) addTo(usage, ingredient, amount);
      if (usage.size === 0) continue;
      this.#perPortion.set(item.id, usage);
      for (const ingredient of usage.keys()) {
        const items = this.#itemsUsing.get(ingredient) ?? new Set<string>();
        items.add(item.id);
        this.#itemsUsing.set(ingredient, items);
      }
    }
    for (const [modifier, effects] of Object.entries(stock.modifiers)) {
      const usage: Usage = new Map();
      for (const effect of effects)
        addTo(usage, effect.ingredient, { num: BigInt(toThousandths(effect.qty)), den: 1n });
      this.#modifiers.set(modifier, usage);
    }
  }

  /** Menu items with a recipe (their own or their components'). */
  items(): string[] {
    return [...this.#perPortion.keys()];
  }

  hasRecipe(item: string): boolean {
    return this.#perPortion.has(item);
  }

  itemsUsing(ingredients: Iterable<string>): Set<string> {
    const items = new Set<string>();
    for (const ingredient of ingredients)
      for (const item of this.#itemsUsing.get(ingredient) ?? []) items.add(item);
    return items;
  }

  /**
   * What a line takes, ingredient → thousandths. Modifiers count per portion; one that
   * takes away more than the line has ("no cheese" on a burger without cheese) takes
   * it to 0, never below. Items without a recipe take nothing.
   */
  lineUsage(line: UsageLine): Map<string, number> {
    const base = this.#perPortion.get(line.item);
    const perPortion: Usage = new Map(base ?? []);
    for (const modifier of line.modifiers)
      for (const [ingredient, amount] of this.#modifiers.get(modifier) ?? [])
        addTo(perPortion, ingredient, amount);
    const usage = new Map<string, number>();
    for (const [ingredient, amount] of perPortion) {
      if (amount.num <= 0n) continue;
      const milli = roundMilli(scale(amount, BigInt(line.qty)));
      if (milli > 0) usage.set(ingredient, milli);
    }
    return usage;
  }

  /**
   * Whole portions of `item` the given levels make: the least over its stock items
   * (ingredients, batch-made sub-recipes) that have a level (tracked ones). Undefined when none of them is tracked, or the
   * item has no recipe: stock cannot say, so it never says 0.
   */
  portions(
    item: string,
    projectedMilli: (ingredient: string) => number | undefined,
  ): { portions: number; limitedBy: string } | undefined {
    const usage = this.#perPortion.get(item);
    if (!usage) return undefined;
    let best: { portions: number; limitedBy: string } | undefined;
    for (const [ingredient, amount] of usage) {
      const level = projectedMilli(ingredient);
      if (level === undefined || amount.num <= 0n) continue;
      const portions = level <= 0 ? 0 : Number((BigInt(level) * amount.den) / amount.num);
      if (!best || portions < best.portions) best = { portions, limitedBy: ingredient };
    }
    return best;
  }
}
