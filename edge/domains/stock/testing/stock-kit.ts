import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { StockSettings } from '../../../../shared/config/stock';
import type { StoreConfig } from '../../../../shared/config/store-config';
import { loadStoreConfig } from '../../../../shared/server/config/load-store-config';
import { FakeClock } from '../../../../shared/server/runtime/fake-clock';
import { silentLogger } from '../../../../shared/server/runtime/logger';
import { type Database, openDatabase } from '../../../store/database';
import { type OrderStockChange, type OrderStockLine, StockService } from '../stock-service';

const DEMO_CONFIG = fileURLToPath(new URL('../../../../config/demo-store.yaml', import.meta.url));

export const MANAGER = { id: 'manager-1' };
export const STAFF = { id: 'staff-1' };
/** 12:00 in Shanghai: business day 2026-12-07. */
export const NOON = Date.UTC(2026, 11, 7, 4, 0, 0);
export const TODAY = '2026-12-07';

type StockInput = Exclude<z.input<typeof StockSettings>, undefined>;
type IngredientInput = NonNullable<StockInput['ingredients']>[number];

/** The burger: 150 g of beef and a bun; "extra-patty" another 150 g. Cheese is never counted. */
export const BURGER_STOCK = {
  ingredients: [
    {
      id: 'beef',
      name: { en: 'Beef', 'zh-CN': '牛肉' },
      baseUnit: 'g',
      costPerUnit: 0.08,
      openingStock: 10_000,
    },
    {
      id: 'bun',
      name: { en: 'Bun', 'zh-CN': '面包' },
      baseUnit: 'each',
      costPerUnit: 1.2,
      openingStock: 100,
    },
    { id: 'cheese', name: { en: 'Cheese', 'zh-CN': '芝士' }, baseUnit: 'each', costPerUnit: 0.9 },
  ],
  recipes: {
    burger: {
      ingredients: [
        { ingredient: 'beef', qty: 150 },
        { ingredient: 'bun', qty: 1 },
        { ingredient: 'cheese', qty: 1 },
      ],
    },
  },
  modifiers: {
    'extra-patty': [{ ingredient: 'beef', qty: 150 }],
    'no-cheese': [{ ingredient: 'cheese', qty: -1 }],
  },
} satisfies StockInput;

/**
 * The burger with its sauce made in batches: 2 000 g a batch of 1 400 ml mayonnaise and
 * 600 ml ketchup, 20 g a burger, kept 48 h; 500 g in the walk-in to start with.
 */
export const SAUCE_STOCK = {
  ingredients: [
    ...BURGER_STOCK.ingredients.filter((i) => i.id !== 'cheese'),
    {
      id: 'mayonnaise',
      name: { en: 'Mayonnaise', 'zh-CN': '蛋黄酱' },
      baseUnit: 'ml',
      costPerUnit: 0.025,
      openingStock: 10_000,
    },
    {
      id: 'ketchup',
      name: { en: 'Ketchup', 'zh-CN': '番茄酱' },
      baseUnit: 'ml',
      costPerUnit: 0.02,
      openingStock: 5_000,
    },
  ],
  subRecipes: [
    {
      id: 'sauce',
      name: { en: 'Burger sauce', 'zh-CN': '汉堡酱' },
      unit: 'g',
      yield: 2_000,
      ingredients: [
        { ingredient: 'mayonnaise', qty: 1_400 },
        { ingredient: 'ketchup', qty: 600 },
      ],
      batch: { location: 'walk-in', shelfLifeHours: 48, openingStock: 500, min: 400, max: 4_000 },
    },
  ],
  recipes: {
    burger: {
      ingredients: [
        { ingredient: 'beef', qty: 150 },
        { ingredient: 'bun', qty: 1 },
      ],
      subRecipes: [{ recipe: 'sauce', qty: 20 }],
    },
  },
} satisfies StockInput;

/** The burger stock with one ingredient changed. */
export function burgerStockWith(id: string, change: Partial<IngredientInput>): StockInput {
  return {
    ...BURGER_STOCK,
    ingredients: BURGER_STOCK.ingredients.map((i) => (i.id === id ? { ...i, ...change } : i)),
  };
}

export interface StockKit {
  stock: StockService;
  db: Database;
  clock: FakeClock;
  config: StoreConfig;
  /**
   * Applies the next version of an order as the orders room would: the lines it held
   * before are handed over as `previousLines`.
   */
  order(
    orderKey: string,
    lines: Array<Omit<OrderStockLine, 'modifiers'> & { modifiers?: string[] }>,
    status?: OrderStockChange['status'],
  ): void;
  level(ingredient: string): { onHand: number | null; projected: number | null; tracked: boolean };
  outbox(type: string): { entityId: string; payload: unknown }[];
  close(): void;
}

/** The stock service over a real SQLite file in a temp dir, the demo store's menu and a fake clock. */
export function stockKit(stock?: StockInput): StockKit {
  const demo = loadStoreConfig(DEMO_CONFIG);
  const config: StoreConfig = { ...demo, stock: stock ? StockSettings.parse(stock) : demo.stock };
  const dir = mkdtempSync(join(tmpdir(), 'galley-stock-'));
  const db = openDatabase(dir);
  const clock = new FakeClock(NOON);
  const service = new StockService({ db, clock, logger: silentLogger(), storeId: config.store.id, config });
  service.start();
  const held = new Map<string, OrderStockLine[]>();
  return {
    stock: service,
    db,
    clock,
    config,
    order(orderKey, lines, status = 'open') {
      const full = lines.map((l) => ({ ...l, modifiers: l.modifiers ?? [] }));
      service.depleteForOrderChange({
        orderKey,
        businessDate: TODAY,
        at: clock.now(),
        lines: full,
        previousLines: held.get(orderKey),
        status,
      });
      held.set(orderKey, full);
    },
    level(ingredient) {
      const view = service.overview().levels.find((l) => l.ingredient === ingredient);
      if (!view) throw new Error(`no ingredient ${ingredient}`);
      return { onHand: view.onHand, projected: view.projected, tracked: view.tracked };
    },
    outbox(type) {
      return db
        .prepare<[string], { entity_id: string; payload: string }>(
          'SELECT entity_id, payload FROM outbox WHERE type = ? ORDER BY seq',
        )
        .all(type)
        .map((r) => ({ entityId: r.entity_id, payload: JSON.parse(r.payload) as unknown }));
    },
    close() {
      service.stop();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
