import { afterEach, describe, expect, it } from 'vitest';
import { DAY, HOUR, MANAGER, pmRig, storeWithPlans, TECH } from './testing/pm-test-kit';

// The fake clock starts Monday 2026-01-05 08:00 UTC = 16:00 in Shanghai (UTC+8).
const localTime = (iso: string) => Date.parse(`${iso}+08:00`);
const checklist = [{ id: 'clean', title: { en: 'Clean coils', 'zh-CN': '清洁盘管' } }];

describe('calendar PM plans over simulated weeks', () => {
  let rig: ReturnType<typeof pmRig> | undefined;
  afterEach(() => rig?.stop());

  const finish = (id: number) => {
    const pm = rig!.pm;
    pm.signStep(id, 'clean', {}, TECH);
    pm.transition(id, { to: 'resolved', parts: [] }, TECH);
  };

  it('fixed counts from the due date, floating from when the last one was done', () => {
    const plan = (id: string, schedule: 'fixed' | 'floating') => ({
      id,
      title: { en: id, 'zh-CN': id },
      equipment: ['wic-1'],
      trigger: { kind: 'calendar' as const, every: { weeks: 1 }, at: '06:00' },
      schedule,
      checklist,
    });
    rig = pmRig(storeWithPlans([plan('coils-fixed', 'fixed'), plan('coils-floating', 'floating')]));
    expect(rig.pm.list({ kind: 'preventive', status: 'all', limit: 10 })).toHaveLength(0);

    rig.clock.advanceTo(localTime('2026-01-06T06:00:00'));
    const first = rig.pm.list({ kind: 'preventive', status: 'open', limit: 10 });
    expect(first.map((o) => [o.planId, o.dueAt]).sort()).toEqual([
      ['coils-fixed', localTime('2026-01-06T06:00:00')],
      ['coils-floating', localTime('2026-01-06T06:00:00')],
    ]);

    // Both done three days late, on Friday at 15:00.
    rig.clock.advanceTo(localTime('2026-01-09T15:00:00'));
    for (const order of first) finish(order.id);

    rig.clock.advanceTo(localTime('2026-01-13T06:00:00'));
    const second = rig.pm.list({ kind: 'preventive', status: 'open', limit: 10 });
    expect(second.map((o) => [o.planId, o.dueAt])).toEqual([
      ['coils-fixed', localTime('2026-01-13T06:00:00')],
    ]);

    rig.clock.advanceTo(localTime('2026-01-16T06:00:00'));
    const floating = rig.pm
      .list({ kind: 'preventive', status: 'open', limit: 10 })
      .find((o) => o.planId === 'coils-floating');
    expect(floating?.dueAt).toBe(localTime('2026-01-16T06:00:00'));
  });

  it('a weekly rule opens on the named days at the local time, and the schedule survives a restart', () => {
    rig = pmRig(
      storeWithPlans([
        {
          id: 'descale',
          title: { en: 'Descale', 'zh-CN': '除垢' },
          types: ['dishwasher'],
          assignee: 'store',
          trigger: { kind: 'weekly', rule: 'mon,thu 06:00' },
          graceHours: 12,
        },
      ]),
    );
    const dues: number[] = [];
    for (let day = 0; day < 14; day++) {
      rig.clock.advance(DAY);
      if (day === 6) rig.restart();
      for (const task of rig.pm.todayTasks()) {
        dues.push(task.dueAt);
        rig.pm.signOffTask(task.id, { values: {} }, { id: 'sam', role: 'staff' });
      }
    }
    expect(dues).toEqual([
      localTime('2026-01-08T06:00:00'),
      localTime('2026-01-12T06:00:00'),
      localTime('2026-01-15T06:00:00'),
      localTime('2026-01-19T06:00:00'),
    ]);
  });

  it('an overdue work order escalates to the manager after the grace window, then to central', () => {
    rig = pmRig(
      storeWithPlans(
        [
          {
            id: 'coils',
            title: { en: 'Coils', 'zh-CN': '盘管' },
            equipment: ['wic-1'],
            trigger: { kind: 'calendar', every: { days: 30 }, at: '06:00' },
            graceHours: 48,
          },
        ],
        { escalateToCentralAfterH: 24 },
      ),
    );
    const due = localTime('2026-01-06T06:00:00');
    rig.clock.advanceTo(due + 48 * HOUR);
    const [order] = rig.pm.list({ kind: 'preventive', status: 'open', limit: 10 });
    expect(order?.overdue).toBe(false);
    expect(rig.outbox('pm.escalated')).toHaveLength(0);

    rig.clock.advance(2 * 60_000);
    expect(rig.pm.get(order!.id)).toMatchObject({ overdue: true, escalation: 'manager' });
    expect(rig.outbox('pm.escalated').map((e) => e.payload.level)).toEqual(['manager']);

    rig.clock.advance(23 * HOUR);
    expect(rig.pm.get(order!.id).escalation).toBe('manager');
    rig.clock.advance(HOUR + 2 * 60_000);
    expect(rig.pm.get(order!.id).escalation).toBe('central');
    expect(rig.outbox('pm.escalated').map((e) => e.payload.level)).toEqual(['manager', 'central']);

    // The repair view of the same cooler shows the overdue PM.
    rig.clock.advanceTo(due + 12 * DAY + HOUR);
    expect(rig.pm.overdueFlags('wic-1')[0]?.label.en).toBe('PM overdue 12 days');
    rig.pm.transition(order!.id, { to: 'closed', note: 'skipped' }, MANAGER);
    expect(rig.pm.overdueFlags('wic-1')).toEqual([]);
  });
});
