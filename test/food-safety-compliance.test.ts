import { afterEach, describe, expect, it } from 'vitest';
import { DAY, FoodSafetyRig, type Readings } from '../edge/domains/food-safety/testing/food-safety-kit';
import { FoodSafetyDayPayload } from '../shared/central/food-safety-api';

let rig: FoodSafetyRig | undefined;
afterEach(() => {
  rig?.close();
  rig = undefined;
});

const H = 60;

describe('daily compliance of a holding log', () => {
  it('a cooler at 3 °C except 06:00–17:00 at 7 °C is 54.2 % in limit and fails, where an AM/PM any-reading roll-up shows two passes', () => {
    const r = new FoodSafetyRig();
    rig = r;
    r.run(24 * H + 1, (minute) => ({ 'wic-1': { temp_c: minute >= 6 * H && minute < 17 * H ? 7 : 3 } }));

    const day = r.service.compliance('wic-1-cold', DAY);
    expect(day.minutesInDay).toBe(1440);
    expect(day.inLimitMin).toBe(780);
    expect(day.outOfLimitMin).toBe(660);
    expect(day.noDataMin).toBe(0);
    expect(day.compliancePct).toBe(54.2);
    expect(day.pass).toBe(false);
    expect(day.excursions).toHaveLength(1);
    expect(day.excursions[0]).toMatchObject({
      startedAt: r.at(6 * H),
      endedAt: r.at(17 * H),
      minutes: 660,
      worstC: 7,
      limitC: 5,
      alertDelayMin: 30,
    });
    expect(day.verdict.en).toMatch(/^Fail/);

    // The day closed with its last minute: central got it as the store counts it.
    const sent = r.db
      .prepare("SELECT payload FROM outbox WHERE type = 'food_safety.day' AND entity_id = ?")
      .all(`wic-1-cold/${DAY}`) as { payload: string }[];
    expect(sent).toHaveLength(1);
    expect(FoodSafetyDayPayload.parse(JSON.parse(sent[0]?.payload ?? '{}'))).toMatchObject({
      inLimitMin: 780,
      outOfLimitMin: 660,
      compliancePct: 54.2,
      pass: false,
      excursions: 1,
    });
    expect(day.verdict['zh-CN']).toMatch(/^不合格/);

    // Every minute of the day is its own record, written as it closed.
    const log = r.service.minuteLog('wic-1-cold', DAY);
    expect(log.records).toHaveLength(1440);
    expect(log.records.every((rec, i) => rec.startTs === r.at(i) && rec.endTs === r.at(i + 1))).toBe(true);
    expect(log.limits).toMatchObject([{ pack: 'galley-company-standard', limitC: 5, clause: 'GCS-1' }]);

    // The roll-up this replaces: a half-day passes when any reading in it was in limit.
    const anyReadingPassed = (from: number, to: number) =>
      log.records.some(
        (rec) => rec.startTs >= r.at(from) && rec.startTs < r.at(to) && rec.status === 'in_limit',
      );
    expect([anyReadingPassed(0, 12 * H), anyReadingPassed(12 * H, 24 * H)]).toEqual([true, true]);
  });

  it('a cooler at 3 °C all day passes at 100 %', () => {
    const r = new FoodSafetyRig();
    rig = r;
    r.run(24 * H + 1, () => ({ 'wic-1': { temp_c: 3 } }));
    const day = r.service.compliance('wic-1-cold', DAY);
    expect(day).toMatchObject({ compliancePct: 100, pass: true, excursions: [], outOfLimitMin: 0 });
  });

  it('minutes without readings are no data, not in limit', () => {
    const r = new FoodSafetyRig();
    rig = r;
    r.run(
      24 * H + 1,
      (minute): Record<string, Readings> => (minute < 12 * H ? { 'wic-1': { temp_c: 3 } } : {}),
    );
    const day = r.service.compliance('wic-1-cold', DAY);
    expect(day).toMatchObject({ inLimitMin: 720, noDataMin: 720, compliancePct: 50, pass: true });
  });
});
