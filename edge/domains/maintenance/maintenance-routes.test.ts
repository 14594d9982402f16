import { afterEach, describe, expect, it } from 'vitest';
import { type ApiFixture, bearer, createApiFixture } from '../../api/testing/api-fixture';
import { maintenanceRoutes } from './maintenance-routes';
import { pmRig, STAFF_PIN, storeWithPlans } from './testing/pm-test-kit';

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
    const store = storeWithPlans([
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
    ]);
    rig = pmRig(store);
    f = await createApiFixture(
      ({ pinGate }) => ({ routes: maintenanceRoutes({ maintenance: rig.pm, pinGate }) }),
      { extraUsers: store.users },
    );
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

  it('sign-off checks the PIN first and through the login throttle: no oracle, and no lockout elsewhere', async () => {
    await setup();
    const staff = bearer(await f.tokenFor('staff'));
    const [task] = (await f.server.inject({ url: '/api/tasks/today', headers: staff })).json();
    const guesser = '192.168.1.66';
    const signOff = (url: string, pin: string, remoteAddress = guesser) =>
      f.server.inject({ method: 'POST', url, headers: staff, remoteAddress, payload: { user: 'mia', pin } });
    const existing = `/api/tasks/${task.id}/sign-off`;
    const missing = '/api/tasks/99999/sign-off';
    const missingStep = '/api/work-orders/99999/steps/probe/sign-off';

    // A staff token guessing the manager's PIN: the same answer whether the task exists or not.
    const wrong = [
      await signOff(existing, '0000'),
      await signOff(missing, '0001'),
      await signOff(missingStep, '0002'),
      await signOff(existing, '0003'),
      await signOff(missing, '0004'),
    ];
    for (const answer of wrong) {
      expect(answer.statusCode).toBe(403);
      expect(answer.json()).toEqual({ error: 'forbidden', message: 'unknown user or wrong PIN' });
    }

    // Then held back, right PIN or not, target or not, sign-off or login alike.
    const held = [
      await signOff(existing, '0005'),
      await signOff(missing, '0006'),
      await signOff(existing, '9999'),
      await signOff(missing, '9999'),
      await f.server.inject({
        method: 'POST',
        url: '/api/session',
        remoteAddress: guesser,
        payload: { user: 'mia', pin: '9999' },
      }),
    ];
    for (const answer of held) {
      expect(answer.statusCode).toBe(429);
      expect(answer.headers['retry-after']).toBe('1');
      expect(answer.json()).toEqual(held[0]?.json());
    }
    expect(rig.pm.get(task.id).status).toBe('open');

    // The manager's right PIN from another place is not held back by the guesser.
    const elsewhere = await signOff(missing, '9999', '192.168.1.20');
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json().error).toBe('not_found');

    // From the guesser's address the right PIN waits out the back-off, then signs.
    f.clock.advance(999);
    expect((await signOff(existing, '9999')).statusCode).toBe(429);
    f.clock.advance(1);
    const signed = await signOff(existing, '9999');
    expect(signed.statusCode).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'verified', resolvedBy: 'mia' });
    expect(f.metrics.render()).toContain('galley_api_pin_throttled_total{purpose="sign_off"} 5');
    expect(f.metrics.render()).toContain('galley_api_login_failures_total 5');
  });

  it('counts wrong sign-off PINs with wrong logins of the same user and address', async () => {
    await setup();
    const staff = bearer(await f.tokenFor('staff'));
    const address = '192.168.1.77';
    for (let i = 0; i < 4; i++) {
      const login = await f.server.inject({
        method: 'POST',
        url: '/api/session',
        remoteAddress: address,
        payload: { user: 'mia', pin: '0000' },
      });
      expect(login.statusCode).toBe(401);
    }
    const step = await f.server.inject({
      method: 'POST',
      url: '/api/work-orders/99999/steps/probe/sign-off',
      headers: staff,
      remoteAddress: address,
      payload: { user: 'mia', pin: '0000' },
    });
    expect(step.statusCode).toBe(403);
    const login = await f.server.inject({
      method: 'POST',
      url: '/api/session',
      remoteAddress: address,
      payload: { user: 'mia', pin: '9999' },
    });
    expect(login.statusCode).toBe(429);
  });
});
