import { afterEach, describe, expect, it } from 'vitest';
import { FoodSafetyError } from '../edge/domains/food-safety/food-safety-errors';
import { verifyChain } from '../edge/domains/food-safety/record-chain';
import { FoodSafetyRig } from '../edge/domains/food-safety/testing/food-safety-kit';

const H = 60;
let rig: FoodSafetyRig | undefined;
afterEach(() => {
  rig?.close();
  rig = undefined;
});

function newRig(): FoodSafetyRig {
  rig = new FoodSafetyRig();
  return rig;
}

const runTo = (r: FoodSafetyRig, minute: number) => r.run(minute, () => ({}));

function refusal(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof FoodSafetyError) return `${err.code}: ${err.message}`;
    throw err;
  }
  return undefined;
}

describe('time as the public health control (FDA 3-501.19): a product batch with the box keeping its clock', () => {
  it('a 4-hour batch is warned about 30 min before, expires at its deadline and opens a corrective action to discard it', () => {
    const r = newRig();
    runTo(r, 10 * H);
    const batches = r.service.timeBatches;
    expect(
      batches.options().map((o) => [o.id, o.maxHours, o.startAtMostC, o.startAtLeastC, o.neverAboveC]),
    ).toEqual([
      ['four-hours', 4, 5, 57, null],
      ['six-hours', 6, 5, null, 21],
    ]);
    const salad = batches.start(
      { product: 'Potato salad', quantity: { amount: 3, unit: 'kg' }, option: 'four-hours', startC: 4 },
      'staff-chen',
    );
    expect(salad).toMatchObject({
      state: 'holding',
      clause: '3-501.19(B)',
      maxHours: 4,
      startC: 4,
      startedAt: r.at(10 * H),
      discardBy: r.at(14 * H),
      warnAt: r.at(13 * H + 30),
      actionId: null,
    });

    runTo(r, 13 * H + 31);
    expect(batches.batch(salad.id)).toMatchObject({ state: 'holding', change: 'warned' });
    runTo(r, 13 * H + 59);
    expect(batches.batch(salad.id).state).toBe('holding');
    runTo(r, 14 * H + 1);
    const expired = batches.batch(salad.id);
    expect(expired).toMatchObject({ state: 'expired', change: 'expired', by: 'system' });
    expect(expired.at).toBe(r.at(14 * H) + 2_000);
    const action = r.service.correctiveAction(expired.actionId ?? 0);
    expect(action).toMatchObject({ state: 'open', controlPointId: 'time_control', timeBatchId: salad.id });
    expect(action?.title.en).toBe('Corrective action: Potato salad held 4 h without temperature control');

    // Past its time the food is thrown away: nothing else signs the action off.
    expect(
      refusal(() =>
        r.service.signOff(
          action?.id ?? 0,
          { whatDone: 'Kept it', disposition: 'kept', quantity: { amount: 3, unit: 'kg' } },
          { id: 'mgr-li', roles: ['manager'] },
        ),
      ),
    ).toContain('DISPOSITION_NOT_ALLOWED');
    expect(
      r.service.signOff(
        action?.id ?? 0,
        { whatDone: 'Thrown away', disposition: 'discarded', quantity: { amount: 3, unit: 'kg' } },
        { id: 'mgr-li', roles: ['manager'] },
      ),
    ).toMatchObject({ state: 'signed_off', disposition: 'discarded' });
    expect(verifyChain(r.db)).toMatchObject({ ok: true });
  });

  it('refuses food too warm to leave temperature control, fails a 6-hour batch that reads above 21 °C, and closes a served one', () => {
    const r = newRig();
    runTo(r, 9 * H);
    const batches = r.service.timeBatches;
    expect(
      refusal(() => batches.start({ product: 'Chili', option: 'four-hours', startC: 30 }, 'staff-chen')),
    ).toBe(
      'TOO_WARM_TO_START: food at 30 °C may not leave temperature control under 3-501.19(B): it must be at 5 °C or below or at 57 °C or above / 30 °C 的食品不能按 3-501.19(B) 脱离温度控制：须为 5 °C 及以下或57 °C 及以上',
    );
    expect(
      refusal(() => batches.start({ product: 'Chili', option: 'six-hours', startC: 60 }, 'staff-chen')),
    ).toContain('TOO_WARM_TO_START');
    expect(
      refusal(() => batches.start({ product: 'Chili', option: 'ten-hours', startC: 3 }, 'staff-chen')),
    ).toContain('OPTION_NOT_FOUND');

    const cake = batches.start({ product: 'Cheesecake', option: 'six-hours', startC: 3 }, 'staff-chen');
    expect(cake).toMatchObject({ discardBy: r.at(15 * H), neverAboveC: 21 });
    runTo(r, 11 * H);
    expect(batches.reading(cake.id, 18.5, 'staff-chen')).toMatchObject({
      state: 'holding',
      lastReading: { valueC: 18.5, at: r.at(11 * H) },
    });
    runTo(r, 12 * H);
    const warm = batches.reading(cake.id, 21.5, 'staff-chen');
    expect(warm).toMatchObject({ state: 'too_warm', change: 'too_warm' });
    expect(r.service.correctiveAction(warm.actionId ?? 0)).toMatchObject({
      timeBatchId: cake.id,
      state: 'open',
    });
    expect(refusal(() => batches.close(cake.id, { outcome: 'served' }, 'staff-chen'))).toContain(
      'BATCH_CLOSED',
    );

    const rolls = batches.start({ product: 'Spring rolls', option: 'four-hours', startC: 65 }, 'staff-chen');
    runTo(r, 13 * H);
    expect(batches.close(rolls.id, { outcome: 'served' }, 'staff-li')).toMatchObject({
      state: 'served',
      by: 'staff-li',
    });
    runTo(r, 17 * H);
    expect(batches.batch(rolls.id).state).toBe('served');
    expect(batches.list({ state: 'active', limit: 10 })).toEqual([]);
    expect(batches.heldIn({ from: r.at(0), to: r.at(24 * H) }).map((b) => [b.product, b.state])).toEqual([
      ['Cheesecake', 'too_warm'],
      ['Spring rolls', 'served'],
    ]);
  });

  it('keeps the clock across a restart: a batch whose deadline passed while the box was off expires on start', () => {
    const r = newRig();
    runTo(r, 10 * H);
    const soup = r.service.timeBatches.start(
      { product: 'Soup', option: 'four-hours', startC: 70 },
      'staff-chen',
    );
    r.service.stop();
    r.clock.advanceTo(r.at(15 * H));
    r.restart();
    runTo(r, 15 * H + 2);
    expect(r.service.timeBatches.batch(soup.id)).toMatchObject({ state: 'expired' });
    expect(r.service.correctiveActions({ state: 'open', limit: 10 }).map((a) => a.timeBatchId)).toEqual([
      soup.id,
    ]);
    expect(verifyChain(r.db)).toMatchObject({ ok: true });
  });
});
