import Decimal from 'decimal.js';
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiFixture, bearer, createApiFixture } from '../edge/api/testing/api-fixture';
import { predictiveRoutes } from '../edge/domains/predictive/predictive-routes';
import { predictiveRig } from '../edge/domains/predictive/testing/predictive-rig';
import { storeWithRules } from '../edge/domains/rules/testing/rule-test-kit';
import { ColdBoxSim } from '../firmware-sim/degradation/cold-box-sim';
import type { StoreConfig } from '../shared/config/store-config';
import type { PredictiveAssetView } from '../shared/predictive/predictive-asset-view';
import { PredictiveConfig } from '../shared/predictive/predictive-config';

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 4, 16);

function storeWithAssetRegister(): StoreConfig {
  const config = storeWithRules({});
  return {
    ...config,
    equipment: config.equipment.map((e) =>
      e.id === 'wic-1'
        ? {
            ...e,
            asset: {
              installDate: '2017-01-05',
              expectedLifeYears: 12,
              replacementPrice: '42000.00',
              ratedPowerKw: 1.2,
            },
          }
        : e,
    ),
    predictive: PredictiveConfig.parse({ tariffPerKwh: '1.4' }),
  };
}

describe('GET /api/predictive/assets', () => {
  let f: ApiFixture | undefined;
  let r: ReturnType<typeof predictiveRig> | undefined;
  afterEach(async () => {
    await f?.close();
    r?.stop();
  });

  it('shows learning days left, then the finding with its forecast and the repair-or-replace figures', async () => {
    r = predictiveRig(storeWithAssetRegister(), START);
    await r.predictive.start();
    f = await createApiFixture({ routes: predictiveRoutes({ predictive: r.predictive }) });
    const technician = bearer(await f.tokenFor('technician'));
    const sim = new ColdBoxSim({
      seed: 3,
      startMs: START,
      utcOffsetH: 8,
      degradations: [{ kind: 'condenser_fouling', startsAtH: 30 * 24, rampH: 240, severity: 0.58 }],
    });

    r.play('wic-1', sim, START + 4 * DAY);
    const learning = await f.server.inject({ url: '/api/predictive/assets', headers: technician });
    expect(learning.statusCode).toBe(200);
    const [cooler, freezer] = learning.json<PredictiveAssetView[]>();
    expect(cooler).toMatchObject({
      equipmentId: 'wic-1',
      state: 'learning',
      learningDaysLeft: 10,
      finding: null,
    });
    // No reading yet: the whole learning period lies ahead; no asset register: named, not guessed.
    expect(freezer).toMatchObject({ equipmentId: 'wif-1', state: 'learning', learningDaysLeft: 14 });
    expect(freezer?.repairOrReplace).toBeNull();
    expect(freezer?.notes[0]?.en).toContain('installDate, expectedLifeYears, replacementPrice missing');

    r.play('wic-1', sim, START + 33 * DAY);
    const found = await f.server.inject({ url: '/api/predictive/assets', headers: technician });
    const view = found.json<PredictiveAssetView[]>()[0];
    const ticket = r.predictiveTickets()[0];
    expect(view).toMatchObject({
      state: 'finding',
      learningDaysLeft: null,
      finding: { cause: 'condenser_fouling', ticketId: ticket?.id, ticketStatus: 'open' },
    });
    expect(view?.finding?.forecast?.limitC).toBe(5);
    expect(view?.finding?.summary['zh-CN']).toContain('疑似冷凝器脏堵');
    const duty = view?.finding?.evidence.find((e) => e.feature === 'duty_cycle');
    expect(duty && duty.current > duty.baselineMean).toBe(true);
    // Extra duty × 1.2 kW × 24 h a day (to 0.01 kWh) × ¥1.4 × 365 days, exact to the fen.
    const kwhPerDay = new Decimal((duty?.current ?? 0) - (duty?.baselineMean ?? 0))
      .times('1.2')
      .times(24)
      .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    expect(view?.repairOrReplace).toMatchObject({
      recommendation: 'watch',
      rule: 'no_repair_quote',
      figures: {
        lifeUsedPercent: '76',
        replacementPrice: '42000.00',
        energyPenaltyPerYear: kwhPerDay.times('1.4').times(365).toFixed(2),
      },
    });
    expect(view?.notes.map((n) => n.en).join(' ')).toContain('No repair quote on an open ticket');
  });

  it('is for the maintenance roles, not the wall screen', async () => {
    r = predictiveRig(storeWithAssetRegister(), START);
    await r.predictive.start();
    f = await createApiFixture({ routes: predictiveRoutes({ predictive: r.predictive }) });
    const display = await f.server.inject({
      url: '/api/predictive/assets',
      headers: bearer(await f.tokenFor('display')),
    });
    expect(display.statusCode).toBe(403);
    const staff = await f.server.inject({
      url: '/api/predictive/assets',
      headers: bearer(await f.tokenFor('staff')),
    });
    expect(staff.statusCode).toBe(403);
  });
});
