import { afterEach, describe, expect, it } from 'vitest';
import { FoodSafetyError } from '../edge/domains/food-safety/food-safety-errors';
import { verifyChain } from '../edge/domains/food-safety/record-chain';
import { demoStoreConfig, FoodSafetyRig } from '../edge/domains/food-safety/testing/food-safety-kit';
import { StoreConfig } from '../shared/config/store-config';

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

/** The clock to a store minute of the rig's day, the service ticking every minute on the way. */
function runTo(r: FoodSafetyRig, minute: number): void {
  r.run(minute, () => ({}));
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof FoodSafetyError) return err.code;
    throw err;
  }
  return undefined;
}

describe('manual checks: scheduled on the display, values recorded, missed slots are records too', () => {
  it('a day of the demo checks: in limit, out of limit with its corrective action, and a missed slot', () => {
    const r = newRig();
    runTo(r, 9 * H + 5);
    const thermometer = r.service.enterCheck(
      'probe-thermometer',
      { slotAt: r.at(9 * H), valueC: 0.4 },
      'staff-chen',
    );
    expect(thermometer).toMatchObject({
      status: 'done',
      valueC: 0.4,
      inLimit: true,
      actionId: null,
      by: 'staff-chen',
      pack: 'galley-company-standard',
      clause: 'GCS-5',
      measure: { kind: 'calibration', referenceC: 0, toleranceC: 1 },
    });

    runTo(r, 11 * H + 40);
    const fries = r.service.enterCheck('fries-hold', { slotAt: r.at(11 * H + 30), valueC: 58 }, 'staff-chen');
    expect(fries).toMatchObject({ status: 'done', valueC: 58, inLimit: false, clause: 'GCS-4' });
    expect(fries.actionId).not.toBeNull();
    const action = r.service.correctiveAction(fries.actionId ?? 0);
    expect(action).toMatchObject({
      state: 'open',
      controlPointId: 'check',
      equipmentId: '',
      checkRecordId: fries.id,
      dueAt: r.at(11 * H + 40 + 30),
    });
    expect(action?.title.en).toBe('Corrective action: Fries in holding cabinet 1 at 11:30 read 58 °C');
    expect(action?.title['zh-CN']).toContain('保温柜 1 中的薯条');

    // Nobody probes the nuggets: the slot is missed when its 60-minute window closes, not before.
    runTo(r, 12 * H + 29);
    expect(
      r.service.checksOfDay(undefined).find((s) => s.checkId === 'nuggets-hold' && s.time === '11:30'),
    ).toMatchObject({ state: 'due', record: null });
    runTo(r, 12 * H + 31);
    const slots = r.service.checksOfDay(undefined);
    expect(slots.map((s) => [s.checkId, s.time, s.state])).toEqual([
      ['probe-thermometer', '09:00', 'done'],
      ['fries-hold', '11:30', 'done'],
      ['nuggets-hold', '11:30', 'missed'],
      ['fries-hold', '17:30', 'upcoming'],
      ['nuggets-hold', '17:30', 'upcoming'],
    ]);
    const missed = slots[2]?.record;
    expect(missed).toMatchObject({ status: 'missed', valueC: null, inLimit: null, by: 'system' });
    expect(missed?.at).toBe(r.at(12 * H + 30) + 2_000);
    expect(
      codeOf(() =>
        r.service.enterCheck('nuggets-hold', { slotAt: r.at(11 * H + 30), valueC: 70 }, 'staff-chen'),
      ),
    ).toBe('SLOT_RECORDED');
    expect(
      codeOf(() =>
        r.service.enterCheck('fries-hold', { slotAt: r.at(11 * H + 30), valueC: 70 }, 'staff-chen'),
      ),
    ).toBe('SLOT_RECORDED');

    // Too early for the 17:30 slot at 17:00; from 17:15 it takes a value. A time not on the schedule is refused.
    runTo(r, 17 * H);
    expect(
      codeOf(() =>
        r.service.enterCheck('fries-hold', { slotAt: r.at(17 * H + 30), valueC: 70 }, 'staff-chen'),
      ),
    ).toBe('SLOT_NOT_OPEN');
    expect(
      codeOf(() => r.service.enterCheck('fries-hold', { slotAt: r.at(17 * H), valueC: 70 }, 'staff-chen')),
    ).toBe('SLOT_NOT_FOUND');
    expect(
      codeOf(() => r.service.enterCheck('no-such', { slotAt: r.at(17 * H), valueC: 70 }, 'staff-chen')),
    ).toBe('CHECK_NOT_FOUND');
    runTo(r, 17 * H + 16);
    expect(
      r.service.enterCheck('fries-hold', { slotAt: r.at(17 * H + 30), valueC: 66.5 }, 'staff-li'),
    ).toMatchObject({ inLimit: true, by: 'staff-li' });

    const records = r.service.checkRecordsIn({ from: r.at(0), to: r.at(24 * H) });
    expect(records.map((c) => [c.checkId, c.status, c.valueC])).toEqual([
      ['probe-thermometer', 'done', 0.4],
      ['fries-hold', 'done', 58],
      ['nuggets-hold', 'missed', null],
      ['fries-hold', 'done', 66.5],
    ]);
    expect(verifyChain(r.db)).toMatchObject({ ok: true });
  });

  it('slots whose window closed while the box was off are recorded missed once, after the restart', () => {
    const r = newRig();
    runTo(r, 17 * H);
    r.service.stop();
    r.clock.advanceTo(r.at(20 * H));
    r.restart();
    runTo(r, 20 * H + 2);
    r.restart();
    runTo(r, 20 * H + 4);
    const missed = r.service.checkRecordsIn({ from: r.at(0), to: r.at(24 * H) });
    // 09:00 and 11:30 closed while the box ran (since midnight): missed. 17:30 closed while it was off.
    expect(missed.map((c) => [c.checkId, c.status, new Date(c.slotAt).getTime() - r.at(0)])).toEqual([
      ['probe-thermometer', 'missed', 9 * H * 60_000],
      ['fries-hold', 'missed', (11 * H + 30) * 60_000],
      ['nuggets-hold', 'missed', (11 * H + 30) * 60_000],
      ['fries-hold', 'missed', (17 * H + 30) * 60_000],
      ['nuggets-hold', 'missed', (17 * H + 30) * 60_000],
    ]);
    expect(verifyChain(r.db)).toMatchObject({ ok: true });
  });

  it('an altered check record is named by verify', () => {
    const r = newRig();
    runTo(r, 12 * H + 31);
    const missed = r.service
      .checkRecordsIn({ from: r.at(0), to: r.at(24 * H) })
      .find((c) => c.checkId === 'nuggets-hold');
    r.db.exec('DROP TRIGGER food_safety_checks_no_update');
    r.db
      .prepare("UPDATE food_safety_checks SET status = 'done', value_cc = 6800, in_limit = 1 WHERE seq = ?")
      .run(missed?.id);
    const verdict = verifyChain(r.db);
    expect(verdict).toMatchObject({ ok: false, seq: missed?.id, table: 'food_safety_checks' });
    expect(JSON.stringify(verdict)).toContain('check nuggets-hold due');
  });

  it('the config names every wrong check by its path', () => {
    const config = demoStoreConfig();
    const result = StoreConfig.safeParse({
      ...config,
      foodSafety: {
        ...config.foodSafety,
        checks: [
          {
            id: 'a',
            name: { en: 'A', 'zh-CN': 'A' },
            pack: 'galley-company-standard',
            limit: 'hot-holding-probe',
            at: ['11:00'],
          },
          {
            id: 'b',
            name: { en: 'B', 'zh-CN': 'B' },
            pack: 'galley-company-standard',
            limit: 'cold-holding',
            at: ['11:00'],
          },
          {
            id: 'c',
            name: { en: 'C', 'zh-CN': 'C' },
            pack: 'galley-company-standard',
            limit: 'thermometer-verification',
            equipment: 'nope',
            at: ['11:00', '11:30'],
          },
          { id: 'a', name: { en: 'D', 'zh-CN': 'D' }, pack: 'no-pack', limit: 'x', at: ['12:00', '09:00'] },
        ],
      },
    });
    const lines = result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'foodSafety.checks.0.at: "hot-holding-probe" of galley-company-standard asks for at least 2 checks a day; 1 scheduled',
        'foodSafety.checks.1.limit: "cold-holding" is a holding limit, not a check',
        'foodSafety.checks.2.equipment: unknown equipment "nope"',
        "foodSafety.checks.2.at.1: starts before the 11:00 check's 60-minute window ends",
        'foodSafety.checks.3.at.1: times in order, each once',
      ]),
    );
  });
});
