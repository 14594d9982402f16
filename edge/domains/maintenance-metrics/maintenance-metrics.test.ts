import { afterEach, describe, expect, it } from 'vitest';
import { DailyMaintenanceMetrics } from '../../../shared/api/maintenance-metrics';
import { SpareParts } from '../../../shared/config/parts';
import { Rule, type RuleInput } from '../../../shared/config/rules';
import type { StoreConfig } from '../../../shared/config/store-config';
import { Technicians } from '../../../shared/config/technicians';
import { silentLogger } from '../../../shared/server/runtime/logger';
import { PmOutbox } from '../maintenance/pm-outbox';
import { WorkOrderService } from '../maintenance/work-order-service';
import { WorkOrderStore } from '../maintenance/work-order-store';
import { PartsService } from '../parts/parts-service';
import { GASKET } from '../parts/testing/parts-test-kit';
import { HOUR, MINUTE, storeWithRules } from '../rules/testing/rule-test-kit';
import { faultChain } from '../tickets/testing/ticket-test-kit';
import type { TicketActor } from '../tickets/ticket-lifecycle';
import { MaintenanceMetricsService } from './maintenance-metrics-service';

const DAY = 24 * HOUR;
const STAFF: TicketActor = { id: 'staff-chen', role: 'staff' };
const MANAGER: TicketActor = { id: 'mgr-li', role: 'manager' };
const CONTRACTOR: TicketActor = { id: 'cold-user', role: 'technician' };

const tooWarm: RuleInput = {
  id: 'temp_high',
  kind: 'threshold',
  title: { en: 'Cooler too warm', 'zh-CN': '冷藏库温度过高' },
  severity: 'critical',
  metric: 'temp_c',
  raise: { op: '>', value: 5, forS: 900 },
  clear: { op: '<', value: 4, forS: 300 },
};

