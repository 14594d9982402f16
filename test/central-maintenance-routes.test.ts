import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  BACKENDS,
  batchOf,
  event,
  http,
  login,
  postBatch,
  releaseSharedPostgres,
  startTestCentral,
  type TestCentral,
} from '../cloud-sync/central/testing/central-test-kit';
import {
  dailyMetrics,
  metricsGroup,
  workOrderView,
} from '../cloud-sync/central/testing/maintenance-fixtures';
import { partsChain } from '../edge/domains/parts/testing/parts-test-kit';
import type {
  CentralPurchaseRequest,
  CentralWorkOrder,
  MaintenanceOverview,
} from '../shared/central/maintenance-api';
import type { SyncEvent } from '../shared/sync/sync-protocol';

afterAll(releaseSharedPostgres, 60_000);

const DAY = 86_400_000;

/** The `purchase.*` events a real edge parts service appends when a repair takes stock below its reorder point. */
function realPurchaseEvents(firstSeq: number): SyncEvent[] {
  const chain = partsChain();
  try {
    chain.repair('door seal torn', [{ name: 'Door gasket', partNumber: 'GSK-1', quantity: 3 }]);
    const rows = chain.db
      .prepare<[], { ts: number; type: string; entity_id: number; payload: string }>(
        "SELECT ts, type, entity_id, payload FROM outbox WHERE type LIKE 'purchase.%' ORDER BY seq",
      )
      .all();
    return rows.map((row, i) =>
      event(firstSeq + i, row.type, row.entity_id, JSON.parse(row.payload) as object, row.ts),
    );
  } finally {
    chain.stop();
  }
}

