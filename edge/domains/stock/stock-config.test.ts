import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeConfigIssues, StoreConfig } from '../../../shared/config/store-config';
import { loadStoreConfig } from '../../../shared/server/config/load-store-config';

const demo = loadStoreConfig(fileURLToPath(new URL('../../../config/demo-store.yaml', import.meta.url)));

describe('the stock config', () => {
  it('the demo store tracks every ingredient of its menu from an opening stock', () => {
    expect(demo.stock.ingredients.every((i) => i.openingStock !== undefined)).toBe(true);
    expect(Object.keys(demo.stock.recipes).sort()).toEqual(['burger', 'fries', 'nuggets', 'salad', 'sundae']);
  });

  it('reports every broken reference with its path, all at once', () => {
    const result = StoreConfig.safeParse({
      ...demo,
      stock: {
        ingredients: [
          {
            id: 'beef',
            name: { en: 'Beef', 'zh-CN': '牛肉' },
            baseUnit: 'g',
            min: 10,
            max: 5,
            costPerUnit: 0.0000001,
          },
          { id: 'beef', name: { en: 'Beef', 'zh-CN': '牛肉' }, baseUnit: 'kg' },
        ],
        recipes: {
          pizza: { ingredients: [{ ingredient: 'beef', qty: 1 }] },
          burger: {
            ingredients: [{ ingredient: 'pork', qty: 0.0005 }],
            subRecipes: [{ recipe: 'gravy', qty: 1 }],
          },
        },
        modifiers: { 'extra-cheese': [{ ingredient: 'cheese', qty: 1 }] },
      },
    });
    expect(result.success).toBe(false);
    const issues = result.success ? [] : describeConfigIssues(result.error);
    expect(issues).toEqual(
      expect.arrayContaining([
        'stock.ingredients.0.costPerUnit: a price has at most 6 decimals; 1e-7 has more',
        'stock.ingredients.1.baseUnit: Invalid option: expected one of "g"|"ml"|"each"',
        'stock.recipes.burger.ingredients.0.qty: a recipe quantity has at most 3 decimals (a thousandth of a kg, l or m); 0.0005 has more',
        'stock.ingredients.1.id: duplicate ingredient id "beef"',
        'stock.ingredients.0.max: par 5 is below the minimum 10',
        'stock.recipes.pizza: "pizza" is not on the menu (kitchen.menu)',
        'stock.recipes.burger.ingredients.0.ingredient: unknown ingredient "pork"',
        'stock.recipes.burger.subRecipes.0.recipe: unknown sub-recipe "gravy"',
        'stock.modifiers.extra-cheese: "extra-cheese" is not a kitchen modifier (kitchen.modifiers)',
        'stock.modifiers.extra-cheese.0.ingredient: unknown ingredient "cheese"',
      ]),
    );
  });
});
