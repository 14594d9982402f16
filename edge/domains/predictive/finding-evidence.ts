import type { FeatureEvidence, PredictiveFeature } from '../../../shared/predictive/predictive-finding';
import type { AssetMetrics } from './asset-kind';
import type { HourOfDayBaseline, ScalarBaseline } from './baselines';
import type { DefrostEvent } from './defrost-tracker';
import type { HourFeatures } from './hourly-features';

export interface EvidenceBaselines {
  capacity: HourOfDayBaseline;
  duty: HourOfDayBaseline;
  cycles: HourOfDayBaseline;
  pullDown: HourOfDayBaseline;
  warmUp: HourOfDayBaseline;
  temp: HourOfDayBaseline;
  power: HourOfDayBaseline;
  defrostMin: ScalarBaseline;
  defrostRise: ScalarBaseline;
}

/**
 * The features behind a finding, each as where it sat in the learning days and where it
 * is over the recent hours (the last day): what the ticket and its evidence chart show.
 * Running power is there only for a metered unit: it is what tells a fouled condenser
 * (power up) from a short charge (power down).
 */
export function findingEvidence(
  b: EvidenceBaselines,
  recent: readonly HourFeatures[],
  metrics: AssetMetrics,
  defrost?: DefrostEvent,
): FeatureEvidence[] {
  const evidence: FeatureEvidence[] = [];
  const add = (
    feature: PredictiveFeature,
    base: HourOfDayBaseline,
    pick: (x: HourFeatures) => number | undefined,
  ) => {
    const values = recent.map(pick).filter((v): v is number => v !== undefined);
    const mean = base.mean();
    if (!values.length || mean === undefined || !base.learned) return;
    const current = values.reduce((a, c) => a + c, 0) / values.length;
    const sd = base.spread();
    evidence.push({ feature, baselineMean: mean, baselineSd: sd, current, zScore: (current - mean) / sd });
  };
  add('capacity_c_per_h', b.capacity, (x) => x.capacityCPerH);
  add('duty_cycle', b.duty, (x) => x.duty);
  add('running_power_w', b.power, (x) => x.runningPowerW);
  add('cycles_per_h', b.cycles, (x) => x.cyclesPerH);
  add('pull_down_c_per_h', b.pullDown, (x) => x.pullDownCPerH);
  if (metrics.actuatorSign < 0) add('warm_up_c_per_h', b.warmUp, (x) => x.warmUpCPerH);
  const tempMean = b.temp.mean();
  if (tempMean !== undefined) {
    const temps = recent.map((x) => x.meanTempC);
    const current = temps.reduce((a, c) => a + c, 0) / (temps.length || 1) - tempMean;
    evidence.push({
      feature: 'box_temp_over_setpoint_c',
      baselineMean: 0,
      baselineSd: b.temp.spread(),
      current,
      zScore: current / b.temp.spread(),
    });
  }
  const dStats = b.defrostMin.stats;
  const rStats = b.defrostRise.stats;
  if (defrost && dStats && rStats) {
    evidence.push(
      {
        feature: 'defrost_duration_min',
        baselineMean: dStats.mean,
        baselineSd: dStats.sd,
        current: defrost.durationMin,
        zScore: (defrost.durationMin - dStats.mean) / dStats.sd,
      },
      {
        feature: 'defrost_rise_c_per_h',
        baselineMean: rStats.mean,
        baselineSd: rStats.sd,
        current: defrost.riseCPerH,
        zScore: (defrost.riseCPerH - rStats.mean) / rStats.sd,
      },
    );
  }
  return evidence;
}
