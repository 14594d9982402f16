import { afterEach, describe, expect, it } from 'vitest';
import { type ApiFixture, bearer, createApiFixture } from '../edge/api/testing/api-fixture';
import { predictiveEvidenceRoutes } from '../edge/domains/predictive/predictive-evidence-routes';
import { predictiveRig } from '../edge/domains/predictive/testing/predictive-rig';
import { storeWithRules } from '../edge/domains/rules/testing/rule-test-kit';
import { ColdBoxSim } from '../firmware-sim/degradation/cold-box-sim';
import type { PredictiveEvidenceSeries } from '../shared/predictive/predictive-evidence';

const DAY = 86_400_000;
/** Midnight in Shanghai. */
const START = Date.UTC(2026, 0, 4, 16);

describe('GET /api/predictive/assets/{id}/evidence', () => {
  let f: ApiFixture | undefined;
  let r: ReturnType<typeof predictiveRig> | undefined;
  afterEach(async () => {
    await f?.close();
    r?.stop();
  });

  it('gives a healthy walk-in’s hourly duty inside its own learned band, and refuses what it cannot draw', async () => {
    r = predictiveRig(storeWithRules({}), START);
    await r.predictive.start();
    const rig = r;
    f = await createApiFixture({
      routes: predictiveEvidenceRoutes({
        predictive: rig.predictive,
        db: rig.db,
        clock: rig.clock,
        timezone: () => 'Asia/Shanghai',
      }),
    });
    const technician = bearer(await f.tokenFor('technician'));
    const sim = new ColdBoxSim({ seed: 5, startMs: START, utcOffsetH: 8 });
    rig.play('wic-1', sim, START + 14 * DAY);
    rig.play('wic-1', sim, START + 17 * DAY, { store: true });

    const answer = await f.server.inject({
      url: '/api/predictive/assets/wic-1/evidence?hours=48&feature=duty_cycle',
      headers: technician,
    });
    expect(answer.statusCode).toBe(200);
    const series = answer.json<PredictiveEvidenceSeries>();
    expect(series).toMatchObject({ equipmentId: 'wic-1', feature: 'duty_cycle', unit: '%' });
    expect(series.to - series.from).toBe(48 * 3_600_000);
    // The hour that ended at `to` is complete once a sample of the next one is stored; the clock stands at `to`.
    expect(series.points).toHaveLength(47);
    const measured = series.points.filter((p) => p.value !== null && p.baselineMean !== null);
    expect(measured.length).toBeGreaterThan(40);
    // Duty in percent, next to the mean this unit learned for that hour of the day.
    for (const p of measured) {
      expect(p.value).toBeGreaterThanOrEqual(0);
      expect(p.value).toBeLessThanOrEqual(100);
      expect(p.baselineSd).toBeGreaterThan(0);
    }
    const inBand = measured.filter(
      (p) => Math.abs((p.value ?? 0) - (p.baselineMean ?? 0)) <= 3 * (p.baselineSd ?? 0),
    );
    expect(inBand.length / measured.length).toBeGreaterThan(0.9);
    // Default: no finding yet, so the cooling capacity.
    const fallback = await f.server.inject({
      url: '/api/predictive/assets/wic-1/evidence',
      headers: technician,
    });
    expect(fallback.json<PredictiveEvidenceSeries>()).toMatchObject({
      feature: 'capacity_c_per_h',
      unit: '°C/h',
    });

    const unwatched = await f.server.inject({
      url: '/api/predictive/assets/grill-9/evidence',
      headers: technician,
    });
    expect(unwatched.statusCode).toBe(404);
    const perDefrost = await f.server.inject({
      url: '/api/predictive/assets/wic-1/evidence?feature=defrost_duration_min',
      headers: technician,
    });
    expect(perDefrost.statusCode).toBe(400);
    const tooLong = await f.server.inject({
      url: '/api/predictive/assets/wic-1/evidence?hours=9999',
      headers: technician,
    });
    expect(tooLong.statusCode).toBe(400);
    const staff = await f.server.inject({
      url: '/api/predictive/assets/wic-1/evidence',
      headers: bearer(await f.tokenFor('staff')),
    });
    expect(staff.statusCode).toBe(403);
  }, 60_000);
});
