import { describe, expect, it } from 'vitest';
import {
  builtinPacks,
  expandControlPoints,
  expandCoolingProbes,
  RulePack,
  type RulePackInput,
} from '../config/food-safety';
import { StoreConfig } from '../config/store-config';
import { configProblems, problemLine } from '../server/config/config-problems';
import { loadStoreConfig } from '../server/config/load-store-config';
import { companyStandardPack } from './packs/company-standard';
import { usFdaFoodCode2022Pack } from './packs/us-fda-food-code-2022';

const DEMO = new URL('../../config/demo-store.yaml', import.meta.url).pathname;

function problems(pack: RulePackInput): string[] {
  const result = RulePack.safeParse(pack);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('rule packs', () => {
  it('ship the company standard and the FDA Food Code, each limit citing a clause the pack quotes', () => {
    const packs = builtinPacks();
    expect(packs.map((p) => p.id)).toEqual(['galley-company-standard', 'us-fda-food-code-2022']);
    const fda = packs[1];
    const limit = (id: string) => fda?.limits.find((l) => l.id === id);
    expect(limit('cold-holding')).toMatchObject({
      bound: 'at_most',
      tempC: 5,
      tempF: 41,
      clause: '3-501.16(A)(2)',
    });
    expect(limit('hot-holding')).toMatchObject({
      bound: 'at_least',
      tempC: 57,
      tempF: 135,
      clause: '3-501.16(A)(1)',
    });
    expect(limit('cooling')).toMatchObject({
      fromC: 57,
      stages: [
        { toC: 21, withinMin: 120 },
        { toC: 5, withinMin: 360 },
      ],
    });
    expect(limit('time-as-control')).toMatchObject({ options: [{ maxHours: 4 }, { maxHours: 6 }] });
    expect(limit('cook-chill-records')).toMatchObject({ minMonths: 6, clause: '3-502.12(D)' });
    expect(packs[0]).toMatchObject({ authority: 'company_standard' });
    for (const clause of packs[0]?.clauses ?? [])
      expect(clause.quote).toMatch(/^Company standard, not a regulation/);
  });

  it('refuse a regulation pack that claims a figure its quoted clause does not carry', () => {
    const claimed = structuredClone(usFdaFoodCode2022Pack);
    const cold = claimed.limits.find((l) => l.id === 'cold-holding');
    if (cold?.kind !== 'holding') throw new Error('no cold-holding limit');
    cold.tempC = 4;
    cold.tempF = 39.2;
    expect(problems(claimed)).toEqual([
      'limits.0.tempC: 4 does not appear in the quoted text of 3-501.16(A)(2): a regulation pack claims only what it quotes',
      'limits.0.tempF: 39.2 does not appear in the quoted text of 3-501.16(A)(2): a regulation pack claims only what it quotes',
    ]);
  });

  it('refuse a limit citing a clause the pack does not state, and °F that is not the °C', () => {
    const pack = structuredClone(companyStandardPack);
    const cold = pack.limits[0];
    if (cold?.kind !== 'holding') throw new Error('no holding limit');
    cold.clause = 'GCS-9';
    cold.tempF = 50;
    expect(problems(pack)).toEqual([
      'limits.0.clause: cites clause "GCS-9", which the pack does not state; stated: GCS-1, GCS-2, GCS-3, GCS-4, GCS-5',
      'limits.0.tempF: 50 °F is not 5 °C',
    ]);
  });

  it('a company standard may state a number only it sets; the same pack as a regulation is refused', () => {
    const own = structuredClone(companyStandardPack);
    const cold = own.limits[0];
    if (cold?.kind !== 'holding') throw new Error('no holding limit');
    cold.tempC = 4;
    cold.tempF = 39;
    expect(problems(own)).toEqual([]);
    expect(problems({ ...own, authority: 'regulation' })).toContain(
      'limits.0.tempC: 4 does not appear in the quoted text of GCS-1: a regulation pack claims only what it quotes',
    );
  });
});

describe('control points in the store config', () => {
  it('the demo store holds its coolers, freezers and hot-holding units to the company pack', () => {
    const config = loadStoreConfig(DEMO);
    const points = expandControlPoints(config.foodSafety.controlPoints, config.equipment);
    expect(points.map((p) => [p.id, p.entry.limit])).toEqual([
      ['wic-1-cold', 'cold-holding'],
      ['ric-1-cold', 'cold-holding'],
      ['ric-2-cold', 'cold-holding'],
      ['ric-3-cold', 'cold-holding'],
      ['wif-1-frozen', 'frozen-holding'],
      ['rif-1-frozen', 'frozen-holding'],
      ['hold-1-hot', 'hot-holding'],
      ['hold-2-hot', 'hot-holding'],
    ]);
    expect(config.foodSafety.controlPoints.every((cp) => cp.recordEveryMin === 1)).toBe(true);
    expect(config.foodSafety.retentionDays).toBeGreaterThanOrEqual(730);
  });

  it('a type the store does not have covers nothing, so a config cut down to one unit stays valid', () => {
    const config = loadStoreConfig(DEMO);
    const cut = StoreConfig.safeParse({
      ...config,
      equipment: config.equipment.filter((e) => e.id === 'wic-1'),
    });
    if (!cut.success) throw new Error(cut.error.message);
    expect(
      expandControlPoints(cut.data.foodSafety.controlPoints, cut.data.equipment).map((p) => p.id),
    ).toEqual(['wic-1-cold']);
  });

  it('name every wrong control point by its path', () => {
    const config = loadStoreConfig(DEMO);
    const company = { pack: 'galley-company-standard', limit: 'cold-holding' };
    const result = StoreConfig.safeParse({
      ...config,
      foodSafety: {
        ...config.foodSafety,
        retentionDays: 365,
        controlPoints: [
          { id: 'a', equipment: 'no-such-unit', ...company },
          { id: 'b', equipment: 'wic-1', metric: 'door_open', ...company },
          { id: 'c', equipment: 'wic-1', pack: 'us-fda-food-code-2022', limit: 'cooling' },
          { id: 'd', equipment: 'wic-1', pack: 'nowhere', limit: 'cold-holding' },
          { id: 'e', equipment: 'wic-1', recordEveryMin: 7, ...company },
          { id: 'wic-1-cold', equipment: 'wic-1', ...company },
          { id: 'cold', types: ['walk_in_cooler'], ...company },
          { id: 'f', equipment: 'wic-1', types: ['walk_in_cooler'], ...company },
        ],
      },
    });
    expect(result.success).toBe(false);
    const lines = result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'foodSafety.retentionDays: Too small: expected number to be >=730',
        'foodSafety.controlPoints.4.recordEveryMin: a divisor of 60, so records line up with the hour',
        'foodSafety.controlPoints.7.equipment: give either `equipment` (one unit) or `types` (every unit of them), not both',
        'foodSafety.controlPoints.0.equipment: unknown equipment "no-such-unit"',
        'foodSafety.controlPoints.1.metric: "door_open" of walk_in_cooler is not a temperature in °C',
        'foodSafety.controlPoints.2.limit: "cooling" is a cooling limit; equipment is held under a holding limit',
        'foodSafety.controlPoints.3.pack: unknown pack "nowhere"; known: galley-company-standard, us-fda-food-code-2022',
        'foodSafety.controlPoints.6.id: control point "wic-1-cold" is also made by controlPoints.5',
      ]),
    );
  });

  it('name every wrong cooling setting by its path, and hint at a misspelt key', () => {
    const config = loadStoreConfig(DEMO);
    const result = StoreConfig.safeParse({
      ...config,
      foodSafety: {
        ...config.foodSafety,
        cooling: {
          pack: 'us-fda-food-code-2022',
          limit: 'cold-holding',
          probes: [
            { equipment: 'no-such-unit' },
            { equipment: 'wic-1', metric: 'door_open' },
            { types: ['fryer'], metric: 'oil_temp' },
            { equipment: 'ric-1', types: ['reach_in_cooler'] },
          ],
        },
      },
    });
    expect(result.success).toBe(false);
    const lines = result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'foodSafety.cooling.limit: "cold-holding" is a holding limit, not a cooling one',
        'foodSafety.cooling.probes.0.equipment: unknown equipment "no-such-unit"',
        'foodSafety.cooling.probes.1.metric: "door_open" of walk_in_cooler is not a temperature in °C',
        'foodSafety.cooling.probes.2.metric: "oil_temp" is not a metric of fryer',
        'foodSafety.cooling.probes.3.equipment: give either `equipment` (one unit) or `types` (every unit of them), not both',
      ]),
    );

    const raw = {
      ...config,
      foodSafety: { ...config.foodSafety, cooling: { ...config.foodSafety.cooling, probe: [] } },
    };
    const misspelt = StoreConfig.safeParse(raw);
    expect(misspelt.success).toBe(false);
    const hints = misspelt.success ? [] : configProblems(StoreConfig, raw, misspelt.error).map(problemLine);
    expect(hints).toContain('foodSafety.cooling.probe: unknown key, did you mean `probes`?');
  });

  it('the demo store cools on its reach-ins, under the FDA’s 3-501.14', () => {
    const config = loadStoreConfig(DEMO);
    expect(config.foodSafety.cooling).toMatchObject({ pack: 'us-fda-food-code-2022', limit: 'cooling' });
    expect(
      expandCoolingProbes(config.foodSafety.cooling?.probes ?? [], config.equipment).map((p) => p.equipment),
    ).toEqual(['ric-1', 'ric-2', 'ric-3']);
  });
});
