import { describe, expect, it } from 'vitest';
import { HourOfDayBaseline, ScalarBaseline } from './baselines';
import { Cusum } from './cusum';
import { fitLine, hoursUntilDownTo } from './trend-forecast';

describe('drift arithmetic', () => {
  it('CUSUM ignores noise within its slack and sums a sustained shift', () => {
    const c = new Cusum(0.5, 10);
    for (let i = 0; i < 100; i++) expect(c.update(i % 2 ? 0.4 : -0.4, i)).toBe(false);
    expect(c.value).toBe(0);
    let alarmAt = -1;
    for (let i = 100; i < 200 && alarmAt < 0; i++) if (c.update(1.5, i)) alarmAt = i;
    // 1.5 − 0.5 = 1 per step: past 10 on the eleventh step.
    expect(alarmAt).toBe(110);
    expect(c.startedAt).toBe(100);
    c.reset();
    expect(c.value).toBe(0);
  });

  it('fits a line exactly and says when it reaches a level, with a range around it', () => {
    const ts = [-10, -8, -6, -4, -2, 0];
    const fit = fitLine(
      ts,
      ts.map((t) => 1 - 0.01 * (t + 10)),
    );
    expect(fit?.slope).toBeCloseTo(-0.01, 10);
    expect(fit?.slopeSe).toBeCloseTo(0, 10);
    const crossing = fit && hoursUntilDownTo(fit, 0.5, 0);
    expect(crossing?.hours).toBeCloseTo(40, 6);

    const noisy = fitLine(
      ts,
      ts.map((t, i) => 1 - 0.01 * (t + 10) + (i % 2 ? 0.01 : -0.01)),
    );
    const ranged = noisy && hoursUntilDownTo(noisy, 0.5, 0);
    expect(ranged?.lowHours).toBeLessThan(ranged?.hours ?? 0);
    expect(ranged?.highHours).toBeGreaterThan(ranged?.hours ?? 0);
    // A rising line never gets down there.
    const rising = fitLine(
      ts,
      ts.map((t) => 1 + 0.01 * t),
    );
    expect(rising && hoursUntilDownTo(rising, 0.5, 0)).toBeUndefined();
  });

  it('learns an hour-of-day profile and judges each hour against its own', () => {
    const b = new HourOfDayBaseline(0.01);
    for (let day = 0; day < 14; day++)
      for (let h = 0; h < 24; h++)
        b.learn(h, (h >= 11 && h < 14 ? 0.8 : 0.4) + ((day * 7 + h) % 5) * 0.01 - 0.02);
    expect(b.freeze()).toBe(true);
    expect(b.expected(12)).toBeCloseTo(0.8, 1);
    expect(b.expected(3)).toBeCloseTo(0.4, 1);
    // 0.8 at noon is normal; 0.8 at 3 am is far out.
    expect(Math.abs(b.z(12, 0.8) ?? 99)).toBeLessThan(2);
    expect(b.z(3, 0.8) ?? 0).toBeGreaterThan(10);
    expect(b.busy()).toBeCloseTo(0.8, 1);
  });

  it('does not judge from too little', () => {
    const s = new ScalarBaseline(1);
    s.learn(10);
    expect(s.freeze()).toBe(false);
    expect(s.z(50)).toBeUndefined();
  });
});
