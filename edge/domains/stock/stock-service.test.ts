import { afterEach, describe, expect, it } from 'vitest';
import { StockLevelEvent, StockLowEvent, VarianceReport } from '../../../shared/api/stock';
import {
  BURGER_STOCK,
  burgerStockWith,
  MANAGER,
  SAUCE_STOCK,
  STAFF,
  type StockKit,
  stockKit,
  TODAY,
} from './testing/stock-kit';

let kit: StockKit;
afterEach(() => kit.close());

const burger = (lineId: string, qty = 1, modifiers: string[] = []) => ({
  lineId,
  item: 'burger',
  qty,
  modifiers,
});

describe('depletion from orders', () => {
  it('the issue: 25 burgers, 5 double, 2 plain voided; a closing count with waste gives the variance', () => {
    kit = stockKit(BURGER_STOCK);
    for (let n = 1; n <= 25; n++) kit.order(`pos:${n}`, [burger('l1', 1, n <= 5 ? ['extra-patty'] : [])]);
    kit.order('pos:6', [burger('l1')], 'voided');
    kit.order('pos:7', [burger('l1')], 'voided');

    expect(kit.level('beef')).toEqual({ onHand: 10_000, projected: 5_800, tracked: true });
    expect(kit.level('bun')).toEqual({ onHand: 100, projected: 77, tracked: true });

    kit.stock.waste({ ingredient: 'beef', qty: 100, reason: 'dropped on the floor' }, STAFF);
    expect(kit.level('beef').projected).toBe(5_700);
    kit.stock.count({ full: false, lines: [{ ingredient: 'beef', qty: 5_500 }] }, MANAGER);

    const beef = kit.stock.variance(TODAY).lines.find((l) => l.ingredient === 'beef');
    expect(beef).toMatchObject({
      opening: 10_000,
      received: 0,
      closing: 5_500,
      actualUsage: 4_500,
      theoreticalUsage: 4_200,
      variance: 300,
      waste: 100,
      netVariance: 200,
      cost: {
        theoreticalUsage: { currency: 'CNY', amount: 336 },
        variance: { currency: 'CNY', amount: 24 },
        waste: { currency: 'CNY', amount: 8 },
        netVariance: { currency: 'CNY', amount: 16 },
      },
    });
    expect(kit.level('beef')).toEqual({ onHand: 5_500, projected: 5_500, tracked: true });
    // Central hears the day's variance after the count.
    const sent = kit.outbox('stock.variance').map((e) => VarianceReport.parse(e.payload));
    expect(sent.at(-1)?.lines).toEqual([expect.objectContaining({ ingredient: 'beef', netVariance: 200 })]);
  });

  it('a refund gives nothing back: what was cooked was used', () => {
    kit = stockKit(BURGER_STOCK);
    kit.order('pos:1', [burger('l1', 2)]);
    kit.order('pos:1', [burger('l1', 2)], 'closed');
    kit.order('pos:1', [burger('l1', 2)], 'refunded');
    expect(kit.level('beef').projected).toBe(9_700);
    expect(kit.level('bun').projected).toBe(98);
  });

  it('a later version depletes only the difference, and a repeat of a version nothing', () => {
    kit = stockKit(BURGER_STOCK);
    kit.order('pos:1', [burger('a', 1)]);
    kit.order('pos:1', [burger('a', 3), burger('b', 1, ['extra-patty'])]);
    expect(kit.level('beef').projected).toBe(10_000 - 3 * 150 - 300);
    kit.order('pos:1', [burger('a', 3), burger('b', 1, ['extra-patty'])]);
    expect(kit.level('beef').projected).toBe(9_250);
    kit.order('pos:1', [burger('b', 1)]);
    expect(kit.level('beef').projected).toBe(9_850);
    expect(kit.level('bun').projected).toBe(99);
    kit.order('pos:1', [burger('b', 1)], 'voided');
    expect(kit.level('beef').projected).toBe(10_000);
    const reasons = kit.stock.movements('beef').map((m) => [m.reason, m.delta]);
    expect(reasons).toEqual([
      ['void', 150],
      ['void', 600],
      ['sale', -600],
      ['sale', -150],
      ['count', 0],
    ]);
  });

  it('an order first seen at a later version counts its earlier lines as already depleted', () => {
    kit = stockKit(BURGER_STOCK);
    kit.stock.depleteForOrderChange({
      orderKey: 'pos:old',
      businessDate: TODAY,
      at: kit.clock.now(),
      lines: [burger('a', 3)],
      previousLines: [burger('a', 2)],
      status: 'open',
    });
    expect(kit.level('bun').projected).toBe(99);
  });

  it('a modifier taking away more than the line has stops at 0', () => {
    kit = stockKit(burgerStockWith('cheese', { openingStock: 10 }));
    kit.order('pos:1', [burger('a', 2, ['no-cheese', 'no-cheese'])]);
    expect(kit.level('cheese').projected).toBe(10);
    kit.order('pos:2', [burger('a', 2, ['no-cheese'])]);
    expect(kit.level('cheese').projected).toBe(10);
  });

  it('a combo depletes its components, a sub-recipe made in batches itself, not its ingredients', () => {
    kit = stockKit();
    kit.order('pos:1', [{ lineId: 'a', item: 'combo', qty: 10, modifiers: ['large'] }]);
    // The demo's burger sauce is made in batches: 20 ml a burger comes out of its tubs.
    expect(kit.level('burger-sauce').projected).toBe(2_000 - 200);
    expect(kit.level('mayonnaise').projected).toBe(3_000);
    expect(kit.level('ketchup').projected).toBe(5_000);
    expect(kit.level('beef-patty').projected).toBe(12_000 - 1_500);
    expect(kit.level('fries').projected).toBe(15_000 - 10 * 200);
    expect(kit.level('fryer-oil').projected).toBe(40_000 - 100);
  });

  it('a sub-recipe not made in batches depletes its share of each ingredient', () => {
    kit = stockKit({
      ...SAUCE_STOCK,
      subRecipes: SAUCE_STOCK.subRecipes.map(({ batch: _made, ...sub }) => sub),
    });
    kit.order('pos:1', [burger('a', 10)]);
    // 200 g of a 2 000 g batch: a tenth of its 1 400 ml mayonnaise and 600 ml ketchup.
    expect(kit.level('mayonnaise').projected).toBe(10_000 - 140);
    expect(kit.level('ketchup').projected).toBe(5_000 - 60);
    expect(kit.stock.overview().levels.map((l) => l.ingredient)).not.toContain('sauce');
  });

  it('keeps quantities exact: thirds of a batch and tenths of a gram add up', () => {
    kit = stockKit({
      ingredients: [
        {
          id: 'salt',
          name: { en: 'Salt', 'zh-CN': '盐' },
          baseUnit: 'g',
          openingStock: 0.3,
          costPerUnit: 0.1,
        },
        { id: 'oil', name: { en: 'Oil', 'zh-CN': '油' }, baseUnit: 'ml', openingStock: 100 },
      ],
      recipes: {
        fries: { ingredients: [{ ingredient: 'salt', qty: 0.1 }] },
        salad: { yield: 3, ingredients: [{ ingredient: 'oil', qty: 10 }] },
      },
    });
    kit.order('pos:1', [{ lineId: 'a', item: 'fries', qty: 1, modifiers: [] }]);
    kit.order('pos:2', [{ lineId: 'a', item: 'fries', qty: 1, modifiers: [] }]);
    expect(kit.level('salt').projected).toBe(0.1);
    kit.stock.receive({ ref: 'dn-1', lines: [{ ingredient: 'salt', qty: 0.2 }] }, MANAGER);
    expect(kit.level('salt')).toEqual({ onHand: 0.5, projected: 0.3, tracked: true });
    kit.order('pos:3', [{ lineId: 'a', item: 'fries', qty: 3, modifiers: [] }]);
    expect(kit.level('salt').projected).toBe(0);
    // 10 ml for 3 portions: 3.333 ml a portion, and 3 portions take exactly 10.
    kit.order('pos:4', [{ lineId: 'a', item: 'salad', qty: 3, modifiers: [] }]);
    expect(kit.level('oil').projected).toBe(90);
    kit.order('pos:5', [{ lineId: 'a', item: 'salad', qty: 1, modifiers: [] }]);
    expect(kit.level('oil').projected).toBe(86.667);
    expect(kit.stock.portionsAvailable('salad')).toBe(26);
  });
});