describe.each(BACKENDS)('central maintenance view on %s', (backend) => {
  let central: TestCentral;
  let admin: string;
  const storeTokens: Record<string, string> = {};

  async function addStore(id: string, regionId: string) {
    const store = await http(`${central.url}/api/admin/stores`, {
      token: admin,
      body: { id, name: `Store ${id}`, regionId },
    });
    expect(store.status).toBe(201);
    const issued = await http<{ token: string }>(`${central.url}/api/admin/stores/${id}/tokens`, {
      token: admin,
      method: 'POST',
    });
    storeTokens[id] = issued.body.token;
  }

  async function sync(storeId: string, events: SyncEvent[]) {
    const answer = await postBatch(central.url, storeTokens[storeId] ?? '', batchOf(storeId, events));
    expect(answer.status).toBe(200);
  }

  beforeEach(async () => {
    central = await startTestCentral(backend);
    central.clock.advanceTo(Date.UTC(2026, 0, 10, 4));
    admin = await login(central.url, 'admin', ADMIN_PASSWORD);
    await addStore('sh-001', 'east');
    await addStore('sh-002', 'east');
    await addStore('bj-001', 'north');
    const user = await http(`${central.url}/api/admin/users`, {
      token: admin,
      body: { username: 'east-mgr', password: 'manager-pass-1', role: 'regional_manager', regionId: 'east' },
    });
    expect(user.status).toBe(201);
  });
  afterEach(async () => {
    await central.stop();
  });

  it('shows each store its newest synced day and rolls the range up per region, inside the caller scope', async () => {
    await sync('sh-001', [
      event(
        1,
        'metrics.daily',
        '2026-01-07',
        dailyMetrics('2026-01-07', metricsGroup()),
        Date.parse('2026-01-07T16:00:00Z'),
      ),
      event(
        2,
        'metrics.daily',
        '2026-01-08',
        dailyMetrics(
          '2026-01-08',
          metricsGroup({
            repairs: 1,
            mttrAvgS: 3600,
            pm: { due: 1, onTime: 1, onTimeRate: 1, backlog: 1, overdue: 0 },
            sla: { tracked: 1, met: 1, breached: 0, pending: 1, compliance: 1 },
          }),
        ),
        Date.parse('2026-01-08T16:00:00Z'),
      ),
    ]);
    await sync('sh-002', [
      event(
        1,
        'metrics.daily',
        '2026-01-08',
        dailyMetrics('2026-01-08', metricsGroup({ key: 'sh-002', repairs: 0, mttrAvgS: null })),
        Date.parse('2026-01-08T16:00:00Z'),
      ),
    ]);
    await sync('bj-001', [
      event(
        1,
        'metrics.daily',
        '2026-01-08',
        dailyMetrics('2026-01-08', metricsGroup({ key: 'bj-001' })),
        Date.parse('2026-01-08T16:00:00Z'),
      ),
    ]);

    const all = await http<MaintenanceOverview>(`${central.url}/api/maintenance/metrics`, { token: admin });
    expect(all.status).toBe(200);
    const sh1 = all.body.stores.find((s) => s.storeId === 'sh-001');
    expect(sh1?.latestDay).toBe('2026-01-08');
    expect(sh1?.latest?.mttrAvgS).toBe(3600);
    expect(sh1?.latestByTechnician[0]?.technicianId).toBe('tech-wang');
    expect(sh1?.range.days).toBe(2);
    expect(sh1?.range.repairs).toBe(3);
    // MTTR weighted by repairs: (7200·2 + 3600·1) / 3
    expect(sh1?.range.mttrAvgS).toBe(6000);
    expect(sh1?.range.pm).toEqual({ due: 5, onTime: 4, onTimeRate: 0.8, backlog: 1, overdue: 0 });
    expect(sh1?.range.sla.compliance).toBeCloseTo(2 / 3);
    expect(sh1?.range.partsConsumed).toEqual([{ partNumber: 'GSK-1', quantity: 4, uses: 2 }]);
    const east = all.body.regions.find((r) => r.regionId === 'east');
    expect(east?.stores).toBe(2);
    expect(east?.range.days).toBe(3);
    // backlog: newest day of each store, summed (sh-001 1, sh-002 2)
    expect(east?.range.pm.backlog).toBe(3);
    expect(all.body.regions.map((r) => r.regionId).sort()).toEqual(['east', 'north']);

    // A range that holds only the 7th shows that day as the newest.
    const seventh = await http<MaintenanceOverview>(
      `${central.url}/api/maintenance/metrics?storeId=sh-001&from=${Date.parse('2026-01-07T00:00:00Z')}&to=${Date.parse('2026-01-08T00:00:00Z')}`,
      { token: admin },
    );
    expect(seventh.body.stores.map((s) => [s.storeId, s.latestDay, s.range.days])).toEqual([
      ['sh-001', '2026-01-07', 1],
    ]);

    const manager = await login(central.url, 'east-mgr', 'manager-pass-1');
    const mine = await http<MaintenanceOverview>(`${central.url}/api/maintenance/metrics`, {
      token: manager,
    });
    expect(mine.body.stores.map((s) => s.storeId)).toEqual(['sh-001', 'sh-002']);
    expect(mine.body.regions.map((r) => r.regionId)).toEqual(['east']);
    const foreign = await http(`${central.url}/api/maintenance/metrics?storeId=bj-001`, { token: manager });
    expect(foreign.status).toBe(404);
    const anonymous = await http(`${central.url}/api/maintenance/metrics`);
    expect(anonymous.status).toBe(401);
  });

  it('lists PM work orders not yet done, overdue first, judged by central clock', async () => {
    const now = central.clock.now();
    const late = workOrderView({ id: 1, dueAt: now - 3 * DAY, graceUntil: now - 2 * DAY });
    const later = workOrderView({
      id: 2,
      planId: 'coil-clean',
      dueAt: now - 5 * DAY,
      graceUntil: now - 4 * DAY,
    });
    const upcoming = workOrderView({ id: 3, dueAt: now + DAY, graceUntil: now + 2 * DAY });
    const done = workOrderView({ id: 4, dueAt: now - 3 * DAY, graceUntil: now - 2 * DAY });
    await sync('sh-001', [
      event(1, 'pm.opened', 1, late),
      event(2, 'pm.opened', 2, later),
      event(3, 'pm.opened', 3, upcoming),
      event(4, 'pm.opened', 4, done),
      event(5, 'pm.step_signed', 4, { workOrderId: 4, step: {} }),
      event(6, 'pm.transition', 4, {
        workOrder: { ...done, status: 'resolved', resolvedAt: now - DAY },
        transition: { from: 'in_progress', to: 'resolved' },
      }),
      event(7, 'pm.escalated', 1, {
        workOrder: { ...late, escalation: 'central', overdue: true },
        level: 'central',
      }),
    ]);
    await sync('bj-001', [
      event(1, 'pm.opened', 9, workOrderView({ id: 9, dueAt: now - 10 * DAY, graceUntil: now - 9 * DAY })),
    ]);

    const manager = await login(central.url, 'east-mgr', 'manager-pass-1');
    const orders = await http<CentralWorkOrder[]>(`${central.url}/api/maintenance/work-orders`, {
      token: manager,
    });
    expect(orders.status).toBe(200);
    expect(orders.body.map((o) => [o.storeId, o.workOrder.id, o.overdue])).toEqual([
      ['sh-001', 2, true],
      ['sh-001', 1, true],
      ['sh-001', 3, false],
    ]);
    expect(orders.body[1]?.workOrder.escalation).toBe('central');
    expect(orders.body[0]?.overdueS).toBe((4 * DAY) / 1000);

    // The admin also sees the north store's order, the most overdue of all.
    const all = await http<CentralWorkOrder[]>(`${central.url}/api/maintenance/work-orders`, {
      token: admin,
    });
    expect(all.body.map((o) => o.workOrder.id)).toEqual([9, 2, 1, 3]);
  });

  it('lists purchase requests a real edge raised, waiting for approval, until the edge syncs the decision', async () => {
    const events = realPurchaseEvents(1);
    expect(events.map((e) => e.type)).toEqual(['purchase.requested']);
    await sync('sh-001', events);
    const manager = await login(central.url, 'east-mgr', 'manager-pass-1');
    const pending = await http<CentralPurchaseRequest[]>(`${central.url}/api/maintenance/purchases`, {
      token: manager,
    });
    expect(pending.status).toBe(200);
    expect(pending.body.map((p) => [p.storeId, p.request.partNumber, p.request.status])).toEqual([
      ['sh-001', 'GSK-1', 'requested'],
    ]);
    const requested = events[0]?.payload as CentralPurchaseRequest['request'];
    await sync('sh-001', [
      event(2, 'purchase.approved', requested.id, {
        ...requested,
        status: 'approved',
        decidedAt: 1,
        decidedBy: 'mgr-li',
      }),
    ]);
    const after = await http<CentralPurchaseRequest[]>(`${central.url}/api/maintenance/purchases`, {
      token: manager,
    });
    expect(after.body).toEqual([]);
    const open = await http<CentralPurchaseRequest[]>(
      `${central.url}/api/maintenance/purchases?status=open`,
      {
        token: manager,
      },
    );
    expect(open.body.map((p) => p.request.status)).toEqual(['approved']);
  });
});
