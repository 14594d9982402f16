import { afterEach, describe, expect, it } from 'vitest';
import { MaintenanceError } from './maintenance-errors';
import { HOUR, MINUTE, pmRig, STAFF, STAFF_PIN, storeWithPlans, TECH } from './testing/pm-test-kit';

const title = (en: string) => ({ en, 'zh-CN': en });
const localTime = (iso: string) => Date.parse(`${iso}+08:00`);

describe('condition plans, checklists and staff tasks', () => {
  let rig: ReturnType<typeof pmRig> | undefined;
  afterEach(() => rig?.stop());
  const orders = (planId: string) =>
    rig!.pm.list({ kind: 'preventive', status: 'all', limit: 100 }).filter((o) => o.planId === planId);

  it('oil life below the limit and rinse too cold in more than 10 % of cycles each open one work order', () => {
    rig = pmRig(
      storeWithPlans([
        {
          id: 'oil-change',
          title: title('Change oil'),
          types: ['fryer'],
          trigger: { kind: 'condition', when: 'threshold', metric: 'oil_life_pct', op: '<', value: 20 },
        },
        {
          id: 'booster-check',
          title: title('Check rinse booster'),
          types: ['dishwasher'],
          trigger: {
            kind: 'condition',
            when: 'cycle_share',
            cycleMetric: 'running',
            metric: 'rinse_temp_c',
            op: '<',
            value: 82,
            overPct: 10,
            minCycles: 20,
          },
        },
      ]),
    );
    rig.feed('fryer-1', 3 * HOUR, MINUTE, (t) => ({ oil_life_pct: 30 - t / (10 * MINUTE) }));
    const [oil] = orders('oil-change');
    expect(oil?.openedAt).toBe(rig.clock.now() - 3 * HOUR + 101 * MINUTE);
    expect(orders('oil-change')).toHaveLength(1);

    // Cycles of 4 minutes (3 on, 1 off); every 10th cycle's rinse dips to 80 °C: exactly 10 %, not over.
    let cycle = 0;
    const wash = (cycles: number, badEvery: number) =>
      rig!.feed('dish-1', cycles * 4 * MINUTE, MINUTE, (t) => {
        const phase = (t / MINUTE) % 4;
        if (phase === 1) cycle++;
        const bad = cycle % badEvery === 0 && phase === 2;
        return { running: phase !== 0, rinse_temp_c: bad ? 80 : 86 };
      });
    wash(40, 10);
    expect(orders('booster-check')).toHaveLength(0);
    wash(20, 3);
    const [booster] = orders('booster-check');
    expect(booster?.dueReason?.trigger).toBe('condition');
    expect(booster?.dueReason?.value).toBeGreaterThan(10);
    expect(orders('booster-check')).toHaveLength(1);
  });

  it('checklist: measured values are required and checked, staff cannot work a technician order, done needs every step', () => {
    rig = pmRig(
      storeWithPlans([
        {
          id: 'cooler-pm',
          title: title('Cooler PM'),
          equipment: ['wic-1'],
          trigger: { kind: 'calendar', every: { weeks: 12 }, at: '06:00' },
          checklist: [
            { id: 'coils', title: title('Clean condenser coils') },
            { id: 'probe', title: title('Check probe'), measure: { unit: '°C', min: 0, max: 4 } },
            { id: 'photo', title: title('Photo of the gasket'), required: false },
          ],
        },
      ]),
    );
    rig.clock.advanceTo(localTime('2026-01-06T06:00:00'));
    const [order] = orders('cooler-pm');
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return err instanceof MaintenanceError ? err.code : String(err);
      }
      return 'ok';
    };
    expect(code(() => rig!.pm.signStep(order!.id, 'coils', {}, STAFF))).toBe('PM_FORBIDDEN');
    expect(code(() => rig!.pm.signStep(order!.id, 'probe', {}, TECH))).toBe('PM_VALUE_REQUIRED');
    expect(code(() => rig!.pm.signStep(order!.id, 'nope', {}, TECH))).toBe('PM_STEP_NOT_FOUND');
    rig.pm.signStep(order!.id, 'coils', {}, TECH);
    expect(rig.pm.get(order!.id).status).toBe('in_progress');
    expect(code(() => rig!.pm.transition(order!.id, { to: 'resolved', parts: [] }, TECH))).toBe(
      'PM_CHECKLIST_INCOMPLETE',
    );
    rig.pm.signStep(order!.id, 'probe', { value: 7.5 }, TECH);
    expect(rig.pm.get(order!.id).checklist[1]).toMatchObject({ value: 7.5, inRange: false, signedBy: 'tom' });
    expect(code(() => rig!.pm.transition(order!.id, { to: 'resolved', parts: [] }, TECH))).toBe(
      'PM_CHECKLIST_INCOMPLETE',
    );
    rig.pm.signStep(order!.id, 'probe', { value: 3.1 }, TECH);
    const done = rig.pm.transition(order!.id, { to: 'resolved', parts: [] }, TECH);
    expect(done).toMatchObject({ status: 'resolved', resolvedBy: 'tom' });
    expect(code(() => rig!.pm.signStep(order!.id, 'photo', {}, TECH))).toBe('PM_NOT_OPEN');
    expect(rig.pm.get(order!.id).history.map((h) => h.to)).toEqual([
      'open',
      'acknowledged',
      'in_progress',
      'resolved',
    ]);
    const events = rig.db
      .prepare<[], { type: string }>("SELECT type FROM outbox WHERE type LIKE 'pm.%' ORDER BY seq")
      .all()
      .map((r) => r.type);
    expect(events).toEqual([
      'pm.opened',
      'pm.step_signed',
      'pm.transition',
      'pm.transition',
      'pm.step_signed',
      'pm.step_signed',
      'pm.transition',
    ]);
  });

  it("today's staff tasks: one-tap sign-off by PIN, a wrong PIN changes nothing", () => {
    rig = pmRig(
      storeWithPlans([
        {
          id: 'fryer-filter',
          title: title('Clean the fryer filter'),
          types: ['fryer'],
          assignee: 'store',
          trigger: { kind: 'calendar', every: { days: 1 }, at: '22:00' },
          graceHours: 2,
        },
        {
          id: 'probe-log',
          title: title('Log a probe temperature'),
          equipment: ['wic-1'],
          assignee: 'store',
          trigger: { kind: 'weekly', rule: 'daily 09:00' },
          checklist: [{ id: 'probe', title: title('Probe'), measure: { unit: '°C', min: 0, max: 5 } }],
        },
      ]),
    );
    rig.clock.advanceTo(localTime('2026-01-06T09:30:00'));
    // Yesterday's 22:00 filter task was never done: it stays on today's list, overdue and escalated.
    const today = rig.pm.todayTasks();
    expect(today.map((t) => [t.planId, t.dueAt, t.overdue])).toEqual([
      ['fryer-filter', localTime('2026-01-05T22:00:00'), true],
      ['probe-log', localTime('2026-01-06T09:00:00'), false],
    ]);
    expect(today[0]?.escalation).toBe('manager');

    const display = { id: 'display-user', role: 'staff' } as const;
    const probe = today[1]!;
    expect(() =>
      rig!.pm.signOffTask(probe.id, { user: 'sam', pin: '0000', values: { probe: 3 } }, display),
    ).toThrow('wrong PIN');
    expect(rig.pm.get(probe.id).status).toBe('open');
    expect(() => rig!.pm.signOffTask(probe.id, { user: 'sam', pin: STAFF_PIN, values: {} }, display)).toThrow(
      'asks for a value',
    );
    expect(rig.pm.get(probe.id).checklist[0]?.signedAt).toBeNull();
    const signed = rig.pm.signOffTask(
      probe.id,
      { user: 'sam', pin: STAFF_PIN, values: { probe: 3 } },
      display,
    );
    expect(signed).toMatchObject({ status: 'verified', resolvedBy: 'sam' });
    expect(signed.checklist[0]).toMatchObject({ value: 3, inRange: true, signedBy: 'sam' });
    rig.pm.signOffTask(today[0]!.id, { values: {} }, STAFF);
    // Signed off today, both stay on today's list, ticked — the overdue one too.
    expect(rig.pm.todayTasks().map((t) => [t.planId, t.status])).toEqual([
      ['fryer-filter', 'verified'],
      ['probe-log', 'verified'],
    ]);

    rig.clock.advanceTo(localTime('2026-01-07T09:30:00'));
    expect(rig.pm.todayTasks().map((t) => [t.planId, t.dueAt])).toEqual([
      ['fryer-filter', localTime('2026-01-06T22:00:00')],
      ['probe-log', localTime('2026-01-07T09:00:00')],
    ]);
  });
});