describe('portions and levels', () => {
  it('an ingredient never counted is untracked, never 0, until a count', () => {
    kit = stockKit(BURGER_STOCK);
    kit.order('pos:1', [burger('a', 5)]);
    expect(kit.level('cheese')).toEqual({ onHand: null, projected: null, tracked: false });
    expect(kit.stock.portionsAvailable('burger')).toBe(61); // beef 9 250 g / 150 g, cheese not counted
    expect(kit.stock.portionsAvailable('fries')).toBeUndefined(); // no recipe
    kit.stock.count({ full: false, lines: [{ ingredient: 'cheese', qty: 12 }] }, MANAGER);
    expect(kit.level('cheese')).toEqual({ onHand: 12, projected: 12, tracked: true });
    expect(kit.stock.portionsAvailable('burger')).toBe(12);
  });

  it('tells availability when an item runs out and when it comes back', () => {
    kit = stockKit(burgerStockWith('bun', { openingStock: 2 }));
    const crossings: { item: string; available: boolean; portions: number }[] = [];
    kit.stock.onPortionsCrossZero(({ item, available, portions }) =>
      crossings.push({ item, available, portions }),
    );
    kit.order('pos:1', [burger('a', 1)]);
    expect(crossings).toEqual([]);
    kit.order('pos:2', [burger('a', 1)]);
    // The combo is a burger and fries: it runs out with the burger.
    expect(crossings).toEqual([
      { item: 'burger', available: false, portions: 0 },
      { item: 'combo', available: false, portions: 0 },
    ]);
    kit.order('pos:2', [burger('a', 1)], 'voided');
    expect(crossings.slice(2)).toEqual([
      { item: 'burger', available: true, portions: 1 },
      { item: 'combo', available: true, portions: 1 },
    ]);
    expect(kit.stock.portionsAvailable('burger')).toBe(1);
  });

  it('alerts once below the minimum and again only after a restock above it', () => {
    kit = stockKit(
      burgerStockWith('bun', {
        openingStock: 12,
        min: 10,
        max: 30,
        packs: [{ id: 'bag', name: 'Bag', size: 6 }],
      }),
    );
    kit.order('pos:1', [burger('a', 3)]); // 9 buns
    kit.order('pos:2', [burger('a', 1)]); // 8
    kit.order('pos:2', [burger('a', 1)], 'voided'); // 9: not a restock
    kit.order('pos:3', [burger('a', 1)]); // 8
    expect(kit.outbox('stock.low').map((e) => StockLowEvent.parse(e.payload))).toEqual([
      { ingredient: 'bun', projected: 9, min: 10, at: kit.clock.now() },
    ]);
    kit.stock.receive({ ref: 'dn-7', lines: [{ ingredient: 'bun', packs: 1 }] }, MANAGER); // 14
    kit.order('pos:4', [burger('a', 5)]); // 9
    expect(kit.outbox('stock.low')).toHaveLength(2);
    const overview = kit.stock.overview().levels.find((l) => l.ingredient === 'bun');
    expect(overview).toMatchObject({ onHand: 18, projected: 9, low: true, lowAlerted: true });
    const levels = kit.outbox('stock.level').map((e) => StockLevelEvent.parse(e.payload));
    expect(levels.at(-1)).toMatchObject({ reason: 'sale', ref: 'pos:4', levels: expect.any(Array) });
  });

  it('refuses a full count that leaves out an ingredient, naming it', () => {
    kit = stockKit(BURGER_STOCK);
    expect(() => kit.stock.count({ full: true, lines: [{ ingredient: 'beef', qty: 1 }] }, MANAGER)).toThrow(
      'a full count lists every ingredient; missing: bun, cheese',
    );
  });
});
