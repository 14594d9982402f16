import { afterEach, describe, expect, it } from 'vitest';
import { StockLevelEvent, StockLowEvent } from '../../../shared/api/stock';
import { silentLogger } from '../../../shared/server/runtime/logger';
import { AvailabilityService } from '../availability/availability-service';
import { MANAGER, NOON, SAUCE_STOCK, STAFF, type StockKit, stockKit, TODAY } from './testing/stock-kit';

let kit: StockKit;
afterEach(() => kit.close());

const HOUR = 3_600_000;
const burger = (lineId: string, qty = 1) => ({ lineId, item: 'burger', qty, modifiers: [] });

describe('making a batch', () => {
  it('3 batches use exactly 3 times the ingredients and add 3 times the yield, sent up as production', () => {
    kit = stockKit(SAUCE_STOCK);
    const made = kit.stock.makeBatch({ subRecipe: 'sauce', batches: 3, note: 'morning prep' }, STAFF);

    expect(made).toMatchObject({
      id: 1,
      subRecipe: 'sauce',
      batches: 3,
      qty: 6_000,
      madeAt: NOON,
      madeBy: STAFF.id,
      businessDate: TODAY,
      expiresAt: NOON + 48 * HOUR,
      note: 'morning prep',
    });
    expect(made.levels.map((l) => [l.ingredient, l.onHand, l.projected])).toEqual([
      ['sauce', 6_500, 6_500],
      ['mayonnaise', 10_000, 10_000 - 3 * 1_400],
      ['ketchup', 5_000, 5_000 - 3 * 600],
    ]);
    expect(kit.level('sauce')).toEqual({ onHand: 6_500, projected: 6_500, tracked: true });
    expect(kit.stock.movements('mayonnaise').map((m) => [m.reason, m.delta, m.ref, m.by])).toEqual([
      ['production', -4_200, 'batch:1', STAFF.id],
      ['count', 0, 'opening stock', 'config'],
    ]);
    const sent = kit.outbox('stock.level').map((e) => ({ ...e, payload: StockLevelEvent.parse(e.payload) }));
    expect(sent.at(-1)).toEqual({
      entityId: 'batch:1',
      payload: {
        reason: 'production',
        ref: 'batch:1',
        businessDate: TODAY,
        levels: [
          { ingredient: 'sauce', tracked: true, onHand: 6_500, projected: 6_500 },
          { ingredient: 'mayonnaise', tracked: true, onHand: 10_000, projected: 5_800 },
          { ingredient: 'ketchup', tracked: true, onHand: 5_000, projected: 3_200 },
        ],
      },
    });
  });

  it('a quantity made uses its exact share of each ingredient, rounded once to a thousandth', () => {
    kit = stockKit(SAUCE_STOCK);
    kit.stock.makeBatch({ subRecipe: 'sauce', qty: 333.333 }, STAFF);
    // 1 400 × 333.333 / 2 000 = 233.3331 ml; 600 × 333.333 / 2 000 = 99.9999 ml.
    expect(kit.level('mayonnaise').projected).toBe(9_766.667);
    expect(kit.level('ketchup').projected).toBe(4_900);
    expect(kit.level('sauce').projected).toBe(833.333);
  });

  it('a sub-recipe never counted or made is untracked, never 0; its first batch starts tracking it', () => {
    kit = stockKit({
      ...SAUCE_STOCK,
      subRecipes: SAUCE_STOCK.subRecipes.map((s) => ({ ...s, batch: { location: 'walk-in' } })),
    });
    kit.order('pos:1', [burger('a', 5)]);
    expect(kit.level('sauce')).toEqual({ onHand: null, projected: null, tracked: false });
    expect(kit.stock.portionsAvailable('burger')).toBe(61); // the beef decides; the sauce cannot say
    kit.stock.makeBatch({ subRecipe: 'sauce', batches: 1 }, STAFF);
    expect(kit.level('sauce')).toEqual({ onHand: 2_000, projected: 2_000, tracked: true });
    expect(kit.stock.movements('sauce').map((m) => [m.reason, m.delta, m.ref])).toEqual([
      ['production', 2_000, 'batch:1'],
      ['count', 0, 'first batch'],
      ['sale', -100, 'pos:1'], // written while untracked: the count sets the level past it
    ]);
    expect(kit.stock.overview().batches[0]).toMatchObject({ subRecipe: 'sauce', expiresAt: null });
  });

  it('refuses in both languages what is not a sub-recipe made in batches, or more than a run makes', () => {
    kit = stockKit(SAUCE_STOCK);
    const refusal = (request: Parameters<StockKit['stock']['makeBatch']>[0]) => {
      try {
        kit.stock.makeBatch(request, STAFF);
      } catch (err) {
        return err;
      }
      throw new Error('not refused');
    };
    expect(refusal({ subRecipe: 'gravy', batches: 1 })).toMatchObject({
      path: ['subRecipe'],
      messages: {
        en: '"gravy" is not a sub-recipe made in batches; made in batches: sauce',
        'zh-CN': '“gravy”不是批量制作的子配方；批量制作的有：sauce',
      },
    });
    expect(refusal({ subRecipe: 'mayonnaise', batches: 1 })).toMatchObject({
      messages: { en: expect.stringContaining('"mayonnaise" is an ingredient') },
    });
    expect(refusal({ subRecipe: 'sauce', batches: 51 })).toMatchObject({
      path: ['batches'],
      messages: {
        en: '102000 g of "sauce" is more than one production run makes (at most 100,000 g)',
        'zh-CN': '102000 g“汉堡酱”超出一次制作的上限（最多 100000 g）',
      },
    });
    expect(() =>
      kit.stock.receive({ ref: 'DN-1', lines: [{ ingredient: 'sauce', qty: 10 }] }, MANAGER),
    ).toThrow('"sauce" is made in batches, not delivered');
    expect(kit.level('sauce')).toEqual({ onHand: 500, projected: 500, tracked: true });
    expect(kit.level('mayonnaise').projected).toBe(10_000);
  });
});

