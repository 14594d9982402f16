import { describe, expect, it } from 'vitest';
import type { TelemetryRow } from '../../shared/predictive/telemetry-row';
import { ColdBoxSim } from './cold-box-sim';
import type { Degradation } from './degradation-spec';
import { FryerSim } from './fryer-sim';

const START = Date.UTC(2026, 0, 4, 16); // local midnight in Shanghai
const DAY = 86_400_000;

function coolerDays(days: number, seed: number, degradations: Degradation[] = [], fromDay = 0) {
  const sim = new ColdBoxSim({ seed, startMs: START, utcOffsetH: 8, degradations });
  const rows: TelemetryRow[] = [];
  sim.runUntil(START + days * DAY, (r) => {
    if (r.ts >= START + fromDay * DAY) rows.push(r);
  });
  return rows;
}

function stats(rows: TelemetryRow[], days: number) {
  let on = 0;
  let n = 0;
  let defrosts = 0;
  let doorOpenings = 0;
  let prev: Record<string, unknown> = {};
  const defrostStarts: number[] = [];
  const defrostMinutes: number[] = [];
  for (const r of rows) {
    if (r.metric === 'compressor_on') {
      n++;
      if (r.value) on++;
    }
    if (r.metric === 'defrost_on') {
      if (r.value && !prev.defrost_on) {
        defrosts++;
        defrostStarts.push(r.ts);
      }
      if (!r.value && prev.defrost_on) defrostMinutes.push((r.ts - (defrostStarts.at(-1) ?? r.ts)) / 60_000);
      prev.defrost_on = r.value;
    }
    if (r.metric === 'door_open') {
      if (r.value && !prev.door_open) doorOpenings++;
      prev.door_open = r.value;
    }
  }
  prev = {};
  return { duty: on / n, defrostsPerDay: defrosts / days, doorsPerDay: doorOpenings / days, defrostMinutes };
}

describe('degradation simulator', () => {
  it('replays the same telemetry for the same seed and differs for another', () => {
    const a = coolerDays(1, 7);
    const b = coolerDays(1, 7);
    const c = coolerDays(1, 8);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(new Set(a.map((r) => r.metric))).toEqual(
      new Set(['temp_c', 'door_open', 'compressor_on', 'defrost_on']),
    );
  });

  it('runs a normal walk-in as a kitchen does: ~45 % duty, four defrosts a day, busy doors, under 5 °C', () => {
    const s = stats(coolerDays(7, 3), 7);
    expect(s.duty).toBeGreaterThan(0.35);
    expect(s.duty).toBeLessThan(0.55);
    expect(s.defrostsPerDay).toBeCloseTo(4, 0);
    // ~200 openings a day of 5–60 s; the 10 s reports miss some of the shortest.
    expect(s.doorsPerDay).toBeGreaterThan(130);
    expect(s.doorsPerDay).toBeLessThan(220);
    expect(Math.max(...s.defrostMinutes)).toBeLessThan(30);
  });

  it('a fouling condenser raises the duty over days; a dead defrost heater runs defrosts to their limit', () => {
    const fouled = stats(
      coolerDays(6, 3, [{ kind: 'condenser_fouling', startsAtH: 0, rampH: 96, severity: 0.5 }], 5),
      1,
    );
    expect(fouled.duty).toBeGreaterThan(stats(coolerDays(6, 3, [], 5), 1).duty + 0.2);
    const heater = stats(coolerDays(2, 3, [{ kind: 'defrost_heater_failure', startsAtH: 0 }]), 2);
    expect(Math.min(...heater.defrostMinutes)).toBeGreaterThanOrEqual(29.9);
  });

  it('a metered compressor draws more with a fouled condenser and less with a short charge', () => {
    const runningW = (degradations: Degradation[]) => {
      const sim = new ColdBoxSim({ seed: 3, startMs: START, utcOffsetH: 8, degradations, ratedPowerW: 1500 });
      let on = false;
      let sum = 0;
      let n = 0;
      const odd: unknown[] = [];
      sim.runUntil(START + 2 * DAY, (r) => {
        if (r.metric === 'compressor_on') on = r.value === true;
        if (r.metric !== 'compressor_power_w' || r.ts < START + DAY) return;
        // Nothing while stopped; a running draw within the meter's physical range.
        if (typeof r.value !== 'number' || r.value < 0 || r.value > 3000 || (!on && r.value !== 0))
          odd.push(r);
        else if (on) {
          sum += r.value;
          n++;
        }
      });
      expect(odd).toEqual([]);
      return sum / n;
    };
    const healthy = runningW([]);
    expect(healthy).toBeGreaterThan(1300);
    expect(healthy).toBeLessThan(1700);
    const fouled = runningW([{ kind: 'condenser_fouling', startsAtH: 0, severity: 0.3 }]);
    const short = runningW([{ kind: 'refrigerant_loss', startsAtH: 0, severity: 0.3 }]);
    expect(fouled).toBeGreaterThan(healthy * 1.1);
    expect(short).toBeLessThan(healthy * 0.92);
  });

  it('a meter changes nothing else: the same unit reports the same without one', () => {
    const rows = (ratedPowerW?: number) => {
      const sim = new ColdBoxSim({ seed: 6, startMs: START, utcOffsetH: 8, ratedPowerW });
      const out: TelemetryRow[] = [];
      sim.runUntil(START + DAY / 4, (r) => out.push(r));
      return out;
    };
    const metered = rows(1500);
    expect(metered.filter((r) => r.metric !== 'compressor_power_w')).toEqual(rows());
    expect(() => new ColdBoxSim({ seed: 1, startMs: START, ratedPowerW: -5 })).toThrow(/rated power/);
  });

  it('refuses a degradation it does not know, naming the field', () => {
    expect(
      () => new ColdBoxSim({ seed: 1, startMs: START, degradations: [{ kind: 'gremlins', startsAtH: 0 }] }),
    ).toThrow(/kind/);
    expect(
      () =>
        new ColdBoxSim({
          seed: 1,
          startMs: START,
          degradations: [{ kind: 'door_seal_leak', startsAtH: 0, typo: 1 }],
        }),
    ).toThrow(/typo/);
  });

  it('a weakening fryer element takes longer to heat the oil each morning', () => {
    const warmUpMinutes = (degradations: Degradation[]) => {
      const sim = new FryerSim({ seed: 5, startMs: START, utcOffsetH: 8, degradations });
      let heatingFrom: number | undefined;
      let reached: number | undefined;
      sim.runUntil(START + 4 * DAY + 8 * 3_600_000, (r) => {
        if (r.ts < START + 4 * DAY || reached !== undefined) return;
        // From the morning switch-on (the element's first call for heat) to 170 °C.
        if (r.metric === 'heating_on' && r.value === true) heatingFrom ??= r.ts;
        if (r.metric === 'oil_temp_c' && heatingFrom !== undefined && (r.value as number) >= 170)
          reached = r.ts;
      });
      return ((reached ?? 0) - (heatingFrom ?? 0)) / 60_000;
    };
    const healthy = warmUpMinutes([]);
    const weak = warmUpMinutes([{ kind: 'fryer_element_weak', startsAtH: 0, severity: 0.5 }]);
    expect(healthy).toBeGreaterThan(3);
    expect(weak).toBeGreaterThan(healthy * 1.6);
  });
});
