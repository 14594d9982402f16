import { afterEach, describe, expect, it } from 'vitest';
import { type ApiFixture, bearer, createApiFixture } from '../../api/testing/api-fixture';
import { stockRoutes } from './stock-routes';
import { burgerStockWith, type StockKit, stockKit } from './testing/stock-kit';

/**
 * Ingredient purchase requests with the store roles that run them: the purchaser asks,
 * the manager (店长) decides but never on a request of their own, the receiver takes the
 * goods in, finance reads what it costs. Every refusal says why and is in the audit.
 */
describe('purchase requests: permissions and segregation of duties', () => {
  let f: ApiFixture;
  let kit: StockKit;
  afterEach(async () => {
    await f.close();
    kit.close();
  });

  async function setup() {
    kit = stockKit(burgerStockWith('beef', { min: 4_000, max: 20_000 }));
    f = await createApiFixture({
      routes: stockRoutes({ stock: kit.stock, settings: () => kit.config.stock }),
    });
    const as = async (role: Parameters<ApiFixture['tokenFor']>[0]) => bearer(await f.tokenFor(role));
    const who = {
      manager: await as('manager'),
      admin: await as('admin'),
      purchaser: await as('purchaser'),
      receiver: await as('receiver'),
      finance: await as('finance'),
      staff: await as('staff'),
    };
    // The walk-in is down to 3 kg of beef: below its minimum, so the reorder suggests some.
    await f.server.inject({
      method: 'POST',
      url: '/api/stock/counts',
      headers: who.manager,
      payload: { lines: [{ ingredient: 'beef', qty: 3_000 }] },
    });
    return who;
  }
  const post = (url: string, headers: Record<string, string>, payload: object = {}) =>
    f.server.inject({ method: 'POST', url, headers, payload });
  const step = (id: number, headers: Record<string, string>, payload: object) =>
    post(`/api/stock/purchase-requests/${id}/transitions`, headers, payload);

  it('the requester may not approve their own request: refused with why, in both languages, and audited', async () => {
    const { manager, admin } = await setup();
    const id = (await post('/api/stock/reorder', manager)).json().created[0].id as number;

    const own = await step(id, manager, { to: 'approved' });
    expect(own.statusCode).toBe(403);
    expect(own.json()).toMatchObject({
      error: 'forbidden',
      rule: 'requester_approves',
      message: `purchase request #${id}: manager-1 may not do this: whoever requested a purchase may not approve it: someone else must`,
      messages: {
        'zh-CN': `采购申请 #${id}：manager-1 不能执行此操作：采购申请人不能审批自己的申请，须由他人审批`,
      },
    });
    // Nothing moved: still waiting for someone else's decision.
    expect(kit.stock.purchases({ status: 'open', limit: 10 })).toEqual([
      expect.objectContaining({ id, status: 'requested', decidedBy: null }),
    ]);
    expect(f.audit.list({ limit: 10 })).toEqual([
      expect.objectContaining({
        userId: 'manager-1',
        roles: ['manager'],
        action: 'requester_approves',
        subject: `stock-purchase:${id}`,
        reason: own.json().message,
      }),
    ]);

    // Rejecting one's own request (withdrawing it) is not approving it; another manager may approve.
    const approved = await step(id, admin, { to: 'approved', note: 'ok' });
    expect(approved.json()).toMatchObject({
      status: 'approved',
      requestedBy: 'manager-1',
      decidedBy: 'admin-1',
    });
  });

  it('each role takes only its own step, and every refusal names the permission', async () => {
    const { manager, purchaser, receiver, finance, staff } = await setup();

    // Finance and the receiver may not raise requests; the purchaser does.
    for (const headers of [finance, receiver, staff]) {
      const refused = await post('/api/stock/reorder', headers);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({
        permission: 'purchase_requests.create',
        allowedRoles: ['purchaser', 'manager', 'admin'],
      });
    }
    const created = await post('/api/stock/reorder', purchaser);
    expect(created.statusCode).toBe(201);
    const id = created.json().created[0].id as number;

    // Approving needs purchase_requests.approve: the receiver reaches the step (to receive) but lacks it.
    const byReceiver = await step(id, receiver, { to: 'approved' });
    expect(byReceiver.statusCode).toBe(403);
    expect(byReceiver.json()).toMatchObject({ permission: 'purchase_requests.approve' });
    expect(byReceiver.json().messages['zh-CN']).toContain('拥有该权限的角色：店长、管理员');
    // The purchaser takes no step on a request once raised (no purchase_requests.act).
    expect((await step(id, purchaser, { to: 'approved' })).json()).toMatchObject({
      permission: 'purchase_requests.act',
    });
    // Finance may not even reach the step (no purchase_requests.act).
    expect((await step(id, finance, { to: 'approved' })).json()).toMatchObject({
      permission: 'purchase_requests.act',
    });
    // The manager did not request it, so the manager approves.
    expect((await step(id, manager, { to: 'approved' })).json()).toMatchObject({
      status: 'approved',
      requestedBy: 'purchaser-1',
      decidedBy: 'manager-1',
    });
    // The receiver takes the goods in; the purchaser may not.
    expect((await step(id, purchaser, { to: 'received' })).json()).toMatchObject({
      permission: 'purchase_requests.act',
    });
    const received = await step(id, receiver, { to: 'received', qty: 15_000 });
    expect(received.json()).toMatchObject({
      status: 'received',
      receivedBy: 'receiver-1',
      receivedQty: 15_000,
    });

    // Finance reads the requests with their cost; the receiver reads stock.
    const priced = await f.server.inject({
      url: '/api/stock/purchase-requests?status=all',
      headers: finance,
    });
    expect(priced.json()).toEqual([
      expect.objectContaining({ id, cost: { currency: 'CNY', amount: 1_200 } }),
    ]);
    expect((await f.server.inject({ url: '/api/stock', headers: receiver })).statusCode).toBe(200);
    expect((await f.server.inject({ url: '/api/stock', headers: finance })).statusCode).toBe(403);

    // Every refusal above is in the audit, with the permission missing and the route.
    const audit = f.audit.list({ limit: 100 });
    expect(audit.map((a) => `${a.userId} ${a.action}`).sort()).toEqual(
      [
        'finance-1 purchase_requests.create',
        'receiver-1 purchase_requests.create',
        'staff-1 purchase_requests.create',
        'purchaser-1 purchase_requests.act',
        'receiver-1 purchase_requests.approve',
        'finance-1 purchase_requests.act',
        'purchaser-1 purchase_requests.act',
        'finance-1 stock.read',
      ].sort(),
    );
    expect(audit.find((a) => a.action === 'stock.read')).toMatchObject({
      subject: 'GET /api/stock',
      roles: ['finance'],
    });
  });
});
