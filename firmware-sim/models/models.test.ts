import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { StoreConfig } from '../../shared/config/store-config';
import { FaultRequest } from '../faults';
import { createRng } from '../random';
import { createModel, SIMULATED_TYPES } from './create-model';
import { Dishwasher } from './dishwasher';
import type { Readings } from './equipment-model';
import { Fryer } from './fryer';
import { WalkInCooler } from './walk-in-cooler';

const HOUR_MS = 3_600_000;

function series(seed: number, type: string, steps: number, dtMs: number): Readings[] {
  const model = createModel(type, { rng: createRng(seed) });
  const out: Readings[] = [];
  for (let i = 0; i < steps; i++) {
    model.step(dtMs);
    out.push(model.readings());
  }
  return out;
}

/** Runs `model` for `ms` of sim time in 10 s steps, returning min and max of a numeric metric. */
function range(model: { step(ms: number): void; readings(): Readings }, metric: string, ms: number) {
  let min = Infinity;
  let max = -Infinity;
  for (let t = 0; t < ms; t += 10_000) {
    model.step(10_000);
    const v = model.readings()[metric];
    if (typeof v !== 'number') throw new Error(`${metric} missing`);
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return { min, max };
}

describe('determinism', () => {
  it.each(SIMULATED_TYPES)('%s: same seed gives the same series, another seed a different one', (type) => {
    const a = series(42, type, 200, 10_000);
    expect(series(42, type, 200, 10_000)).toEqual(a);
    expect(series(43, type, 200, 10_000)).not.toEqual(a);
  });
});

describe('metric names follow the demo store config', () => {
  const file = fileURLToPath(new URL('../../config/demo-store.yaml', import.meta.url));
  const config = StoreConfig.parse(parseYaml(readFileSync(file, 'utf8')));
  it.each(Object.entries(config.equipmentTypes))('%s', (type, profile) => {
    const model = createModel(type, { rng: createRng(1) });
    model.step(1000);
    expect(Object.keys(model.readings()).sort()).toEqual(Object.keys(profile.metrics).sort());
  });
});

describe('refrigeration', () => {
  it('a healthy walk-in cooler stays within 0–4 °C over 24 simulated hours', () => {
    const cooler = new WalkInCooler({ rng: createRng(7) });
    const { min, max } = range(cooler, 'temp_c', 24 * HOUR_MS);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThanOrEqual(4);
  });

  it('cycles its compressor and defrosts', () => {
    const cooler = new WalkInCooler({ rng: createRng(8) });
    const seen = { compressorOn: 0, compressorOff: 0, defrost: 0 };
    for (let t = 0; t < 12 * HOUR_MS; t += 10_000) {
      cooler.step(10_000);
      const r = cooler.readings();
      if (r.compressor_on) seen.compressorOn++;
      else seen.compressorOff++;
      if (r.defrost_on) seen.defrost++;
    }
    expect(seen.compressorOn).toBeGreaterThan(100);
    expect(seen.compressorOff).toBeGreaterThan(100);
    expect(seen.defrost).toBeGreaterThan(0);
  });

  it('compressor failure crosses 5 °C after tens of minutes, not seconds or days', () => {
    const cooler = new WalkInCooler({ rng: createRng(9) });
    cooler.step(HOUR_MS);
    cooler.inject(FaultRequest.parse({ fault: 'compressor_failure' }));
    let minutes = 0;
    while (cooler.temperatureC < 5 && minutes < 24 * 60) {
      cooler.step(60_000);
      minutes++;
      expect(cooler.readings().compressor_on).toBe(false);
    }
    expect(minutes).toBeGreaterThan(10);
    expect(minutes).toBeLessThan(180);
  });

  it('a door left ajar takes the box past 5 °C within a minute; closing it recovers', () => {
    const cooler = new WalkInCooler({ rng: createRng(10) });
    cooler.step(HOUR_MS);
    cooler.inject(FaultRequest.parse({ fault: 'door_ajar' }));
    cooler.step(60_000);
    expect(cooler.readings().door_open).toBe(true);
    expect(cooler.temperatureC).toBeGreaterThan(5);
    cooler.clear('door_ajar');
    cooler.step(HOUR_MS);
    expect(cooler.temperatureC).toBeLessThanOrEqual(4);
  });

  it('a door ajar that does not press its switch warms the box while door_open reads false', () => {
    const cooler = new WalkInCooler({ rng: createRng(10) });
    cooler.step(HOUR_MS);
    cooler.inject(FaultRequest.parse({ fault: 'door_ajar', params: { switchDetects: false } }));
    cooler.step(60_000);
    expect(cooler.readings().door_open).toBe(false);
    expect(cooler.temperatureC).toBeGreaterThan(5);
  });

  it('a door barely ajar warms the box more slowly than one propped open', () => {
    const wide = new WalkInCooler({ rng: createRng(10) });
    const crack = new WalkInCooler({ rng: createRng(10) });
    wide.inject(FaultRequest.parse({ fault: 'door_ajar', params: {} }));
    crack.inject(FaultRequest.parse({ fault: 'door_ajar', params: { opening: 0.1 } }));
    wide.step(120_000);
    crack.step(120_000);
    expect(crack.temperatureC).toBeLessThan(wide.temperatureC - 3);
  });

  it('a refrigerant leak warms the box slowly while the compressor never stops', () => {
    const cooler = new WalkInCooler({ rng: createRng(11) });
    cooler.step(HOUR_MS);
    cooler.inject(FaultRequest.parse({ fault: 'refrigerant_leak', params: {} }));
    cooler.step(HOUR_MS);
    const afterOneHour = cooler.temperatureC;
    cooler.step(3 * HOUR_MS);
    expect(cooler.temperatureC).toBeGreaterThan(Math.max(afterOneHour, 5));
    expect(cooler.readings().compressor_on).toBe(true);
  });
});

describe('fryer', () => {
  it('recovers into the 170–185 °C band within minutes of a basket drop', () => {
    const fryer = new Fryer({ rng: createRng(3), basketsPerHour: 0 });
    fryer.step(600_000);
    fryer.dropBasket();
    fryer.step(30_000);
    expect(fryer.temperatureC).toBeLessThan(170);
    fryer.step(150_000);
    expect(fryer.temperatureC).toBeGreaterThanOrEqual(170);
    expect(fryer.temperatureC).toBeLessThanOrEqual(185);
  });

  it('heating element failure lets the oil cool while the controller calls for heat', () => {
    const fryer = new Fryer({ rng: createRng(4), basketsPerHour: 0 });
    fryer.inject(FaultRequest.parse({ fault: 'heating_element_failure' }));
    fryer.step(30 * 60_000);
    expect(fryer.temperatureC).toBeLessThan(165);
    expect(fryer.readings().heating_on).toBe(true);
  });

  it('thermostat runaway overheats the oil up to the high-limit', () => {
    const fryer = new Fryer({ rng: createRng(5), basketsPerHour: 0 });
    fryer.inject(FaultRequest.parse({ fault: 'thermostat_runaway' }));
    const { max } = range(fryer, 'oil_temp_c', 20 * 60_000);
    expect(max).toBeGreaterThan(200);
    expect(max).toBeLessThan(240);
  });

  it('oil life wears down', () => {
    const fryer = new Fryer({ rng: createRng(6) });
    const start = fryer.oilLife;
    fryer.step(10 * HOUR_MS);
    expect(fryer.oilLife).toBeLessThan(start - 5);
  });
});

describe('dishwasher', () => {
  it('final rinse stays ≥ 82 °C over many cycles and the cycle count rises', () => {
    const dish = new Dishwasher({ rng: createRng(12) });
    const start = dish.cycleCount;
    let lowest = Infinity;
    for (let t = 0; t < 4 * HOUR_MS; t += 1000) {
      dish.step(1000);
      lowest = Math.min(lowest, dish.lastRinseMinimumC);
    }
    expect(lowest).toBeGreaterThanOrEqual(82);
    expect(dish.cycleCount).toBeGreaterThan(start + 20);
  });

  it('low rinse temperature fault drops the rinse below 82 °C', () => {
    const dish = new Dishwasher({ rng: createRng(13) });
    dish.inject(FaultRequest.parse({ fault: 'low_rinse_temp', params: {} }));
    dish.step(HOUR_MS);
    const { max } = range(dish, 'rinse_temp_c', HOUR_MS);
    expect(max).toBeLessThan(82);
  });
});

describe('sensor and maker faults', () => {
  it('stuck, drifting, noisy and disconnected sensors change only what is reported', () => {
    const cooler = new WalkInCooler({ rng: createRng(20) });
    cooler.step(HOUR_MS);
    cooler.inject(FaultRequest.parse({ fault: 'sensor_stuck' }));
    const stuckAt = cooler.readings().temp_c;
    cooler.step(HOUR_MS);
    expect(cooler.readings().temp_c).toBe(stuckAt);
    cooler.clear('sensor_stuck');

    cooler.inject(FaultRequest.parse({ fault: 'sensor_drift', params: { ratePerHour: 4 } }));
    cooler.step(2 * HOUR_MS);
    expect(Number(cooler.readings().temp_c) - cooler.temperatureC).toBeGreaterThan(7.5);
    cooler.clear();

    cooler.inject(FaultRequest.parse({ fault: 'sensor_noisy', params: { amplitude: 5 } }));
    const values = Array.from({ length: 50 }, () => Number(cooler.readings().temp_c));
    expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(5);
    cooler.clear();

    cooler.inject(FaultRequest.parse({ fault: 'sensor_disconnected' }));
    expect(cooler.readings()).not.toHaveProperty('temp_c');
    expect(cooler.readings()).toHaveProperty('door_open');
  });

  it('combi oven reports maker fault E34 as an event', () => {
    const oven = createModel('combi_oven', { rng: createRng(21) });
    oven.inject(FaultRequest.parse({ fault: 'maker_fault' }));
    expect(oven.takeEvents()).toEqual([{ code: 'E34', message: 'steam generator overheated' }]);
    expect(oven.takeEvents()).toEqual([]);
  });

  it('refuses a fault the equipment cannot have', () => {
    const hood = createModel('hood', { rng: createRng(22) });
    expect(() => hood.inject(FaultRequest.parse({ fault: 'low_rinse_temp', params: {} }))).toThrow(
      /does not simulate/,
    );
  });
});

describe('energy meter', () => {
  it('follows the load of its circuit and integrates energy', () => {
    let load = 1000;
    const meter = createModel('energy_meter', { rng: createRng(30), loadW: () => load });
    meter.step(1000);
    const before = meter.readings();
    expect(before.power_w).toBe(1000);
    load = 15_000;
    meter.step(HOUR_MS);
    const after = meter.readings();
    expect(after.power_w).toBe(15_000);
    expect(Number(after.energy_kwh) - Number(before.energy_kwh)).toBeCloseTo(15, 1);
  });
});

describe('fault signatures on the other equipment', () => {
  const runWithFault = (type: string, fault: unknown, ms: number) => {
    const model = createModel(type, { rng: createRng(40) });
    model.step(HOUR_MS);
    model.inject(FaultRequest.parse(fault));
    model.step(ms);
    return model.readings();
  };

  it('freezer compressor failure: above −18 °C within hours, compressor off', () => {
    const r = runWithFault('walk_in_freezer', { fault: 'compressor_failure' }, 3 * HOUR_MS);
    expect(r.temp_c).toBeGreaterThan(-18);
    expect(r.compressor_on).toBe(false);
  });

  it('hot-holding heating failure: below 63 °C, heater called for', () => {
    const r = runWithFault('hot_holding', { fault: 'heating_element_failure' }, 2 * HOUR_MS);
    expect(r.temp_c).toBeLessThan(63);
    expect(r.heating_on).toBe(true);
  });

  it('reach-in freezer controller raises its own alarm bits', () => {
    expect(
      runWithFault('reach_in_freezer', { fault: 'compressor_failure' }, 2 * HOUR_MS).alarm_high_temp,
    ).toBe(true);
    expect(runWithFault('reach_in_freezer', { fault: 'sensor_disconnected' }, 1000)).toMatchObject({
      alarm_sensor_fault: true,
    });
  });

  it('hood fan failure: fan commanded on, no airflow', () => {
    expect(runWithFault('hood', { fault: 'fan_failure' }, 60_000)).toMatchObject({
      fan_on: true,
      airflow_m3h: 0,
    });
  });

  it('ice machine compressor failure: no more harvests, water stays warm', () => {
    const model = createModel('ice_machine', { rng: createRng(41) });
    model.step(HOUR_MS);
    model.inject(FaultRequest.parse({ fault: 'compressor_failure' }));
    model.step(20 * 60_000); // a harvest already under way may still finish
    const harvests = model.readings().harvest_count;
    model.step(2 * HOUR_MS);
    expect(model.readings().harvest_count).toBe(harvests);
    // The same machine without the fault keeps harvesting over the same period.
    const healthy = createModel('ice_machine', { rng: createRng(41) });
    healthy.step(HOUR_MS + 20 * 60_000);
    const healthyStart = Number(healthy.readings().harvest_count);
    healthy.step(2 * HOUR_MS);
    expect(Number(healthy.readings().harvest_count)).toBeGreaterThan(healthyStart + 3);
    expect(model.readings().water_temp_c).toBeGreaterThan(5);
  });

  it('HVAC compressor failure: the kitchen warms past 28 °C', () => {
    expect(runWithFault('hvac', { fault: 'compressor_failure' }, HOUR_MS).room_temp_c).toBeGreaterThan(28);
  });

  it('grill thermostat runaway: surface far above its 204 °C setpoint', () => {
    expect(
      runWithFault('grill', { fault: 'thermostat_runaway' }, 30 * 60_000).surface_temp_c,
    ).toBeGreaterThan(240);
  });

  it('combi oven heating failure: the cavity cools while heat is called for', () => {
    const r = runWithFault('combi_oven', { fault: 'heating_element_failure' }, HOUR_MS);
    expect(r.cavity_temp_c).toBeLessThan(80);
    expect(r.heating_on).toBe(true);
  });
});
