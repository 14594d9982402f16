import type { Ingredient } from '../../../shared/config/stock';
import type { RecipeBook } from './recipe-book';
import { refused, refusedIn } from './stock-errors';
import type { StockItem } from './stock-items';

/** A stock item (ingredient or sub-recipe made in batches) by id, or a refusal naming the known ones. */
export function stockItemOf(book: RecipeBook, id: string, path: (string | number)[]): StockItem {
  const item = book.stockItems.get(id);
  if (!item) {
    const known = [...book.stockItems.keys()].join(', ') || 'none';
    throw refused(path, `unknown ingredient "${id}"; known: ${known}`);
  }
  return item;
}

/** Only ingredients are delivered: a sub-recipe made in batches comes in by making it. */
export function deliveredIngredientOf(book: RecipeBook, id: string, path: (string | number)[]): Ingredient {
  const ingredient = book.ingredients.get(id);
  if (ingredient) return ingredient;
  if (book.stockItems.get(id)?.batch)
    throw refusedIn(path, {
      en: `"${id}" is made in batches, not delivered: record a batch made (POST /api/stock/batches)`,
      'zh-CN': `“${id}”是批量制作的，不能收货：请登记制作批次`,
    });
  const known = [...book.ingredients.keys()].join(', ') || 'none';
  throw refused(path, `unknown ingredient "${id}"; known: ${known}`);
}
