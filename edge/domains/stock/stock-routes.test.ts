import { afterEach, describe, expect, it } from 'vitest';
import { type ApiFixture, bearer, createApiFixture } from '../../api/testing/api-fixture';
import { stockRoutes } from './stock-routes';
import { BURGER_STOCK, burgerStockWith, type StockKit, stockKit, TODAY } from './testing/stock-kit';

describe('stock over HTTP', () => {
  let f: ApiFixture;
  let kit: StockKit;
  afterEach(async () => {
    await f.close();
    kit.close();
  });

  async function setup(stock: Parameters<typeof stockKit>[0] = BURGER_STOCK) {
    kit = stockKit(stock);
    const settings = () => kit.config.stock;
    f = await createApiFixture({ routes: stockRoutes({ stock: kit.stock, settings }) });
    return {
      staff: bearer(await f.tokenFor('staff')),
      tech: bearer(await f.tokenFor('technician')),
      manager: bearer(await f.tokenFor('manager')),
      admin: bearer(await f.tokenFor('admin')),
      display: bearer(await f.tokenFor('display')),
    };
  }
  const post = (url: string, headers: Record<string, string>, payload: object) =>
    f.server.inject({ method: 'POST', url, headers, payload });

  it('managers count and receive, staff log waste, people read', async () => {
    const { staff, tech, manager, display } = await setup();

    const delivery = { ref: 'DN-42', lines: [{ ingredient: 'bun', qty: 24 }] };
    expect((await post('/api/stock/deliveries', staff, delivery)).statusCode).toBe(403);
    expect((await post('/api/stock/deliveries', manager, delivery)).json()[0]).toMatchObject({ onHand: 124 });

    const waste = await post('/api/stock/waste', staff, { ingredient: 'beef', qty: 150.5, reason: 'burnt' });
    expect(waste.statusCode).toBe(201);
    expect(waste.json()).toMatchObject({ ingredient: 'beef', onHand: 10_000, projected: 9_849.5 });
    const count = { lines: [{ ingredient: 'beef', qty: 9_000 }] };
    expect((await post('/api/stock/counts', staff, count)).statusCode).toBe(403);
    expect((await post('/api/stock/counts', tech, count)).statusCode).toBe(403);
    const counted = await post('/api/stock/counts', manager, count);
    expect(counted.statusCode).toBe(201);
    expect(counted.json()).toEqual([
      expect.objectContaining({ ingredient: 'beef', onHand: 9_000, projected: 9_000 }),
    ]);
    expect((await post('/api/stock/reorder', staff, {})).statusCode).toBe(403);
    expect((await post('/api/stock/reorder', manager, {})).statusCode).toBe(201);

    for (const url of ['/api/stock', `/api/stock/variance?businessDate=${TODAY}`, '/api/stock/reorder']) {
      expect((await f.server.inject({ url, headers: staff })).statusCode).toBe(200);
      expect((await f.server.inject({ url, headers: display })).statusCode).toBe(403);
      expect((await f.server.inject({ url })).statusCode).toBe(401);
    }
    const overview = (await f.server.inject({ url: '/api/stock', headers: staff })).json();
    expect(overview.portions).toContainEqual({ item: 'burger', portions: 60, limitedBy: 'beef' });
    const variance = (
      await f.server.inject({ url: `/api/stock/variance?businessDate=${TODAY}`, headers: staff })
    ).json();
    expect(variance.lines.find((l: { ingredient: string }) => l.ingredient === 'beef')).toMatchObject({
      opening: 10_000,
      closing: 9_000,
      actualUsage: 1_000,
      theoreticalUsage: 0,
      variance: 1_000,
      waste: 150.5,
      netVariance: 849.5,
      cost: { waste: { currency: 'CNY', amount: 12.04 }, netVariance: { currency: 'CNY', amount: 67.96 } },
    });
    const movements = await f.server.inject({ url: '/api/stock/ingredients/beef/movements', headers: tech });
    expect(movements.json().map((m: { reason: string }) => m.reason)).toEqual(['count', 'waste', 'count']);
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const { staff, manager } = await setup();
    const issues = async (url: string, headers: Record<string, string>, payload: object) => {
      const response = await post(url, headers, payload);
      expect(response.statusCode).toBe(400);
      return (response.json() as { issues: string[] }).issues.join('\n');
    };
    expect(
      await issues('/api/stock/waste', staff, { ingredient: 'beef', qty: 0.0001, reason: 'x' }),
    ).toContain('body.qty: waste has at most 3 decimals');
    expect(await issues('/api/stock/waste', staff, { ingredient: 'beef', qty: -1, reason: 'x' })).toContain(
      'body.qty: waste must be more than 0',
    );
    expect(await issues('/api/stock/waste', staff, { ingredient: 'beef', qty: 1, reason: '' })).toContain(
      'body.reason',
    );
    expect(await issues('/api/stock/waste', staff, { ingredient: 'caviar', qty: 1, reason: 'x' })).toContain(
      'body.ingredient: unknown ingredient "caviar"; known: beef, bun, cheese',
    );
    expect(
      await issues('/api/stock/counts', manager, {
        lines: [
          { ingredient: 'bun', qty: 1 },
          { ingredient: 'bun', qty: 2 },
        ],
      }),
    ).toContain('body.lines.1.ingredient: "bun" is counted twice');
    expect(
      await issues('/api/stock/counts', manager, { full: true, lines: [{ ingredient: 'bun', qty: 1 }] }),
    ).toContain('body.lines: a full count lists every ingredient; missing: beef, cheese');
    expect(
      await issues('/api/stock/counts', manager, { lines: [{ ingredient: 'bun', qty: 'ten' }] }),
    ).toContain('body.lines.0.qty');
    expect(
      await issues('/api/stock/deliveries', manager, {
        ref: 'DN',
        lines: [{ ingredient: 'bun', qty: 1, packs: 1 }],
      }),
    ).toContain('body.lines.0.qty: give either qty (base units) or packs, not both');
    expect(
      await issues('/api/stock/deliveries', manager, { ref: 'DN', lines: [{ ingredient: 'bun', packs: 2 }] }),
    ).toContain('body.lines.0.packs: "bun" has no packs in the config');
    const badDate = await f.server.inject({
      url: '/api/stock/variance?businessDate=yesterday',
      headers: staff,
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().issues.join()).toContain('query.businessDate: a business date, YYYY-MM-DD');
    // Nothing refused moved any stock.
    expect(kit.level('bun')).toEqual({ onHand: 100, projected: 100, tracked: true });
  });

  it('lists purchase requests with their cost; managers approve, reject and receive, saying why they cannot', async () => {
    const { staff, manager, admin } = await setup(
      burgerStockWith('beef', {
        min: 4_000,
        max: 20_000,
        packs: [{ id: 'box-5kg', name: 'Box of 5 kg', size: 5_000 }],
      }),
    );
    const list = async (status = 'open') =>
      (
        await f.server.inject({ url: `/api/stock/purchase-requests?status=${status}`, headers: staff })
      ).json();
    const step = (id: number, headers: Record<string, string>, payload: object) =>
      post(`/api/stock/purchase-requests/${id}/transitions`, headers, payload);
    await post('/api/stock/counts', manager, { lines: [{ ingredient: 'beef', qty: 3_000 }] });
    const first = (await post('/api/stock/reorder', manager, {})).json().created[0].id as number;

    // Four 5 kg boxes back to par at 0.08 a gram.
    expect(await list()).toEqual([
      expect.objectContaining({
        id: first,
        ingredient: 'beef',
        status: 'requested',
        packs: 4,
        packId: 'box-5kg',
        qty: 20_000,
        requestedBy: 'manager-1',
        cost: { currency: 'CNY', amount: 1_600 },
      }),
    ]);
    expect((await step(first, staff, { to: 'approved' })).statusCode).toBe(403);
    expect((await step(first, manager, { to: 'rejected' })).statusCode).toBe(400);
    const rejected = await step(first, manager, { to: 'rejected', note: 'supplier closed' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', decidedBy: 'manager-1' });
    const late = await step(first, manager, { to: 'approved' });
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toBe(
      'a rejected purchase request cannot become approved; allowed: nothing (rejected is final)',
    );

    const second = (await post('/api/stock/reorder', manager, {})).json().created[0].id as number;
    // The manager pressed reorder, so someone else approves (segregation of duties).
    expect((await step(second, admin, { to: 'approved' })).json()).toMatchObject({ status: 'approved' });
    const delivery = await post('/api/stock/deliveries', manager, {
      ref: 'DN-7',
      lines: [{ ingredient: 'beef', packs: 3, pack: 'box-5kg', purchaseRequestId: second }],
    });
    expect(delivery.statusCode).toBe(201);
    expect(await list()).toEqual([]);
    // Priced by what arrived: three boxes, not the four asked for.
    expect(
      (await list('all')).map((p: { id: number; status: string; cost: unknown }) => [p.id, p.status, p.cost]),
    ).toEqual([
      [second, 'received', { currency: 'CNY', amount: 1_200 }],
      [first, 'rejected', { currency: 'CNY', amount: 1_600 }],
    ]);
  });

  it('declares its routes in the API description', async () => {
    await setup();
    const doc = (await f.server.inject({ url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/stock',
        '/api/stock/counts',
        '/api/stock/deliveries',
        '/api/stock/waste',
        '/api/stock/variance',
        '/api/stock/reorder',
        '/api/stock/purchase-requests/{requestId}/transitions',
      ]),
    );
  });
});
