import { afterEach, describe, expect, it } from 'vitest';
import { pmRig, STAFF_PIN, storeWithPlans } from '../../maintenance/pm-test-kit';
import { type ApiFixture, bearer, createApiFixture } from '../test-support/api-fixture';
import { maintenanceRoutes } from './maintenance';

const title = (en: string) => ({ en, 'zh-CN': en });
const localTime = (iso: string) => Date.parse(`${iso}+08:00`);

describe('maintenance routes', () => {
  let f: ApiFixture;
  let rig: ReturnType<typeof pmRig>;
  afterEach(async () => {
    await f.close();
    rig.stop();
  });

  async function setup() {
    rig = pmRig(
      storeWithPlans([
        {
          id: 'fryer-filter',
          title: title('Clean the fryer filter'),
          equipment: ['fryer-1'],
          assignee: 'store',
          trigger: { kind: 'weekly', rule: 'daily 09:00' },
        },
        {
          id: 'cooler-pm',
          title: title('Cooler PM'),
          equipment: ['wic-1'],
          trigger: { kind: 'calendar', every: { weeks: 12 }, at: '06:00' },
          checklist: [{ id: 'probe', title: title('Check probe'), measure: { unit: '°C', min: 0, max: 4 } }],
        },
      ]),
    );
    f = await createApiFixture({ routes: maintenanceRoutes({ maintenance: rig.pm }) });
    rig.clock.advanceTo(localTime('2026-01-06T09:30:00'));
  }

  it("today's tasks for the display; sign-off by PIN; work orders with checklist; checklist errors answer 422", async () => {
    await setup();
    const display = bearer(await f.tokenFor('display'));
    const staff = bearer(await f.tokenFor('staff'));
    const tech = bearer(await f.tokenFor('technician'));

    const today = await f.server.inject({ url: '/api/tasks/today', headers: display });
    expect(today.statusCode).toBe(200);
    const [task] = today.json();
    expect(task).toMatchObject({ planId: 'fryer-filter', status: 'open', assignee: 'store' });

    const byDisplay = await f.server.inject({
      method: 'POST',
      url: `/api/tasks/${task.id}/sign-off`,
      headers: display,
      payload: {},
    });
    expect(byDisplay.statusCode).toBe(403);
    const wrongPin = await f.server.inject({
      method: 'POST',
      url: `/api/tasks/${task.id}/sign-off`,
      headers: staff,
      payload: { user: 'sam', pin: '0000' },
    });
    expect(wrongPin.statusCode).toBe(403);
    const signed = await f.server.inject({
      method: 'POST',
      url: `/api/tasks/${task.id}/sign-off`,
      headers: staff,
      payload: { user: 'sam', pin: STAFF_PIN },
    });
    expect(signed.statusCode).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'verified', resolvedBy: 'sam' });

    const open = await f.server.inject({
      url: '/api/work-orders?kind=preventive&status=open',
      headers: tech,
    });
    const [order] = open.json();
    expect(order).toMatchObject({ planId: 'cooler-pm', equipmentId: 'wic-1', assignee: 'technician' });
    const detail = await f.server.inject({ url: `/api/work-orders/${order.id}`, headers: tech });
    expect(detail.json().checklist).toMatchObject([
      { stepId: 'probe', measure: { unit: '°C', min: 0, max: 4 } },
    ]);
    expect(detail.json().history).toMatchObject([{ to: 'open', by: 'system' }]);

    const sign = (payload: object, headers = tech) =>
      f.server.inject({
        method: 'POST',
        url: `/api/work-orders/${order.id}/steps/probe/sign-off`,
        headers,
        payload,
      });
    expect((await sign({})).statusCode).toBe(422);
    expect((await sign({ value: 3 }, staff)).statusCode).toBe(403);
    expect((await sign({ value: 3 })).json().checklist[0]).toMatchObject({ value: 3, inRange: true });
    const done = await f.server.inject({
      method: 'POST',
      url: `/api/work-orders/${order.id}/transitions`,
      headers: tech,
      payload: { to: 'resolved' },
    });
    expect(done.json()).toMatchObject({ status: 'resolved' });
    const verifyByTech = await f.server.inject({
      method: 'POST',
      url: `/api/work-orders/${order.id}/transitions`,
      headers: tech,
      payload: { to: 'verified' },
    });
    expect(verifyByTech.statusCode).toBe(403);

    const spec = await f.server.inject({ url: '/api/openapi.json' });
    expect(Object.keys(spec.json().paths)).toEqual(
      expect.arrayContaining(['/api/tasks/today', '/api/work-orders/{workOrderId}/steps/{stepId}/sign-off']),
    );
  });
});
