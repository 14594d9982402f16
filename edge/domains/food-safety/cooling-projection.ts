import type { CoolingProjection } from '../../../shared/api/food-safety';
import type { StoredStage } from './cooling-store';
import { fromCc } from './food-safety-views';

/** A probe reading of a batch. */
export interface Sample {
  ts: number;
  value: number;
}

/** Less curve than this is noise: a lid lifted, the probe moved. */
const MIN_FIT_SPAN_MS = 5 * 60_000;
const MIN_FIT_READINGS = 3;

/**
 * Least squares through the readings since t0, solved for the pending stage's
 * temperature: a miss when it lands after the stage's deadline, or never (warming or
 * flat). Null while there is too little curve to say.
 */
export function projectCooling(
  t0: number | null,
  stages: readonly StoredStage[],
  window: readonly Sample[],
): CoolingProjection | null {
  const index = stages.findIndex((s) => s.result === 'pending');
  const stage = stages[index];
  const samples = window.filter((s) => t0 !== null && s.ts >= t0);
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (t0 === null || !stage || !first || !last) return null;
  if (samples.length < MIN_FIT_READINGS || last.ts - first.ts < MIN_FIT_SPAN_MS) return null;
  const meanX = samples.reduce((sum, s) => sum + (s.ts - first.ts), 0) / samples.length;
  const meanY = samples.reduce((sum, s) => sum + s.value, 0) / samples.length;
  let sxy = 0;
  let sxx = 0;
  for (const s of samples) {
    const dx = s.ts - first.ts - meanX;
    sxy += dx * (s.value - meanY);
    sxx += dx * dx;
  }
  const slopePerMs = sxx === 0 ? 0 : sxy / sxx;
  const deadline = t0 + stage.within_min * 60_000;
  const at =
    slopePerMs < 0 ? Math.round(first.ts + meanX + (fromCc(stage.to_cc) - meanY) / slopePerMs) : null;
  return {
    stage: index + 1,
    at,
    miss: at === null || at > deadline,
    slopeCPerH: Math.round(slopePerMs * 3_600_000 * 100) / 100,
  };
}
