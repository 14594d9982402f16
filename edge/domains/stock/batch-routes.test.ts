import { afterEach, describe, expect, it } from 'vitest';
import { ReorderSuggestionList, StockBatchView, StockOverview } from '../../../shared/api/stock';
import { type ApiFixture, bearer, createApiFixture } from '../../api/testing/api-fixture';
import { stockRoutes } from './stock-routes';
import { SAUCE_STOCK, type StockKit, stockKit } from './testing/stock-kit';

describe('batches over HTTP', () => {
  let f: ApiFixture;
  let kit: StockKit;
  afterEach(async () => {
    await f.close();
    kit.close();
  });

  async function setup() {
    kit = stockKit(SAUCE_STOCK);
    f = await createApiFixture({
      routes: stockRoutes({ stock: kit.stock, settings: () => kit.config.stock }),
    });
    return {
      staff: bearer(await f.tokenFor('staff')),
      display: bearer(await f.tokenFor('display')),
    };
  }
  const post = (headers: Record<string, string>, payload: object) =>
    f.server.inject({ method: 'POST', url: '/api/stock/batches', headers, payload });

  it('a cook records batches made; the overview and the suggestions show the sauce', async () => {
    const { staff, display } = await setup();
    expect((await post(display, { subRecipe: 'sauce', batches: 1 })).statusCode).toBe(403);
    expect(
      (await f.server.inject({ method: 'POST', url: '/api/stock/batches', payload: {} })).statusCode,
    ).toBe(401);

    const made = await post(staff, { subRecipe: 'sauce', batches: 2 });
    expect(made.statusCode).toBe(201);
    expect(StockBatchView.parse(made.json())).toMatchObject({ batches: 2, qty: 4_000, madeBy: 'staff-1' });

    const overview = StockOverview.parse(
      (await f.server.inject({ url: '/api/stock', headers: staff })).json(),
    );
    expect(overview.levels.find((l) => l.ingredient === 'sauce')).toMatchObject({
      onHand: 4_500,
      location: 'walk-in',
    });
    expect(overview.batches.map((b) => [b.subRecipe, b.yield, b.suggestedBatches])).toEqual([
      ['sauce', 2_000, null],
    ]);
    const suggestions = ReorderSuggestionList.parse(
      (await f.server.inject({ url: '/api/stock/reorder', headers: staff })).json(),
    );
    expect(suggestions.every((s) => s.kind === 'order')).toBe(true);
  });

  it('refuses out of bounds with a 400 naming the field, in both languages where the room decides', async () => {
    const { staff } = await setup();
    const issues = async (payload: object) => {
      const response = await post(staff, payload);
      expect(response.statusCode).toBe(400);
      return (response.json() as { issues: string[] }).issues.join('\n');
    };
    expect(await issues({ subRecipe: 'sauce', batches: 0 })).toContain('body.batches: at least 1 batch');
    expect(await issues({ subRecipe: 'sauce', batches: 101 })).toContain(
      'body.batches: at most 100 batches at once',
    );
    expect(await issues({ subRecipe: 'sauce', batches: 1.5 })).toContain(
      'body.batches: whole batches; give qty for part of one',
    );
    expect(await issues({ subRecipe: 'sauce', batches: 1, qty: 10 })).toContain(
      "body.batches: give either batches or qty (in the sub-recipe's unit), not both",
    );
    expect(await issues({ subRecipe: 'sauce', qty: 0.0001 })).toContain(
      'body.qty: a batch quantity has at most 3 decimals',
    );
    expect(await issues({ subRecipe: 'sauce', qty: -5 })).toContain(
      'body.qty: a batch quantity must be more than 0',
    );

    const tooMuch = await post(staff, { subRecipe: 'sauce', batches: 60 });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json()).toMatchObject({
      error: 'bad_request',
      issues: [
        expect.stringContaining('body.batches: 120000 g of "sauce" is more than one production run makes'),
      ],
      messages: {
        en: '120000 g of "sauce" is more than one production run makes (at most 100,000 g)',
        'zh-CN': '120000 g“汉堡酱”超出一次制作的上限（最多 100000 g）',
      },
    });
    const notMade = await post(staff, { subRecipe: 'ketchup', batches: 1 });
    expect(notMade.json()).toMatchObject({
      issues: [expect.stringContaining('body.subRecipe: "ketchup" is an ingredient')],
      messages: { 'zh-CN': expect.stringContaining('“ketchup”是原料') },
    });
    // Nothing refused moved any stock.
    expect(kit.level('sauce')).toEqual({ onHand: 500, projected: 500, tracked: true });
    expect(kit.level('mayonnaise').projected).toBe(10_000);
  });

  it('declares the route in the API description', async () => {
    await setup();
    const doc = (await f.server.inject({ url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toContain('/api/stock/batches');
  });
});
