import { afterEach, describe, expect, it } from 'vitest';
import { HOUR, MINUTE, pmRig, storeWithPlans, TECH } from '../edge/domains/maintenance/testing/pm-test-kit';
import { createModel } from '../firmware-sim/models/create-model';
import { createRng } from '../firmware-sim/random';
import type { ReadingValue } from '../shared/device-messages';

const title = (en: string) => ({ en, 'zh-CN': en });

describe('meter PM plans from live telemetry', () => {
  let rig: ReturnType<typeof pmRig> | undefined;
  afterEach(() => rig?.stop());

  const orders = () => rig!.pm.list({ kind: 'preventive', status: 'all', limit: 100 });
  const meter = (equipmentId: string, name: string) =>
    rig!.pm.forEquipment(equipmentId).meters.find((m) => m.meter === name)?.value ?? 0;

  it('run-hours of a simulated cooler compressor open the work order when they reach the interval, across a restart', () => {
    rig = pmRig(
      storeWithPlans([
        {
          id: 'compressor-service',
          title: title('Compressor service'),
          equipment: ['wic-1'],
          trigger: { kind: 'run_hours', metric: 'compressor_on', everyHours: 3 },
        },
      ]),
    );
    const cooler = createModel('walk_in_cooler', { rng: createRng(7) });
    const everyMs = 30_000;
    let handCount = 0;
    let previousOn: boolean | undefined;
    let crossedAt: number | undefined;
    const play = (forMs: number) =>
      rig!.feed('wic-1', forMs, everyMs, () => {
        cooler.step(everyMs);
        const readings = cooler.readings();
        if (previousOn) handCount += everyMs / HOUR;
        previousOn = readings.compressor_on === true;
        if (crossedAt === undefined && handCount >= 3) crossedAt = rig!.clock.now();
        return readings;
      });

    play(3 * HOUR);
    const beforeRestart = meter('wic-1', 'compressor_on_run_hours');
    expect(beforeRestart).toBeCloseTo(handCount, 6);
    rig.restart();
    expect(meter('wic-1', 'compressor_on_run_hours')).toBeCloseTo(beforeRestart, 6);

    while (crossedAt === undefined) play(HOUR);
    const [order] = orders();
    expect(order).toMatchObject({ planId: 'compressor-service', equipmentId: 'wic-1', dueAt: crossedAt });
    expect(order?.dueReason?.meterValue).toBeGreaterThanOrEqual(3);
    expect(orders()).toHaveLength(1);
  });

  it('cycles: fryer heating rising edges and the dishwasher cycle counter; fixed keeps its step, floating restarts at done', () => {
    rig = pmRig(
      storeWithPlans([
        {
          id: 'fryer-filter',
          title: title('Fryer filter'),
          equipment: ['fryer-1'],
          trigger: { kind: 'cycles', metric: 'heating_on', counting: 'rising_edge', every: 30 },
          schedule: 'fixed',
        },
        {
          id: 'dish-service',
          title: title('Dishwasher service'),
          equipment: ['dish-1'],
          trigger: { kind: 'cycles', metric: 'cycle_count', counting: 'counter', every: 50 },
          schedule: 'floating',
        },
      ]),
    );
    // heating on for 2 of every 5 minutes: one rising edge per 5 minutes
    const fry = (forMs: number) =>
      rig!.feed('fryer-1', forMs, MINUTE, (t) => ({ heating_on: (t / MINUTE) % 5 < 2 }));
    fry(29 * 5 * MINUTE);
    expect(meter('fryer-1', 'heating_on_cycles')).toBe(29);
    expect(orders()).toHaveLength(0);
    fry(5 * MINUTE);
    expect(orders().map((o) => o.dueReason)).toEqual([
      { trigger: 'cycles', meter: 'heating_on_cycles', meterValue: 30 },
    ]);

    // The dishwasher model's own cycle counter, which starts somewhere in the thousands.
    const dish = createModel('dishwasher', { rng: createRng(3) });
    const feedDish = (forMs: number) =>
      rig!.feed('dish-1', forMs, 10_000, () => {
        dish.step(10_000);
        return dish.readings() as Record<string, ReadingValue>;
      });
    const startCount = Number(dish.readings().cycle_count);
    feedDish(10_000);
    while (Number(dish.readings().cycle_count) - startCount < 50) feedDish(10 * MINUTE);
    const dishOrder = orders().find((o) => o.planId === 'dish-service');
    expect(dishOrder?.dueReason?.meterValue).toBeGreaterThanOrEqual(50);

    // Floating: done at meter m → next due at m + 50. Fixed fryer: next due at 60 whatever happened.
    const fryerOrder = orders().find((o) => o.planId === 'fryer-filter')!;
    fry(20 * 5 * MINUTE);
    rig.pm.signStep(fryerOrder.id, 'done', {}, TECH);
    rig.pm.transition(fryerOrder.id, { to: 'resolved', parts: [] }, TECH);
    fry(10 * 5 * MINUTE);
    const fryerOrders = orders().filter((o) => o.planId === 'fryer-filter');
    expect(fryerOrders.map((o) => o.dueReason?.meterValue)).toEqual([60, 30]);

    rig.pm.signStep(dishOrder!.id, 'done', {}, TECH);
    rig.pm.transition(dishOrder!.id, { to: 'resolved', parts: [] }, TECH);
    rig.clock.advance(MINUTE);
    const doneAtMeter = meter('dish-1', 'cycle_count_cycles');
    while (meter('dish-1', 'cycle_count_cycles') < doneAtMeter + 50) {
      expect(orders().filter((o) => o.planId === 'dish-service')).toHaveLength(1);
      feedDish(10 * MINUTE);
    }
    const second = orders().filter((o) => o.planId === 'dish-service')[0];
    expect(second?.dueReason?.meterValue).toBeGreaterThanOrEqual(doneAtMeter + 50);
  });

  it('a verified repair can restart a meter and the plan that counts it', () => {
    rig = pmRig(
      storeWithPlans([
        {
          id: 'compressor-service',
          title: title('Compressor service'),
          equipment: ['wic-1'],
          trigger: { kind: 'run_hours', metric: 'compressor_on', everyHours: 10 },
        },
      ]),
    );
    rig.feed('wic-1', 8 * HOUR, MINUTE, () => ({ compressor_on: true }));
    expect(meter('wic-1', 'compressor_on_run_hours')).toBeCloseTo(8 - 1 / 60, 6);
    rig.pm.resetMeter('wic-1', 'compressor_on_run_hours', 'tom', 17);
    rig.feed('wic-1', 8 * HOUR, MINUTE, () => ({ compressor_on: true }));
    expect(orders()).toHaveLength(0);
    rig.feed('wic-1', 2 * HOUR + MINUTE, MINUTE, () => ({ compressor_on: true }));
    expect(orders()).toHaveLength(1);
    expect(rig.outbox('pm.meter_reset')[0]?.payload).toMatchObject({
      meter: 'compressor_on_run_hours',
      ticketId: 17,
    });
  });
});
