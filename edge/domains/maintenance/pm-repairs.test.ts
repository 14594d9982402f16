import { afterEach, describe, expect, it } from 'vitest';
import type { StoreConfig } from '../../../shared/config/store-config';
import { repairPmRig } from './repair-pm-rig';
import { DAY, HOUR, MANAGER, storeWithPlans, TECH } from './testing/pm-test-kit';

const title = (en: string) => ({ en, 'zh-CN': en });
const STAFF = { id: 'sam', role: 'staff' } as const;

/** A cooler with a calendar and a run-hours plan, checked hourly (or as given) so months run fast. */
function coolerStore(checkIntervalS = 3600): StoreConfig {
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
      trigger: { kind: 'run_hours', metric: 'compressor_on', everyHours: 500 },
    },
  ]);
  return { ...config, maintenance: { ...config.maintenance, checkIntervalS } };
}

describe('repairs feeding preventive maintenance', () => {
  let rig: ReturnType<typeof repairPmRig>;
  afterEach(() => rig.stop());

  /** One repair of `fault` on the cooler, reported and closed (so the next is a new ticket). */
  function repair(fault: string) {
    const { ticket, created } = rig.tickets.report(
      { equipmentId: 'wic-1', fault, category: 'not_cooling' },
      STAFF,
    );
    expect(created).toBe(true);
    rig.tickets.transition(ticket.id, { to: 'closed', note: 'fixed on the spot' }, MANAGER);
    rig.clock.advance(HOUR);
  }

  it('repeated repairs send central one pm.suggestion per plan and fault, not one per check', () => {
    rig = repairPmRig(coolerStore());
    repair('Not cooling');
    repair('Not cooling');
    rig.pm.tick();
    expect(rig.outbox('pm.suggestion')).toHaveLength(0);

    repair('Not cooling');
    rig.pm.tick();
    const first = rig.outbox('pm.suggestion');
    expect(first).toHaveLength(2);
    expect(first.map((e) => e.payload)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          planId: 'coil-clean',
          equipmentId: 'wic-1',
          fault: 'Not cooling',
          repairs: 3,
          windowDays: 90,
          current: 'every 28 days',
          suggested: 'every 21 days',
        }),
        expect.objectContaining({
          planId: 'compressor-service',
          fault: 'Not cooling',
          suggested: 'every 375 run-hours',
        }),
      ]),
    );
    expect(first.every((e) => e.entityId === 'wic-1' && e.priority === 0)).toBe(true);

    // Checks every hour, a fourth repair, asking for the suggestions, a restart: nothing new.
    rig.clock.advance(5 * HOUR);
    repair('Not cooling');
    expect(rig.pm.suggestions('wic-1')).toHaveLength(2);
    rig.restartMaintenance();
    rig.pm.tick();
    expect(rig.outbox('pm.suggestion')).toHaveLength(2);

    // Another fault piling up is a suggestion of its own.
    for (let i = 0; i < 3; i++) repair('Door seal torn');
    rig.pm.tick();
    expect(rig.outbox('pm.suggestion').map((e) => e.payload.fault)).toEqual([
      'Not cooling',
      'Not cooling',
      'Door seal torn',
      'Door seal torn',
    ]);
  });

  it('a suggestion that lapsed is sent again when the repairs pile up again', () => {
    rig = repairPmRig(coolerStore(DAY / 1000));
    for (let i = 0; i < 3; i++) repair('Not cooling');
    rig.pm.tick();
    expect(rig.outbox('pm.suggestion')).toHaveLength(2);
    rig.clock.advance(91 * DAY);
    expect(rig.pm.suggestions('wic-1')).toHaveLength(0);
    expect(rig.outbox('pm.suggestion')).toHaveLength(2);
    for (let i = 0; i < 3; i++) repair('Not cooling');
    rig.pm.tick();
    expect(rig.outbox('pm.suggestion')).toHaveLength(4);
  });

  it('reopening a work order counts like reopening a repair ticket', () => {
    rig = repairPmRig(coolerStore());
    const [order] = rig.pm.list({ kind: 'preventive', status: 'open', limit: 10 });
    expect(order).toMatchObject({ planId: 'coil-clean', status: 'open' });
    const id = order?.id ?? 0;
    const reopenCount = () =>
      rig.db
        .prepare<[number], { reopen_count: number }>('SELECT reopen_count FROM tickets WHERE id = ?')
        .get(id)?.reopen_count;
    rig.pm.signStep(id, 'done', {}, TECH);
    rig.pm.transition(id, { to: 'resolved', parts: [] }, TECH);
    expect(reopenCount()).toBe(0);
    expect(rig.pm.transition(id, { to: 'open', note: 'coil still dirty' }, MANAGER)).toMatchObject({
      status: 'open',
      resolvedAt: null,
    });
    expect(reopenCount()).toBe(1);
    for (const to of ['acknowledged', 'in_progress'] as const) rig.pm.transition(id, { to }, TECH);
    rig.pm.transition(id, { to: 'resolved', parts: [] }, TECH);
    rig.pm.transition(id, { to: 'open' }, MANAGER);
    expect(reopenCount()).toBe(2);
    const reopened = rig.outbox('pm.transition').filter((e) => {
      const transition = e.payload.transition as { to: string };
      return transition.to === 'open';
    });
    expect(reopened).toHaveLength(2);
  });
});
