import { describe, expect, it } from 'vitest';
import { firstPassage } from './forecast-first-passage';
import { fitAnchoredHinge } from './forecast-hinge-fit';

/** A fixed, repeatable wobble (a few percent, like an hour's capacity estimate). */
const wobble = (i: number) => (((i * 37) % 11) - 5) * 0.004;

/** Hourly shares over the last `spanH` hours: 1 until `startH` ago, then falling `perH` an hour. */
function wear(spanH: number, startH: number, perH: number, noisy = true) {
  const ts: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < spanH; i++) {
    const t = i - spanH + 0.5;
    ts.push(t);
    ys.push(1 - perH * Math.max(0, t + startH) + (noisy ? wobble(i) : 0));
  }
  return { ts, ys };
}

describe('anchored hinge fit', () => {
  it('finds when the wear began and its rate, where a straight line through the flat hours would not', () => {
    const { ts, ys } = wear(72, 48, 0.0015);
    const fit = fitAnchoredHinge(ts, ys);
    expect(fit).toBeDefined();
    expect(Math.abs((fit?.t0 ?? 0) + 48)).toBeLessThanOrEqual(6);
    expect(fit?.slope).toBeCloseTo(-0.0015, 3);
    expect(fit?.levelNow).toBeCloseTo(1 - 0.0015 * 48, 2);
  });

  it('is not thrown by a few hours far off (a delivery, a door left open)', () => {
    const { ts, ys } = wear(72, 48, 0.0015);
    for (const i of [60, 61, 62]) ys[i] = (ys[i] as number) - 0.3;
    expect(fitAnchoredHinge(ts, ys)?.slope).toBeCloseTo(-0.0015, 3);
  });

  it('has no fit through too few points', () => {
    expect(fitAnchoredHinge([-3, -2, -1], [1, 0.99, 0.98])).toBeUndefined();
  });
});

describe('first passage against the coming days’ peaks', () => {
  const base = { nextPeakInH: 5, factor: 1, horizonH: 1440 };

  it('with every day the same, crosses on the first day whose peak the capacity cannot carry', () => {
    const { ts, ys } = wear(72, 48, 0.002, false);
    // Share now 0.904, falling 0.048 a day; every day peaks at 0.70: crossing after 4.25 days.
    const f = firstPassage({ ...base, ts, ys, dailyPeaks: Array(14).fill(0.7) });
    const firstDay = Math.ceil((0.904 - 0.7 * 1.02 - 0.002 * 5) / (0.002 * 24));
    expect(f?.hours).toBeGreaterThanOrEqual(5 + 24 * (firstDay - 1));
    expect(f?.hours).toBeLessThanOrEqual(5 + 24 * (firstDay + 1));
    expect(f?.lowHours).toBeLessThanOrEqual(f?.hours ?? 0);
    expect(f?.highHours).toBeGreaterThanOrEqual(f?.hours ?? 0);
  });

  it('busier days to come bring the crossing earlier and widen the range', () => {
    const { ts, ys } = wear(72, 48, 0.002);
    const steady = firstPassage({ ...base, ts, ys, dailyPeaks: Array(14).fill(0.65) });
    const varied = firstPassage({
      ...base,
      ts,
      ys,
      dailyPeaks: Array.from({ length: 14 }, (_, i) => 0.6 + (i % 7) * 0.02),
    });
    expect(steady && varied).toBeTruthy();
    expect(varied?.lowHours ?? 0).toBeLessThan(steady?.lowHours ?? 0);
    expect((varied?.highHours ?? 0) - (varied?.lowHours ?? 0)).toBeGreaterThan(
      (steady?.highHours ?? 0) - (steady?.lowHours ?? 0),
    );
  });

  it('a larger event factor (the fryer’s) brings the crossing earlier', () => {
    const { ts, ys } = wear(72, 48, 0.002);
    const dailyPeaks = Array.from({ length: 14 }, (_, i) => 0.6 + (i % 5) * 0.01);
    const cold = firstPassage({ ...base, ts, ys, dailyPeaks, factor: 0.9 });
    const fryer = firstPassage({ ...base, ts, ys, dailyPeaks, factor: 1.12 });
    expect((fryer?.hours ?? 0) + 24).toBeLessThan(cold?.hours ?? 0);
  });

  it('forecasts nothing while the share is not falling, or without the learned peaks', () => {
    const flat = wear(72, 0, 0);
    expect(firstPassage({ ...base, ...flat, dailyPeaks: Array(14).fill(0.7) })).toBeUndefined();
    const falling = wear(72, 48, 0.002);
    expect(firstPassage({ ...base, ...falling, dailyPeaks: [0.7, 0.7] })).toBeUndefined();
  });
});
