import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Equipment } from '../shared/config/equipment';
import { loadStoreConfig } from '../shared/server/config/load-store-config';
import { silentLogger } from '../shared/server/runtime/logger';
import { parseDurationMs } from './duration';
import { FaultRequest } from './faults';
import { loadScenario, Scenario } from './scenario';
import { SimulatedStore } from './simulated-store';

const equipment: Equipment[] = [
  {
    id: 'wic-1',
    type: 'walk_in_cooler',
    station: 'cold',
    name: { en: 'Walk-in', 'zh-CN': '冷藏库' },
    protocol: 'mqtt',
  },
  {
    id: 'dish-1',
    type: 'dishwasher',
    station: 'wash',
    name: { en: 'Dish', 'zh-CN': '洗碗机' },
    protocol: 'mqtt',
  },
];

function store() {
  return new SimulatedStore({ equipment, seed: 1, startEpochMs: 0, logger: silentLogger() });
}

describe('durations', () => {
  it.each([
    ['30s', 30_000],
    ['+30s', 30_000],
    ['2m', 120_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['45', 45_000],
  ])('%s', (text, ms) => expect(parseDurationMs(text)).toBe(ms));

  it('rejects nonsense', () => expect(() => parseDurationMs('soon')).toThrow(/not a duration/));
});

describe('scenario timeline', () => {
  it('applies each step at its sim time, and clears a fault given `for`', () => {
    const sim = store();
    sim.advance(10_000); // the scenario starts 10 s into the run
    sim.runScenario(
      Scenario.parse({
        name: 't',
        steps: [
          { at: '+30s', equipmentId: 'wic-1', fault: 'door_ajar', for: '2m' },
          { at: '1m', equipmentId: 'dish-1', fault: 'low_rinse_temp', params: { rinseTempC: 70 } },
          { at: '5m', equipmentId: 'dish-1', action: 'clear', fault: 'all' },
        ],
      }),
    );
    const faults = (id: string) =>
      sim
        .unit(id)
        .model.faults()
        .map((f) => f.fault);

    sim.advance(29_000);
    expect(faults('wic-1')).toEqual([]);
    sim.advance(1_000);
    expect(faults('wic-1')).toEqual(['door_ajar']);
    expect(sim.unit('wic-1').model.readings().door_open).toBe(true);

    sim.advance(30_000);
    expect(sim.unit('dish-1').model.faults()).toEqual([
      { fault: 'low_rinse_temp', params: { rinseTempC: 70 } },
    ]);

    sim.advance(89_000); // 2m29s after start
    expect(faults('wic-1')).toEqual(['door_ajar']);
    sim.advance(1_000);
    expect(faults('wic-1')).toEqual([]);

    sim.advance(150_000);
    expect(faults('dish-1')).toEqual([]);
  });

  it('applies a step at its own time even inside one long advance', () => {
    const scripted = store();
    scripted.runScenario(
      Scenario.parse({ name: 't', steps: [{ at: '30s', equipmentId: 'wic-1', fault: 'door_ajar' }] }),
    );
    scripted.advance(60_000);

    const byHand = store();
    byHand.advance(30_000);
    byHand.inject('wic-1', FaultRequest.parse({ fault: 'door_ajar' }));
    byHand.advance(30_000);

    expect(scripted.unit('wic-1').model.faults()).toHaveLength(1);
    expect(scripted.unit('wic-1').model.readings()).toEqual(byHand.unit('wic-1').model.readings());
  });

  it('reports bad params with the step path', () => {
    const result = Scenario.safeParse({
      name: 't',
      steps: [{ at: '1s', equipmentId: 'dish-1', fault: 'low_rinse_temp', params: { rinseTempC: 'hot' } }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['steps', 0, 'params', 'rinseTempC']);
  });

  it('refuses a scenario that names unknown equipment before it runs', () => {
    const sim = store();
    const scenario = Scenario.parse({
      name: 't',
      steps: [{ at: '1s', equipmentId: 'nope', fault: 'door_ajar' }],
    });
    expect(() => sim.runScenario(scenario)).toThrow(/no simulated equipment "nope"/);
  });
});

describe('the shipped demo scenario', () => {
  it('takes the walk-in cooler past 5 °C within a minute of real time', () => {
    const demo = loadStoreConfig(fileURLToPath(new URL('../config/demo-store.yaml', import.meta.url)));
    const sim = new SimulatedStore({ equipment: demo.equipment, seed: 1, logger: silentLogger() });
    sim.runScenario(loadScenario(fileURLToPath(new URL('../config/scenarios/demo.yaml', import.meta.url))));
    sim.advance(60_000);
    const readings = sim.unit('wic-1').model.readings();
    expect(Number(readings.temp_c)).toBeGreaterThan(5);
    // The demo rules suppress cooler alarms while door_open is true; this door goes unnoticed.
    expect(readings.door_open).toBe(false);
  });

  it('has fryer 2 report oil above 200 °C from 75 s, long enough for the 10 s overheat rule', () => {
    const demo = loadStoreConfig(fileURLToPath(new URL('../config/demo-store.yaml', import.meta.url)));
    const sim = new SimulatedStore({ equipment: demo.equipment, seed: 1, logger: silentLogger() });
    sim.runScenario(loadScenario(fileURLToPath(new URL('../config/scenarios/demo.yaml', import.meta.url))));
    const oil = () => Number(sim.unit('fryer-2').model.readings().oil_temp_c);
    sim.advance(70_000);
    expect(oil()).toBeLessThan(190);
    sim.advance(10_000);
    expect(oil()).toBeGreaterThan(200);
    sim.advance(60_000);
    expect(oil()).toBeGreaterThan(200);
  });
});
