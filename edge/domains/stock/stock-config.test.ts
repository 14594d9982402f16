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

  it("the demo's burger sauce is made in batches and starts with stock of its own", () => {
    const sauce = demo.stock.subRecipes.find((s) => s.id === 'burger-sauce');
    expect(sauce?.unit).toBe('ml');
    expect(sauce?.batch).toMatchObject({ location: 'walk-in', openingStock: 2000 });
  });

  it('holds a sub-recipe made in batches to what stock of its own needs', () => {
    const sub = {
      ingredients: [{ ingredient: 'beef', qty: 1 }],
      batch: { min: 10, max: 5, shelfLifeHours: 24 * 91 },
    };
    const result = StoreConfig.safeParse({
      ...demo,
      stock: {
        ingredients: [{ id: 'beef', name: { en: 'Beef', 'zh-CN': '牛肉' }, baseUnit: 'g' }],
        subRecipes: [
          { ...sub, id: 'beef', yield: 10 },
          { ...sub, id: 'gravy', yield: 10, unit: 'l', name: { en: 'Gravy', 'zh-CN': '肉汁' } },
          { ...sub, id: 'stock', yield: 10, unit: 'g', batch: { extra: 1 } },
        ],
        modifiers: { 'extra-patty': [{ ingredient: 'gravy', qty: 1 }] },
      },
    });
    const issues = result.success ? [] : describeConfigIssues(result.error);
    expect(issues).toEqual(
      expect.arrayContaining([
        'stock.subRecipes.0.batch.shelfLifeHours: Too big: expected number to be <=2160',
        'stock.subRecipes.0.id: "beef" is also an ingredient; a sub-recipe made in batches is stock of its own',
        'stock.subRecipes.0.unit: a sub-recipe made in batches is kept in g, ml or each; "portion" is not one of them',
        'stock.subRecipes.0.name: a sub-recipe made in batches needs a name (en and zh-CN)',
        'stock.subRecipes.1.unit: a sub-recipe made in batches is kept in g, ml or each; "l" is not one of them',
        'stock.subRecipes.2.batch: Unrecognized key: "extra"',
      ]),
    );
    // A modifier may take a sub-recipe made in batches; gravy is one, even with a bad unit.
    expect(issues.filter((i) => i.startsWith('stock.modifiers'))).toEqual([]);
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