describe('a sub-recipe made in batches as stock of its own', () => {
  it('a burger depletes the sauce, not its ingredients, and a void gives it back', () => {
    kit = stockKit(SAUCE_STOCK);
    kit.order('pos:1', [burger('a', 10)]);
    expect(kit.level('sauce')).toEqual({ onHand: 500, projected: 300, tracked: true });
    expect(kit.level('mayonnaise').projected).toBe(10_000);
    expect(kit.level('ketchup').projected).toBe(5_000);
    kit.order('pos:1', [burger('a', 10)], 'voided');
    expect(kit.level('sauce').projected).toBe(500);
    expect(kit.stock.movements('sauce').map((m) => [m.reason, m.delta])).toEqual([
      ['void', 200],
      ['sale', -200],
      ['count', 0],
    ]);
  });

  it('a modifier may add or take away sauce, in its own unit', () => {
    kit = stockKit({ ...SAUCE_STOCK, modifiers: { large: [{ ingredient: 'sauce', qty: 10 }] } });
    kit.order('pos:1', [{ ...burger('a', 2), modifiers: ['large'] }]);
    expect(kit.level('sauce').projected).toBe(500 - 2 * 30);
  });

  it('has a variance like an ingredient: made is received, expired sauce is waste', () => {
    kit = stockKit(SAUCE_STOCK);
    kit.stock.makeBatch({ subRecipe: 'sauce', batches: 1 }, STAFF);
    kit.order('pos:1', [burger('a', 10)]);
    kit.stock.waste({ ingredient: 'sauce', qty: 100, reason: 'expired' }, STAFF);
    expect(kit.level('sauce').projected).toBe(500 + 2_000 - 200 - 100);
    kit.stock.count(
      { full: false, location: 'walk-in', lines: [{ ingredient: 'sauce', qty: 2_150 }] },
      MANAGER,
    );

    const report = kit.stock.variance(TODAY);
    // A gram of sauce costs (1 400 × 0.025 + 600 × 0.02) / 2 000 = 0.0235.
    expect(report.lines.find((l) => l.ingredient === 'sauce')).toEqual({
      ingredient: 'sauce',
      baseUnit: 'g',
      opening: 500,
      received: 2_000,
      closing: 2_150,
      actualUsage: 350,
      theoreticalUsage: 200,
      variance: 150,
      waste: 100,
      netVariance: 50,
      cost: {
        theoreticalUsage: { currency: 'CNY', amount: 4.7 },
        variance: { currency: 'CNY', amount: 3.53 },
        waste: { currency: 'CNY', amount: 2.35 },
        netVariance: { currency: 'CNY', amount: 1.18 },
      },
    });
    // The batch is the mayonnaise's theoretical usage: what its recipe says it took.
    expect(report.lines.find((l) => l.ingredient === 'mayonnaise')).toMatchObject({
      received: 0,
      theoreticalUsage: 1_400,
    });
  });

  it('a full count of its location must count it too', () => {
    kit = stockKit(SAUCE_STOCK);
    expect(() => kit.stock.count({ full: true, lines: [{ ingredient: 'beef', qty: 1 }] }, MANAGER)).toThrow(
      'missing: bun, mayonnaise, ketchup, sauce',
    );
  });

  it('below its minimum it suggests making whole batches back to par, never a purchase request', () => {
    kit = stockKit(SAUCE_STOCK);
    kit.order('pos:1', [burger('a', 6)]); // 500 − 120 = 380 g, below 400
    expect(kit.stock.reorderSuggestions().filter((s) => s.kind === 'make')).toEqual([
      {
        kind: 'make',
        ingredient: 'sauce',
        projected: 380,
        min: 400,
        max: 4_000,
        need: 3_620,
        policy: 'up',
        pack: { id: 'batch', size: 2_000 },
        packs: 2,
        qty: 4_000,
        leadTimeDays: 0,
        openPurchaseRequestId: null,
      },
    ]);
    expect(kit.stock.overview().batches).toEqual([
      {
        subRecipe: 'sauce',
        name: { en: 'Burger sauce', 'zh-CN': '汉堡酱' },
        unit: 'g',
        yield: 2_000,
        location: 'walk-in',
        shelfLifeHours: 48,
        ingredients: [
          { ingredient: 'mayonnaise', qty: 1_400 },
          { ingredient: 'ketchup', qty: 600 },
        ],
        suggestedBatches: 2,
        lastMadeAt: null,
        expiresAt: null,
      },
    ]);
    expect(kit.outbox('stock.low').map((e) => StockLowEvent.parse(e.payload).ingredient)).toEqual(['sauce']);
    expect(kit.stock.reorder(MANAGER).created.map((p) => p.ingredient)).not.toContain('sauce');

    kit.stock.makeBatch({ subRecipe: 'sauce', batches: 2 }, STAFF);
    expect(kit.stock.reorderSuggestions().filter((s) => s.kind === 'make')).toEqual([]);
    expect(kit.stock.overview().batches[0]).toMatchObject({
      suggestedBatches: null,
      lastMadeAt: NOON,
      expiresAt: NOON + 48 * HOUR,
    });
  });
});

