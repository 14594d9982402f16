import { z } from 'zod';
import { PredictiveFeature } from './predictive-finding';

/** The hourly features the evidence chart can draw (defrost features are per defrost, not per hour). */
export const HourlyEvidenceFeature = PredictiveFeature.extract([
  'duty_cycle',
  'cycles_per_h',
  'pull_down_c_per_h',
  'warm_up_c_per_h',
  'capacity_c_per_h',
]);
export type HourlyEvidenceFeature = z.infer<typeof HourlyEvidenceFeature>;

export const PredictiveEvidenceParams = z.object({ equipmentId: z.string().min(1).max(64) });

export const PredictiveEvidenceQuery = z.strictObject({
  /** Hours back from now; a week at most (a walk-in reports ~35 000 rows a day). */
  hours: z.coerce.number().int().min(6).max(168).default(72),
  /** Which feature; default: the finding's first hourly evidence, else capacity. */
  feature: HourlyEvidenceFeature.optional(),
});
export type PredictiveEvidenceQuery = z.infer<typeof PredictiveEvidenceQuery>;

/** One clock hour: the unit's value and its own baseline for that local hour of day. */
export const EvidencePoint = z.object({
  hourStartMs: z.number().int().nonnegative(),
  /** null when the hour had too little clean running to measure the feature */
  value: z.number().finite().nullable(),
  /** null while the baseline is still being learned */
  baselineMean: z.number().finite().nullable(),
  baselineSd: z.number().finite().nonnegative().nullable(),
});
export type EvidencePoint = z.infer<typeof EvidencePoint>;

/** `GET /api/predictive/assets/{id}/evidence`: hourly feature values vs baseline mean ± sd. */
export const PredictiveEvidenceSeries = z.object({
  equipmentId: z.string(),
  feature: HourlyEvidenceFeature,
  /** duty in %, cycles per hour, slopes and capacity in °C/h */
  unit: z.enum(['%', '/h', '°C/h']),
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
  points: z.array(EvidencePoint).max(168),
});
export type PredictiveEvidenceSeries = z.infer<typeof PredictiveEvidenceSeries>;
