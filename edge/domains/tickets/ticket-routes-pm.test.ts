import { afterEach, describe, expect, it } from 'vitest';
import { type ApiFixture, bearer, createApiFixture } from '../../api/testing/api-fixture';
import { maintenanceRoutes } from '../maintenance/maintenance-routes';
import { repairPmRig } from '../maintenance/repair-pm-rig';
import { HOUR, storeWithPlans } from '../maintenance/testing/pm-test-kit';
import { ticketsRoutes } from './ticket-routes';

const title = (en: string) => ({ en, 'zh-CN': en });
const localTime = (iso: string) => Date.parse(`${iso}+08:00`);
const METER = 'compressor_on_run_hours';

const config = storeWithPlans([
  {
    id: 'coil-clean',
    title: title('Clean the condenser coil'),
    equipment: ['wic-1'],
    startAt: '2026-01-05',
    trigger: { kind: 'calendar', every: { weeks: 4 }, at: '06:00' },
  },
  {
    id: 'compressor-service',
    title: title('Compressor service'),
    equipment: ['wic-1'],
    trigger: { kind: 'run_hours', metric: 'compressor_on', everyHours: 10 },
  },
]);

describe('repair tickets and preventive maintenance over HTTP', () => {
  let f: ApiFixture;
  let rig: ReturnType<typeof repairPmRig>;
  afterEach(async () => {
    await f.close();
    rig.stop();
  });

  async function setup() {
    rig = repairPmRig(config);
    f = await createApiFixture(
      ({ pinGate }) => ({
        routes: [
          ...ticketsRoutes({ tickets: rig.tickets, maintenance: rig.pm }),
          ...maintenanceRoutes({ maintenance: rig.pm, pinGate }),
        ],
      }),
      { extraUsers: config.users },
    );
  }

  async function report(token: string, equipmentId: string, fault: string) {
    const created = await f.server.inject({
      method: 'POST',
      url: '/api/tickets',
      headers: bearer(token),
      payload: { equipmentId, fault },
    });
    expect(created.statusCode).toBe(201);
    return created.json() as { id: number };
  }

  async function move(token: string, id: number, payload: Record<string, unknown>) {
    return f.server.inject({
      method: 'POST',
      url: `/api/tickets/${id}/transitions`,
      headers: bearer(token),
      payload,
    });
  }

  it('a repair ticket on equipment with overdue PM carries the flag, in the list and in the detail', async () => {
    await setup();
    rig.clock.advanceTo(localTime('2026-01-09T12:00:00'));
    const [order] = rig.pm.list({ kind: 'preventive', status: 'overdue', limit: 10 });
    expect(order).toMatchObject({
      planId: 'coil-clean',
      equipmentId: 'wic-1',
      dueAt: localTime('2026-01-05T06:00:00'),
    });
    const staff = await f.tokenFor('staff');
    const cooler = await report(staff, 'wic-1', 'Door seal torn');
    const fryer = await report(staff, 'fryer-1', 'Basket lift stuck');

    const display = bearer(await f.tokenFor('display'));
    const list = await f.server.inject({ url: '/api/tickets?status=open', headers: display });
    expect(list.statusCode).toBe(200);
    const byId = new Map(list.json().map((t: { id: number }) => [t.id, t]));
    const flag = {
      workOrderId: order?.id,
      planId: 'coil-clean',
      overdueDays: 4,
      label: { en: 'PM overdue 4 days', 'zh-CN': '维保逾期 4 天' },
    };
    expect(byId.get(cooler.id)).toMatchObject({ pmOverdue: [flag] });
    expect(byId.get(fryer.id)).toMatchObject({ pmOverdue: [] });

    const detail = await f.server.inject({ url: `/api/tickets/${cooler.id}`, headers: display });
    expect(detail.json()).toMatchObject({ id: cooler.id, pmOverdue: [flag], history: [{ to: 'open' }] });

    // Done PM is no longer overdue: the flag goes with it.
    const tech = bearer(await f.tokenFor('technician'));
    const signed = await f.server.inject({
      method: 'POST',
      url: `/api/work-orders/${order?.id}/steps/done/sign-off`,
      headers: tech,
      payload: {},
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const done = await f.server.inject({
      method: 'POST',
      url: `/api/work-orders/${order?.id}/transitions`,
      headers: tech,
      payload: { to: 'resolved' },
    });
    expect(done.statusCode, done.body).toBe(200);
    const after = await f.server.inject({ url: `/api/tickets/${cooler.id}`, headers: display });
    expect(after.json()).toMatchObject({ pmOverdue: [] });
  });

  it('a verified repair that replaced the compressor restarts its run-hours; the next PM counts from there', async () => {
    await setup();
    rig.feed('wic-1', 8 * HOUR, 60_000, () => ({ compressor_on: true }));
    expect(rig.meter('wic-1', METER)).toBeCloseTo(8 - 1 / 60, 6);
    const staff = await f.tokenFor('staff');
    const tech = await f.tokenFor('technician');
    const manager = await f.tokenFor('manager');
    const ticket = await report(staff, 'wic-1', 'Compressor failed');
    for (const to of ['acknowledged', 'in_progress'])
      expect((await move(tech, ticket.id, { to })).statusCode).toBe(200);

    const unknown = await move(tech, ticket.id, {
      to: 'resolved',
      resolutionCode: 'replaced_compressor',
      resetsMeter: 'heating_on_cycles',
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ error: 'unknown_meter' });
    expect(unknown.json().message).toContain(METER);
    expect(rig.tickets.get(ticket.id)).toMatchObject({ status: 'in_progress', resetsMeter: null });

    const resolved = await move(tech, ticket.id, {
      to: 'resolved',
      resolutionCode: 'replaced_compressor',
      resetsMeter: METER,
    });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ status: 'resolved', resetsMeter: METER });
    expect(rig.meter('wic-1', METER)).toBeCloseTo(8 - 1 / 60, 6);

    const verified = await move(manager, ticket.id, { to: 'verified' });
    expect(verified.statusCode).toBe(200);
    expect(rig.meter('wic-1', METER)).toBe(0);
    expect(rig.outbox('pm.meter_reset')).toMatchObject([
      {
        entityId: 'wic-1',
        priority: 0,
        payload: {
          meter: METER,
          ticketId: ticket.id,
          by: 'manager-1',
          previous: expect.closeTo(8 - 1 / 60, 6),
        },
      },
    ]);

    // Without the reset the old 8 h would make the service due 2 h from now.
    const orders = () =>
      rig.pm
        .list({ kind: 'preventive', status: 'all', limit: 10 })
        .filter((o) => o.planId === 'compressor-service');
    rig.feed('wic-1', 9 * HOUR, 60_000, () => ({ compressor_on: true }));
    expect(orders()).toHaveLength(0);
    rig.feed('wic-1', HOUR + 60_000, 60_000, () => ({ compressor_on: true }));
    expect(orders()).toMatchObject([{ dueReason: { trigger: 'run_hours', meter: METER } }]);
    expect(orders()[0]?.dueReason?.meterValue).toBeGreaterThanOrEqual(10);
    expect(orders()[0]?.dueReason?.meterValue).toBeLessThan(10.1);
  });
});
