import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  BACKENDS,
  http,
  login,
  postBatch,
  releaseSharedPostgres,
  startTestCentral,
  type TestCentral,
} from '../cloud-sync/central/testing/central-test-kit';
import { approvalCommandApplier } from '../edge/domains/purchasing/approval-commands';
import {
  type ApprovalEdge as Edge,
  START,
  startApprovalEdge as startEdge,
} from '../edge/domains/purchasing/testing/approval-rig';
import { StoreCommandPoller } from '../edge/sync/store-command-applier';
import type { PurchaseRequestView } from '../shared/api/parts';
import type { PurchaseOrderView } from '../shared/api/purchasing';
import type { StockPurchaseView } from '../shared/api/stock';
import type { ApprovalStepEvent, CentralApprovalView } from '../shared/purchasing/approval-events';
import { silentLogger } from '../shared/server/runtime/logger';

afterAll(releaseSharedPostgres, 60_000);

const HOUR = 3_600_000;
const levels = (steps: readonly ApprovalStepEvent[]) => steps.map((s) => `${s.level}:${s.status}`);

describe('approval routing on the box (real API, SQLite file)', () => {
  let edge: Edge;
  beforeEach(async () => {
    edge = await startEdge();
  });
  afterEach(async () => {
    await edge.close();
  });

  it('routes by amount and novelty; the requester may not approve, refused with why and audited', async () => {
    // Nothing was ever ordered from the supplier: ¥1 800 needs the regional purchaser too.
    const first = await edge.request('FAN-EVAP-120', 'purchaser-1');
    const route = await edge.steps(first.id);
    expect(levels(route)).toEqual(['manager:pending', 'regional_purchaser:pending']);
    expect(route.map((s) => s.amount)).toEqual(['1800.00', '1800.00']);
    expect(route[0]?.current).toBe(true);
    expect(route[1]?.current).toBe(false);

    // The 店长 approves their step: the request waits for central.
    const mine = await edge.post(`/api/purchase-requests/${first.id}/transitions`, 'manager-1', {
      to: 'approved',
    });
    expect(mine.status).toBe(200);
    expect((mine.body as PurchaseRequestView).status).toBe('requested');
    expect(levels(await edge.steps(first.id))).toEqual(['manager:approved', 'regional_purchaser:pending']);
    const again = await edge.post(`/api/purchase-requests/${first.id}/transitions`, 'admin-1', {
      to: 'approved',
    });
    expect(again.status).toBe(409);
    expect((again.body as { message: string }).message).toContain('regional purchaser at central');

    // A 店长's own ¥12 600: regional manager and finance, never the manager; their approving is refused.
    const big = await edge.request('FRY-THERM-01', 'manager-1', 7);
    expect(levels(await edge.steps(big.id))).toEqual([
      'regional_purchaser:pending',
      'regional_manager:pending',
      'finance:pending',
    ]);
    expect((await edge.steps(big.id))[0]?.amount).toBe('12600.00');
    const own = await edge.post(`/api/purchase-requests/${big.id}/transitions`, 'manager-1', {
      to: 'approved',
    });
    expect(own.status).toBe(403);
    const refusal = own.body as { message: string; messages: { en: string; 'zh-CN': string }; rule: string };
    expect(refusal.rule).toBe('requester_approves');
    expect(refusal.messages['zh-CN']).toContain('不能审批自己的申请');
    const audited = edge.f.audit.list({ limit: 10 });
    expect(audited.map((a) => [a.userId, a.action, a.subject])).toContainEqual([
      'manager-1',
      'requester_approves',
      `part-purchase:${big.id}`,
    ]);
  });

  it('ingredients pass the same gate: ¥849.11 of beef from a new supplier, the store step then central’s', async () => {
    expect(
      (await edge.post('/api/stock/counts', 'manager-1', { lines: [{ ingredient: 'beef', qty: 3_000 }] }))
        .status,
    ).toBe(201);
    const reorder = await edge.post('/api/stock/reorder', 'purchaser-1');
    const request = (reorder.body as { created: StockPurchaseView[] }).created[0];
    if (!request) throw new Error(`no request: ${JSON.stringify(reorder.body)}`);
    const stepsOf = async () =>
      (
        await edge.f.server.inject({
          method: 'GET',
          url: `/api/purchase-approvals/ingredient/${request.id}`,
          headers: await edge.token('finance-1'),
        })
      ).json() as ApprovalStepEvent[];
    const route = await stepsOf();
    expect(levels(route)).toEqual(['manager:pending', 'regional_purchaser:pending']);
    expect(route[0]?.amount).toBe('849.11');

    const step = await edge.post(`/api/stock/purchase-requests/${request.id}/transitions`, 'manager-1', {
      to: 'approved',
    });
    expect((step.body as StockPurchaseView).status).toBe('requested');
    const decide = approvalCommandApplier({
      db: edge.db,
      gate: edge.gate,
      rooms: { stock: edge.stock, parts: edge.parts },
      clock: edge.f.clock,
    });
    const command = {
      kind: 'purchase.approval' as const,
      requestKind: 'ingredient' as const,
      requestId: request.id,
      step: 2,
      level: 'regional_purchaser' as const,
      outcome: 'rejected' as const,
      reason: 'buy from the contracted butcher',
    };
    decide(command, 41, 'li.cg');
    decide(command, 41, 'li.cg');
    const [rejected] = edge.stock.purchases({ status: 'all', limit: 50 }).filter((p) => p.id === request.id);
    expect([rejected?.status, rejected?.decidedBy]).toEqual(['rejected', 'central:li.cg']);
    expect(rejected?.history.filter((h) => h.to === 'rejected').map((h) => h.note)).toEqual([
      'buy from the contracted butcher',
    ]);
    expect(levels(await stepsOf())).toEqual(['manager:approved', 'regional_purchaser:rejected']);
  });

  it('a delegation keeps a 店长’s own request at the store for the deputy, until its end date', async () => {
    const until = START + 3 * 24 * HOUR;
    const refused = await edge.post('/api/approval-delegations', 'manager-1', {
      level: 'manager',
      to: 'purchaser-1',
      until,
    });
    expect(refused.status).toBe(400);
    expect((refused.body as { messages: { 'zh-CN': string } }).messages['zh-CN']).toContain(
      '没有审批采购申请的权限',
    );
    const above = await edge.post('/api/approval-delegations', 'manager-1', {
      level: 'finance',
      to: 'deputy-1',
      until,
    });
    expect(above.status).toBe(400);
    const given = await edge.post('/api/approval-delegations', 'manager-1', {
      level: 'manager',
      to: 'deputy-1',
      until,
    });
    expect(given.status).toBe(201);

    const request = await edge.request('ICE-WATER-FLT', 'manager-1');
    const route = await edge.steps(request.id);
    expect(levels(route)).toEqual(['manager:pending', 'regional_purchaser:pending']);
    expect(route[0]?.delegatedFrom).toBe('manager-1');
    const other = await edge.post(`/api/purchase-requests/${request.id}/transitions`, 'admin-1', {
      to: 'approved',
    });
    expect(other.status).toBe(409);
    expect((other.body as { message: string }).message).toContain('delegated to deputy-1');
    const deputy = await edge.post(`/api/purchase-requests/${request.id}/transitions`, 'deputy-1', {
      to: 'approved',
    });
    expect(deputy.status).toBe(200);
    const decided = (await edge.steps(request.id))[0];
    expect([decided?.status, decided?.decidedBy, decided?.delegatedFrom]).toEqual([
      'approved',
      'deputy-1',
      'manager-1',
    ]);

    // Past its end date the delegation is ignored: the 店长's request goes up to the regional manager.
    edge.f.clock.advanceTo(until + 1);
    edge.signOutAll();
    const later = await edge.request('HOOD-FILTER-500', 'manager-1');
    expect(levels(await edge.steps(later.id))).toEqual([
      'regional_purchaser:pending',
      'regional_manager:pending',
    ]);
  });
});