describe('maintenance metrics from a known history', () => {
  let chain: ReturnType<typeof faultChain>;
  afterEach(() => chain.stop());

  function setup() {
    const config: StoreConfig = {
      ...storeWithRules({ cooler: [tooWarm] }),
      technicians: Technicians.parse([
        {
          id: 'coldchain',
          name: 'ColdChain',
          kind: 'contractor',
          userId: 'cold-user',
          skills: { walk_in_cooler: 3 },
          sla: { critical: { respondWithinH: 2, repairWithinH: 8 } },
        },
      ]),
      parts: SpareParts.parse([{ ...GASKET, initialStock: 10 }]),
    };
    chain = faultChain(config);
    const { db, clock, tickets, alarms } = chain;
    const logger = silentLogger();
    const parts = new PartsService({ db, clock, logger, storeId: config.store.id, config, tickets });
    parts.start();
    const workOrders = new WorkOrderService(
      db,
      new WorkOrderStore(db),
      new PmOutbox(db, config.store.id),
      clock,
    );
    const metrics = new MaintenanceMetricsService({ db, clock, logger, storeId: config.store.id, config });
    const rule = Rule.parse(tooWarm);
    const fault = (type: 'raise' | 'clear') =>
      alarms.handleTransition({
        type,
        equipmentId: 'wic-1',
        ruleKey: 'temp_high',
        rule,
        at: clock.now(),
        severity: 'critical',
        title: rule.title,
        value: 8,
      });
    const at = (ms: number) => clock.advanceTo(t0 + ms);
    const t0 = clock.now();
    return { config, metrics, workOrders, fault, at, t0, parts };
  }

  /**
   * Repairs: A (auto, wic-1) at t0, B (auto, wic-1, same fault, a repeat) at t0 + 2 d,
   * C (manual, wif-1) at t0 + 3 d. Work orders: on time, late, never done, not yet due.
   */
  function buildHistory(s: ReturnType<typeof setup>) {
    const { tickets } = chain;
    const { fault, at, workOrders, t0 } = s;
    fault('raise');
    const a = tickets.list({ status: 'open', limit: 10 })[0]!;
    at(10 * MINUTE);
    tickets.transition(a.id, { to: 'acknowledged' }, STAFF);
    at(20 * MINUTE);
    tickets.transition(a.id, { to: 'assigned', assignee: 'cold-user' }, MANAGER);
    at(HOUR);
    tickets.transition(a.id, { to: 'in_progress' }, CONTRACTOR);
    at(3 * HOUR);
    tickets.transition(
      a.id,
      {
        to: 'resolved',
        resolutionCode: 'gasket',
        parts: [{ name: 'Door gasket', partNumber: 'GSK-1', quantity: 1 }],
      },
      CONTRACTOR,
    );
    fault('clear');

    at(2 * DAY);
    fault('raise');
    const b = tickets.list({ status: 'open', limit: 10 })[0]!;
    at(2 * DAY + 30 * MINUTE);
    tickets.transition(b.id, { to: 'acknowledged' }, STAFF);
    at(2 * DAY + 40 * MINUTE);
    tickets.transition(b.id, { to: 'assigned', assignee: 'coldchain' }, MANAGER);
    at(2 * DAY + 4 * HOUR); // respond was due 2 h after assignment: breached
    tickets.transition(b.id, { to: 'in_progress' }, CONTRACTOR);
    at(2 * DAY + 6 * HOUR);
    tickets.transition(
      b.id,
      { to: 'resolved', resolutionCode: 'gasket', parts: [{ name: 'Door gasket', quantity: 2 }] },
      CONTRACTOR,
    );
    fault('clear');

    at(3 * DAY);
    const c = tickets.report(
      { equipmentId: 'wif-1', fault: 'door ices up', category: 'other' },
      STAFF,
    ).ticket;
    at(3 * DAY + HOUR);
    tickets.transition(c.id, { to: 'acknowledged' }, MANAGER);

    const order = (equipmentId: string, planId: string, dueAt: number, graceMs: number) =>
      chain.db.transaction(() =>
        workOrders.open({
          planId,
          equipmentId,
          title: { en: planId, 'zh-CN': planId },
          assignee: 'technician',
          dueAt,
          graceUntil: dueAt + graceMs,
          reason: { trigger: 'calendar' },
          checklist: [],
          at: chain.clock.now(),
        }),
      )();
    const finish = (id: number) => {
      // Signing the (default) step starts the work; the order is done once it is signed.
      workOrders.signStep(id, 'done', {}, CONTRACTOR);
      workOrders.transition(id, { to: 'resolved', parts: [] }, CONTRACTOR);
    };
    at(3 * DAY + 2 * HOUR);
    const onTime = order('wic-1', 'coil-clean', t0 + 4 * DAY, DAY);
    const late = order('wif-1', 'seal-check', t0 + 4 * DAY, 12 * HOUR);
    order('oven-1', 'descale', t0 + 5 * DAY, 12 * HOUR); // never done
    at(4 * DAY + 20 * HOUR);
    finish(onTime.id);
    at(5 * DAY);
    finish(late.id);
    at(9 * DAY);
    order('oven-1', 'gasket-check', t0 + 20 * DAY, DAY); // in the backlog, not due yet
    at(10 * DAY);
    return { a, b: tickets.get(b.id)!, c };
  }

  it('equal the hand-computed values per store, type and equipment', () => {
    const s = setup();
    const { b } = buildHistory(s);
    expect(b.repeat).toBe(true);
    const window = { from: s.t0 - DAY, to: s.t0 + 10 * DAY };

    const store = s.metrics.compute({ ...window, groupBy: 'store' });
    expect(store.groups).toEqual([
      {
        scope: 'store',
        key: 'test-store',
        repairs: 3,
        firstResponseAvgS: (600 + 1800 + 3600) / 3,
        mttrAvgS: (3 * 3600 + 6 * 3600) / 2,
        mtbfAvgS: 2 * 86_400,
        repeatRepairRate: 1 / 3,
        pm: { due: 3, onTime: 1, onTimeRate: 1 / 3, backlog: 2, overdue: 1 },
        sla: { tracked: 2, met: 1, breached: 1, pending: 0, compliance: 0.5 },
        partsConsumed: [{ partNumber: 'GSK-1', quantity: 3, uses: 2 }],
      },
    ]);
    expect(store.byTechnician).toEqual([
      { technicianId: 'coldchain', tracked: 2, met: 1, breached: 1, pending: 0, compliance: 0.5 },
    ]);

    const byEquipment = s.metrics.compute({ ...window, groupBy: 'equipment' });
    const group = (key: string) => byEquipment.groups.find((g) => g.key === key);
    expect(group('wic-1')).toMatchObject({
      repairs: 2,
      firstResponseAvgS: 1200,
      mttrAvgS: 16_200,
      mtbfAvgS: 172_800,
      repeatRepairRate: 0.5,
      pm: { due: 1, onTime: 1, onTimeRate: 1, backlog: 0, overdue: 0 },
    });
    expect(group('wif-1')).toMatchObject({
      repairs: 1,
      firstResponseAvgS: 3600,
      mttrAvgS: null,
      mtbfAvgS: null,
      pm: { due: 1, onTime: 0, onTimeRate: 0 },
      sla: { tracked: 0, compliance: null },
      partsConsumed: [],
    });
    expect(group('oven-1')).toMatchObject({ repairs: 0, pm: { due: 1, onTime: 0, backlog: 2, overdue: 1 } });

    const cooler = s.metrics.compute({ ...window, groupBy: 'type', type: 'walk_in_cooler' });
    expect(cooler.groups.map((g) => [g.key, g.repairs, g.firstResponseAvgS])).toEqual([
      ['walk_in_cooler', 2, 1200],
    ]);

    // The window counts what was opened in it: from B on, only B and C.
    const later = s.metrics.compute({ from: s.t0 + DAY, to: s.t0 + 10 * DAY, groupBy: 'store' });
    expect(later.groups[0]).toMatchObject({
      repairs: 2,
      firstResponseAvgS: (1800 + 3600) / 2,
      mttrAvgS: 21_600,
    });
  });

  it('sends each finished store day once as metrics.daily on the low lane', () => {
    const s = setup();
    // 2026-01-05 08:00 UTC is 16:00 in Shanghai: the first run sends yesterday only.
    expect(s.metrics.sendFinishedDays(chain.clock.now())).toBe(1);
    buildHistory(s);
    expect(s.metrics.sendFinishedDays(chain.clock.now())).toBe(7); // capped catch-up
    expect(s.metrics.sendFinishedDays(chain.clock.now())).toBe(0);
    const rows = chain.db
      .prepare<[], { entity_id: string; payload: string; priority: number }>(
        `SELECT entity_id, payload, priority FROM outbox WHERE type = 'metrics.daily' ORDER BY seq`,
      )
      .all();
    expect(rows.map((r) => r.entity_id)).toEqual([
      '2026-01-04',
      '2026-01-08',
      '2026-01-09',
      '2026-01-10',
      '2026-01-11',
      '2026-01-12',
      '2026-01-13',
      '2026-01-14',
    ]);
    expect(new Set(rows.map((r) => r.priority))).toEqual(new Set([1]));
    const jan8 = DailyMaintenanceMetrics.parse(JSON.parse(rows[1]!.payload));
    expect(jan8).toMatchObject({ from: Date.UTC(2026, 0, 7, 16), to: Date.UTC(2026, 0, 8, 16) });
    // C was opened on t0 + 3 d = 2026-01-08 16:00 Shanghai.
    expect(jan8.store.repairs).toBe(1);
    expect(jan8.byEquipment.find((g) => g.key === 'wif-1')?.repairs).toBe(1);
  });
});
