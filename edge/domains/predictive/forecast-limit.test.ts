import { describe, expect, it } from 'vitest';
import { HourOfDayBaseline } from './baselines';
import { theilSenLine } from './forecast-robust-fit';
import { HOUR_MS, type HourFeatures } from './hourly-features';
import { forecastTimeToLimit } from './limit-forecast';
import { fitLine } from './trend-forecast';

const NOW = Date.UTC(2026, 1, 1);

/** A unit whose usual duty is 0.3 at night and 0.5 by day, with capacity 20 °C/h at every hour. */
function learnedBaselines() {
  const duty = new HourOfDayBaseline(0.02);
  const capacity = new HourOfDayBaseline(0.1, 0.04);
  for (let day = 0; day < 14; day++) {
    for (let h = 0; h < 24; h++) {
      const wobble = ((day * 7 + h * 3) % 5) * 0.01;
      duty.learn(h, (h >= 8 && h < 22 ? 0.5 : 0.3) + wobble);
      capacity.learn(h, 20 + wobble * 10);
    }
  }
  expect(duty.freeze() && capacity.freeze()).toBe(true);
  return { duty, capacity };
}

function hour(tH: number, capacityCPerH: number, duty: number): HourFeatures {
  const hourStartMs = NOW + tH * HOUR_MS;
  return {
    hourStartMs,
    localHour: ((Math.floor(hourStartMs / HOUR_MS) % 24) + 24) % 24,
    duty,
    cyclesPerH: 4,
    pullDownCPerH: capacityCPerH - 5,
    warmUpCPerH: 5,
    capacityCPerH,
    meanTempC: 2,
    doorOpenings: 8,
    runningPowerW: undefined,
  };
}

describe('Theil–Sen line', () => {
  it('keeps the slope of the many points when a few hours are thrown (least squares is not)', () => {
    const ts = Array.from({ length: 40 }, (_, i) => i - 40);
    const ys = ts.map((t, i) => 0.8 - 0.002 * t + ((i * 7) % 5) * 0.002);
    // Three delivery hours read far too low near the end.
    for (const i of [36, 37, 38]) ys[i] = (ys[i] as number) - 0.3;
    const robust = theilSenLine(ts, ys);
    const ols = fitLine(ts, ys);
    expect(robust?.slope).toBeCloseTo(-0.002, 3);
    expect(Math.abs((ols?.slope ?? 0) + 0.002)).toBeGreaterThan(0.001);
    expect(robust?.slopeSe).toBeGreaterThan(0);
  });

  it('has no line through fewer than three points or a single instant', () => {
    expect(theilSenLine([1, 2], [1, 2])).toBeUndefined();
    expect(theilSenLine([5, 5, 5], [1, 2, 3])).toBeUndefined();
  });
});

describe('time to the limit', () => {
  it('a dead defrost heater: capacity as 1 / (1 + frost), forecast where the busy hour saturates', () => {
    const baselines = learnedBaselines();
    const busy = baselines.duty.busy() as number;
    // Frost builds at a steady rate from 12 h ago: the share left is 1 / (1 + 0.02·(t + 12)).
    const hours = Array.from({ length: 12 }, (_, i) => {
      const t = i - 12;
      return hour(t, 20 / (1 + 0.02 * (t + 12.5)), 0.5);
    });
    const forecast = forecastTimeToLimit(hours, 'frost', baselines, NOW, 5, 'cold');
    const truth = (1 / busy - 1) / 0.02 - 12;
    expect(forecast).not.toBeNull();
    expect(Math.abs((forecast?.hours ?? 0) - truth)).toBeLessThan(1);
    expect(forecast?.lowHours).toBeLessThanOrEqual(forecast?.hours ?? 0);
    expect(forecast?.highHours).toBeGreaterThan(forecast?.hours ?? 0);
    // A straight line on the share itself would promise too early a crossing (the decay slows).
    const asWear = forecastTimeToLimit(hours, 'capacity', baselines, NOW, 5, 'cold');
    expect(asWear === null || asWear.hours < truth - 5).toBe(true);
  });

  it('a fryer crosses before its busy hour saturates: the level is higher than a cooler’s', () => {
    const baselines = learnedBaselines();
    // A wearing element: the share falls 0.2 % an hour over the last three days.
    const hours = Array.from({ length: 72 }, (_, i) => {
      const t = i - 72;
      return hour(t, 20 * (0.9 - 0.002 * (t + 72)), 0.5);
    });
    const cold = forecastTimeToLimit(hours, 'capacity', baselines, NOW, 5, 'cold');
    const fryer = forecastTimeToLimit(hours, 'capacity', baselines, NOW, 170, 'fryer_low');
    expect(cold && fryer).toBeTruthy();
    expect((fryer?.hours ?? 0) + 20).toBeLessThan(cold?.hours ?? 0);
  });

  it('gives no forecast while the share is not falling', () => {
    const baselines = learnedBaselines();
    const hours = Array.from({ length: 48 }, (_, i) => hour(i - 48, 20 + (i % 3) * 0.1, 0.5));
    expect(forecastTimeToLimit(hours, 'capacity', baselines, NOW, 5, 'cold')).toBeNull();
  });
});