describe.each(BACKENDS)('approval levels above the store, decided at central on %s', (backend) => {
  let edge: Edge;
  let central: TestCentral;
  let storeToken: string;

  beforeEach(async () => {
    edge = await startEdge();
    central = await startTestCentral(backend);
    central.clock.advanceTo(START);
    const admin = await login(central.url, 'admin', ADMIN_PASSWORD);
    const storeId = 'demo-sh-001';
    await http(`${central.url}/api/admin/stores`, { token: admin, body: { id: storeId, regionId: 'east' } });
    storeToken = (
      await http<{ token: string }>(`${central.url}/api/admin/stores/${storeId}/tokens`, {
        token: admin,
        method: 'POST',
      })
    ).body.token;
    for (const body of [
      { username: 'li.cg', password: 'buyer-pw-123', role: 'regional_purchaser', regionId: 'east' },
      { username: 'wang', password: 'east-pw-1234', role: 'regional_manager', regionId: 'east' },
      { username: 'qian', password: 'money-pw-123', role: 'finance' },
    ]) {
      const made = await http(`${central.url}/api/admin/users`, { token: admin, body });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
    }
  });
  afterEach(async () => {
    await central.stop();
    await edge.close();
  });

  const upload = async () => {
    const events = edge.unsent();
    const answer = await postBatch(central.url, storeToken, {
      storeId: 'demo-sh-001',
      sentAt: edge.f.clock.now(),
      events,
    });
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
  };
  const pending = async (token: string) =>
    (await http<CentralApprovalView[]>(`${central.url}/api/purchasing/approvals?status=pending`, { token }))
      .body;

  it('pending at central → overdue after 48 h → decided by the right level → applied once at the store', async () => {
    const parts = ['FAN-EVAP-120', 'FRY-THERM-01', 'DW-HEATER-9KW'];
    const requests: PurchaseRequestView[] = [];
    for (const part of parts) requests.push(await edge.request(part, 'purchaser-1'));
    for (const r of requests) {
      const answer = await edge.post(`/api/purchase-requests/${r.id}/transitions`, 'manager-1', {
        to: 'approved',
      });
      expect(answer.status).toBe(200);
    }
    await upload();

    let buyer = await login(central.url, 'li.cg', 'buyer-pw-123');
    let manager = await login(central.url, 'wang', 'east-pw-1234');
    const waiting = await pending(buyer);
    expect(waiting.map((a) => [a.requestId, a.level, a.amount, a.overdue])).toEqual(
      requests.map((r) => [r.id, 'regional_purchaser', '1800.00', false]),
    );
    expect(await pending(manager)).toEqual([]);
    central.clock.advance(49 * HOUR);
    // Central sessions expire meanwhile: the same people sign in again.
    buyer = await login(central.url, 'li.cg', 'buyer-pw-123');
    manager = await login(central.url, 'wang', 'east-pw-1234');
    const late = await pending(buyer);
    expect(late.every((a) => a.overdue && a.ageHours >= 49)).toBe(true);

    // The regional manager may not decide the purchaser's level: 403 saying why in both languages.
    const target = late[0];
    if (!target) throw new Error('nothing pending');
    const wrong = await http<{ messages: { en: string; 'zh-CN': string } }>(
      `${central.url}/api/purchasing/approvals/${target.id}/decision`,
      { token: manager, body: { outcome: 'approved' } },
    );
    expect(wrong.status).toBe(403);
    expect(wrong.body.messages['zh-CN']).toContain('区域采购');

    for (const a of late) {
      const decided = await http<CentralApprovalView>(
        `${central.url}/api/purchasing/approvals/${a.id}/decision`,
        {
          token: buyer,
          body: { outcome: 'approved' },
        },
      );
      expect(decided.status, JSON.stringify(decided.body)).toBe(200);
      expect(decided.body.commandId).not.toBeNull();
    }
    const twice = await http(`${central.url}/api/purchasing/approvals/${target.id}/decision`, {
      token: buyer,
      body: { outcome: 'approved' },
    });
    expect(twice.status).toBe(409);
    expect(await pending(buyer)).toEqual([]);

    // Down to the store through the command channel, as the edge's poller fetches it.
    const decide = approvalCommandApplier({
      db: edge.db,
      gate: edge.gate,
      rooms: { stock: edge.stock, parts: edge.parts },
      clock: edge.f.clock,
    });
    const poller = new StoreCommandPoller({
      central: { url: central.url, token: storeToken },
      targets: {
        acknowledgeAlarm: () => undefined,
        transitionTicket: () => undefined,
        decideApproval: decide,
      },
      clock: edge.f.clock,
      logger: silentLogger(),
    });
    const reports = await poller.pollOnce();
    expect(reports.map((r) => r.outcome)).toEqual(['applied', 'applied', 'applied']);
    for (const r of requests) {
      expect(edge.parts.purchaseRequest(r.id).status).toBe('approved');
      const steps = await edge.steps(r.id);
      expect(levels(steps)).toEqual(['manager:approved', 'regional_purchaser:approved']);
      expect(steps[1]?.decidedBy).toBe('central:li.cg');
    }

    // The store's confirmation closes the steps at central too.
    await upload();
    const decided = (
      await http<CentralApprovalView[]>(`${central.url}/api/purchasing/approvals?status=decided`, {
        token: buyer,
      })
    ).body;
    expect(decided.map((a) => [a.status, a.decidedBy])).toEqual(
      parts.map(() => ['approved', 'central:li.cg']),
    );

    // Delivered again (a lost report): applied once, nothing changes, nothing more goes up.
    const again = decided.find((a) => a.requestId === requests[0]?.id);
    if (!again?.commandId) throw new Error('no command carried the decision');
    decide(
      {
        kind: 'purchase.approval',
        requestKind: 'part',
        requestId: again.requestId,
        step: again.step,
        level: again.level,
        outcome: 'approved',
        reason: null,
      },
      again.commandId,
      'li.cg',
    );
    expect(edge.unsent()).toEqual([]);
    expect(
      edge.parts.purchaseRequest(again.requestId).history.filter((h) => h.to === 'approved'),
    ).toHaveLength(1);

    // Once ordered from, the supplier and its items are known: ¥1 800 needs the 店长 alone, ¥12 600 three levels.
    const order = await edge.post('/api/purchase-orders', 'purchaser-1', {
      supplier: 'kitchen-parts',
      requests: requests.map((r) => ({ kind: 'part', id: r.id })),
    });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    const orderId = (order.body as PurchaseOrderView).id;
    expect(
      (await edge.post(`/api/purchase-orders/${orderId}/transitions`, 'purchaser-1', { to: 'placed' }))
        .status,
    ).toBe(200);
    const receipt = await edge.post(`/api/purchase-orders/${orderId}/receipts`, 'receiver-1', {
      ref: 'DN-1',
      lines: [1, 2, 3].map((line) => ({ line, qty: '1' })),
    });
    expect(receipt.status, JSON.stringify(receipt.body)).toBe(201);
    const small = await edge.request('FAN-EVAP-120', 'purchaser-1');
    expect(levels(await edge.steps(small.id))).toEqual(['manager:pending']);
    const approved = await edge.post(`/api/purchase-requests/${small.id}/transitions`, 'manager-1', {
      to: 'approved',
    });
    expect((approved.body as PurchaseRequestView).status).toBe('approved');
    const large = await edge.request('FRY-THERM-01', 'purchaser-1', 7);
    expect(levels(await edge.steps(large.id))).toEqual([
      'manager:pending',
      'regional_manager:pending',
      'finance:pending',
    ]);
  });
});
