import { afterEach, describe, expect, it } from 'vitest';
import type { RuleInput } from '../../../shared/config/rules';
import { type ApiFixture, bearer, createApiFixture } from '../../api/testing/api-fixture';
import { alarmsRoutes } from '../alarms/alarm-routes';
import { MINUTE, storeWithRules } from '../rules/testing/rule-test-kit';
import { faultChain } from './testing/ticket-test-kit';
import { ticketsRoutes } from './ticket-routes';

const tooWarm: RuleInput = {
  id: 'temp_high',
  kind: 'threshold',
  title: { en: 'Cooler too warm', 'zh-CN': '冷藏库温度过高' },
  severity: 'critical',
  metric: 'temp_c',
  raise: { op: '>', value: 5, forS: 900 },
  clear: { op: '<', value: 4, forS: 300 },
};

describe('alarm and ticket routes', () => {
  let f: ApiFixture;
  let chain: ReturnType<typeof faultChain>;
  afterEach(async () => {
    await f.close();
    chain.stop();
  });

  async function setup() {
    chain = faultChain(storeWithRules({ cooler: [tooWarm] }));
    f = await createApiFixture({
      routes: [...alarmsRoutes({ alarms: chain.alarms }), ...ticketsRoutes({ tickets: chain.tickets })],
    });
    chain.feed('wic-1', 16 * MINUTE, () => ({ temp_c: 8 }));
  }

  it('lists the active alarm and its ticket; staff acknowledge with one call', async () => {
    await setup();
    const display = bearer(await f.tokenFor('display'));
    const alarms = await f.server.inject({ url: '/api/alarms?state=active', headers: display });
    expect(alarms.statusCode).toBe(200);
    const [alarm] = alarms.json();
    expect(alarm).toMatchObject({
      equipmentId: 'wic-1',
      rule: 'temp_high',
      severity: 'critical',
      state: 'active_unacked',
    });
    const tickets = await f.server.inject({ url: '/api/tickets?status=open', headers: display });
    expect(tickets.json()).toMatchObject([
      { equipmentId: 'wic-1', source: 'auto', fault: 'temp_high', status: 'open' },
    ]);
    const byDisplay = await f.server.inject({
      method: 'POST',
      url: `/api/alarms/${alarm.id}/ack`,
      headers: display,
    });
    expect(byDisplay.statusCode).toBe(403);
    const staff = bearer(await f.tokenFor('staff'));
    const ack = await f.server.inject({ method: 'POST', url: `/api/alarms/${alarm.id}/ack`, headers: staff });
    expect(ack.json()).toMatchObject({ state: 'active_acked', ackedBy: 'staff-1' });
    const again = await f.server.inject({
      method: 'POST',
      url: `/api/alarms/${alarm.id}/ack`,
      headers: staff,
    });
    expect(again.statusCode).toBe(409);
  });

  it('takes a manual report, moves it along, and refuses an illegal step with 409', async () => {
    await setup();
    const staff = bearer(await f.tokenFor('staff'));
    const created = await f.server.inject({
      method: 'POST',
      url: '/api/tickets',
      headers: staff,
      payload: { equipmentId: 'wic-1', fault: 'Door hinge broken', note: 'door sags' },
    });
    expect(created.statusCode).toBe(201);
    const ticket = created.json();
    expect(ticket).toMatchObject({
      source: 'manual',
      fault: 'Door hinge broken',
      note: 'door sags',
      category: 'other',
    });
    const illegal = await f.server.inject({
      method: 'POST',
      url: `/api/tickets/${ticket.id}/transitions`,
      headers: staff,
      payload: { to: 'verified' },
    });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json().error).toBe('illegal_transition');
    const manager = bearer(await f.tokenFor('manager'));
    const assigned = await f.server.inject({
      method: 'POST',
      url: `/api/tickets/${ticket.id}/transitions`,
      headers: manager,
      payload: { to: 'assigned', assignee: 'technician-1' },
    });
    expect(assigned.json()).toMatchObject({
      status: 'assigned',
      assignedTo: 'technician-1',
      acknowledgedBy: 'manager-1',
    });
    const detail = await f.server.inject({ url: `/api/tickets/${ticket.id}`, headers: staff });
    expect(detail.json().history.map((h: { to: string }) => h.to)).toEqual(['open', 'assigned']);
    const bad = await f.server.inject({
      method: 'POST',
      url: '/api/tickets',
      headers: staff,
      payload: { fault: '' },
    });
    expect(bad.statusCode).toBe(400);
    const unknown = await f.server.inject({
      method: 'POST',
      url: '/api/tickets',
      headers: staff,
      payload: { equipmentId: 'nope', fault: 'x' },
    });
    expect(unknown.statusCode).toBe(404);
    const metrics = await f.server.inject({
      url: '/api/tickets/metrics?type=walk_in_cooler',
      headers: manager,
    });
    expect(metrics.json()).toMatchObject({ tickets: 2, open: { count: 2 } });
  });

  it('describes the routes in the OpenAPI document', async () => {
    await setup();
    const doc = (await f.server.inject({ url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/alarms',
        '/api/alarms/{alarmId}/ack',
        '/api/tickets',
        '/api/tickets/{ticketId}/transitions',
      ]),
    );
  });
});
