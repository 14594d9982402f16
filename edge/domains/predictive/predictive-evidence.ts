import type {
  EvidencePoint,
  HourlyEvidenceFeature,
  PredictiveEvidenceSeries,
} from '../../../shared/predictive/predictive-evidence';
import type { TelemetryRow } from '../../../shared/predictive/telemetry-row';
import type { AssetMetrics } from './asset-kind';
import type { BaselineSnapshot } from './baseline-snapshot';
import type { HourOfDaySnapshot } from './baselines';
import { CycleSegmenter } from './cycle-segmenter';
import { HOUR_MS, type HourFeatures, HourlyFeatureBuilder } from './hourly-features';
import { SampleAssembler } from './telemetry-sample';

/** Where each drawable feature sits in the hourly features and in the learned baseline. */
const FEATURE_OF: Record<
  HourlyEvidenceFeature,
  {
    value: (h: HourFeatures) => number | undefined;
    baseline: keyof BaselineSnapshot['hourly'];
    unit: PredictiveEvidenceSeries['unit'];
    /** duty is a share; people read it in percent */
    scale: number;
  }
> = {
  duty_cycle: { value: (h) => h.duty, baseline: 'duty', unit: '%', scale: 100 },
  cycles_per_h: { value: (h) => h.cyclesPerH, baseline: 'cycles', unit: '/h', scale: 1 },
  pull_down_c_per_h: { value: (h) => h.pullDownCPerH, baseline: 'pullDown', unit: '°C/h', scale: 1 },
  warm_up_c_per_h: { value: (h) => h.warmUpCPerH, baseline: 'warmUp', unit: '°C/h', scale: 1 },
  capacity_c_per_h: { value: (h) => h.capacityCPerH, baseline: 'capacity', unit: '°C/h', scale: 1 },
};

export interface EvidenceInput {
  equipmentId: string;
  metrics: AssetMetrics;
  feature: HourlyEvidenceFeature;
  baseline: BaselineSnapshot | undefined;
  localHourOf: (ms: number) => number;
  range: { from: number; to: number };
  /** the stored rows of the range in time order, page by page (StoredTelemetry.replay) */
  replay: (onRows: (rows: TelemetryRow[]) => void) => Promise<number>;
}

/**
 * The evidence chart's series: the same hourly features the monitor judges, rebuilt from
 * the stored rows of the range (the monitor keeps only what it needs to judge), beside
 * the unit's own learned mean ± spread for each hour's local hour of day.
 */
export async function evidenceSeries(input: EvidenceInput): Promise<PredictiveEvidenceSeries> {
  const { feature, localHourOf } = input;
  const spec = FEATURE_OF[feature];
  const hours: HourFeatures[] = [];
  const assembler = new SampleAssembler(input.metrics);
  const hourly = new HourlyFeatureBuilder(input.metrics, localHourOf, (h) => hours.push(h));
  const segmenter = new CycleSegmenter((g) => hourly.pushSegment(g));
  await input.replay((rows) => {
    for (const row of rows) {
      const sample = assembler.push(row);
      if (!sample) continue;
      segmenter.push(sample);
      hourly.pushSample(sample);
    }
  });
  const learned: HourOfDaySnapshot | null = input.baseline?.hourly[spec.baseline] ?? null;
  const points: EvidencePoint[] = hours
    .filter((h) => h.hourStartMs >= input.range.from && h.hourStartMs + HOUR_MS <= input.range.to)
    .slice(-168)
    .map((h) => {
      const raw = spec.value(h);
      const mean = learned?.means[h.localHour];
      return {
        hourStartMs: h.hourStartMs,
        value: raw === undefined || !Number.isFinite(raw) ? null : round(raw * spec.scale),
        baselineMean: mean === undefined ? null : round(mean * spec.scale),
        baselineSd: learned ? round(learned.sd * spec.scale) : null,
      };
    });
  return {
    equipmentId: input.equipmentId,
    feature,
    unit: spec.unit,
    from: input.range.from,
    to: input.range.to,
    points,
  };
}

const round = (v: number) => Math.round(v * 1000) / 1000;

/** The feature a finding's evidence leads with, when it can be drawn hourly; else capacity. */
export function leadingHourlyFeature(
  evidence: readonly { feature: string }[] | undefined,
): HourlyEvidenceFeature {
  for (const e of evidence ?? []) if (e.feature in FEATURE_OF) return e.feature as HourlyEvidenceFeature;
  return 'capacity_c_per_h';
}
