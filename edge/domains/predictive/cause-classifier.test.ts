import { describe, expect, it } from 'vitest';
import { assetMetricsOfType } from './asset-kind';
import { HourOfDayBaseline } from './baselines';
import { classifyCapacityLoss, learnPowerPerWarmUp } from './cause-classifier';
import { HOUR_MS, type HourFeatures } from './hourly-features';

const COOLER = assetMetricsOfType('walk_in_cooler');
if (!COOLER) throw new Error('walk-in cooler has predictive metrics');

/** A repeatable wobble of ±2 % so the baselines have a spread, as real hours do. */
const wobble = (i: number) => (((i * 37) % 11) - 5) * 0.004;

function hour(i: number, o: { capacity: number; warmUp: number; power?: number }): HourFeatures {
  return {
    hourStartMs: i * HOUR_MS,
    localHour: i % 24,
    duty: 0.5,
    cyclesPerH: 4,
    pullDownCPerH: o.capacity - o.warmUp,
    warmUpCPerH: o.warmUp,
    capacityCPerH: o.capacity,
    meanTempC: 2,
    doorOpenings: 8,
    runningPowerW: o.power,
  };
}

/** Fourteen days of a healthy unit: the air (warm-up) moves its power by 0.2 × its own shift. */
function learned(metered: boolean) {
  const capacity = new HourOfDayBaseline(0.1, 0.04);
  const warmUp = new HourOfDayBaseline(0.05, 0.06);
  const power = new HourOfDayBaseline(5, 0.01);
  const hours: HourFeatures[] = [];
  for (let i = 0; i < 14 * 24; i++) {
    const air = 0.06 * Math.sin(i / 17);
    const h = hour(i, {
      capacity: 24 * (1 + wobble(i)),
      warmUp: 5 * (1 + air),
      power: metered ? 1500 * (1 + 0.2 * air + wobble(i + 3) / 4) : undefined,
    });
    hours.push(h);
    capacity.learn(h.localHour, h.capacityCPerH);
    warmUp.learn(h.localHour, h.warmUpCPerH);
    power.learn(h.localHour, h.runningPowerW);
  }
  capacity.freeze();
  warmUp.freeze();
  power.freeze();
  const b = { capacity, warmUp, power, powerPerWarmUp: 0 };
  b.powerPerWarmUp = learnPowerPerWarmUp(hours, b);
  return b;
}

/** Two days of a 6 % capacity loss on a warm spell (+8 % warm-up), with the draw `powerShift` off. */
function drifting(powerShift: number | undefined) {
  return Array.from({ length: 48 }, (_, i) =>
    hour(20 * 24 + i, {
      capacity: 24 * (0.94 + wobble(i)),
      warmUp: 5 * 1.08,
      power: powerShift === undefined ? undefined : 1500 * (1 + 0.2 * 0.08 + powerShift + wobble(i) / 4),
    }),
  );
}

describe('capacity loss: condenser or charge', () => {
  it('learns how much the air moves the unit’s draw', () => {
    expect(learned(true).powerPerWarmUp).toBeCloseTo(0.2, 1);
    expect(learned(false).power.learned).toBe(false);
  });

  it('names the condenser when the draw rises, the charge when it falls, after taking the warm air out', () => {
    const b = learned(true);
    const up = classifyCapacityLoss(COOLER, drifting(0.025), b, 0);
    expect(up.cause).toBe('condenser_fouling');
    expect(up.alsoPossible).toEqual(['refrigerant_loss']);
    expect(up.powerShift?.value).toBeCloseTo(0.025, 2);
    // The warm spell alone raised the draw 1.6 %: a charge losing 1.5 % still reads as a fall.
    const down = classifyCapacityLoss(COOLER, drifting(-0.015), b, 0);
    expect(down.cause).toBe('refrigerant_loss');
    expect(down.powerShift?.value).toBeLessThan(0);
  });

  it('without a meter goes on as before, on how the loss follows the air', () => {
    const verdict = classifyCapacityLoss(COOLER, drifting(undefined), learned(false), 0);
    expect(verdict.powerShift).toBeUndefined();
    expect(verdict.airDependence).toBeDefined();
  });

  it('a recent heater-less defrost still comes first', () => {
    expect(classifyCapacityLoss(COOLER, drifting(0.03), learned(true), 1).cause).toBe(
      'defrost_heater_failure',
    );
  });
});