describe('availability follows the sauce', () => {
  it('burgers go off when the sauce has less than a portion and come back with a batch', () => {
    kit = stockKit(SAUCE_STOCK);
    const availability = new AvailabilityService({
      db: kit.db,
      clock: kit.clock,
      logger: silentLogger(),
      storeId: kit.config.store.id,
      settings: () => ({ kitchen: kit.config.kitchen, equipment: kit.config.equipment, webhooks: [] }),
      alarms: { active: () => [], onChange: () => () => {} },
      stockPortions: (item) => kit.stock.portionsAvailable(item),
    });
    const burgerNow = () => {
      availability.recompute();
      return availability.list().find((i) => i.item === 'burger');
    };

    kit.order('pos:1', [burger('a', 24)]); // 500 − 480 = 20 g: one more burger
    expect(kit.stock.portionsAvailable('burger')).toBe(1);
    expect(burgerNow()?.available).toBe(true);
    kit.order('pos:2', [burger('a', 1)]);
    expect(kit.stock.portionsAvailable('burger')).toBe(0);
    expect(burgerNow()).toMatchObject({
      available: false,
      reasons: [expect.objectContaining({ kind: 'stock' })],
    });
    expect(availability.list().find((i) => i.item === 'combo')?.available).toBe(false);

    kit.stock.makeBatch({ subRecipe: 'sauce', batches: 1 }, STAFF);
    expect(kit.stock.portionsAvailable('burger')).toBe(41); // the beef again: 6 250 g / 150 g
    expect(burgerNow()?.available).toBe(true);
  });
});
