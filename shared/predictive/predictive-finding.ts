import { z } from 'zod';
import { LocalizedText } from '../localized-text';
import { PredictiveCause } from './predictive-causes';

/** Cycle-level features the checks look at, per asset and hour (or per defrost). */
export const PredictiveFeature = z.enum([
  'duty_cycle',
  'cycles_per_h',
  'pull_down_c_per_h',
  'warm_up_c_per_h',
  'capacity_c_per_h',
  'defrost_duration_min',
  'defrost_rise_c_per_h',
  'defrost_recovery_min',
  'box_temp_over_setpoint_c',
  'time_to_temperature_min',
  'recovery_after_load_min',
  /** Mean electrical power while the compressor (element) runs, W, when a meter reports it. */
  'running_power_w',
]);
export type PredictiveFeature = z.infer<typeof PredictiveFeature>;

/** One feature behind a finding: where it sat in the baseline and where it is now. */
export const FeatureEvidence = z.object({
  feature: PredictiveFeature,
  baselineMean: z.number().finite(),
  baselineSd: z.number().finite().nonnegative(),
  current: z.number().finite(),
  /** (current − baseline mean) / baseline sd */
  zScore: z.number().finite(),
});
export type FeatureEvidence = z.infer<typeof FeatureEvidence>;

/** "At the current trend this cooler crosses 5 °C sustained in about 31 h (range 22–40 h)." */
export const TimeToLimitForecast = z
  .object({
    limitC: z.number().min(-40).max(300),
    hours: z
      .number()
      .min(0)
      .max(24 * 365),
    lowHours: z
      .number()
      .min(0)
      .max(24 * 365),
    highHours: z
      .number()
      .min(0)
      .max(24 * 365),
    /** Epoch ms the trend was fitted up to. */
    fittedAt: z.number().int().nonnegative(),
  })
  .refine((f) => f.lowHours <= f.hours && f.hours <= f.highHours, {
    message: 'the forecast lies inside its range',
    path: ['hours'],
  });
export type TimeToLimitForecast = z.infer<typeof TimeToLimitForecast>;

/** What a service turns into a repair ticket of kind `predictive`. */
export const PredictiveFinding = z.object({
  equipmentId: z.string().min(1).max(64),
  detectedAt: z.number().int().nonnegative(),
  cause: PredictiveCause,
  /** Causes that also fit the evidence, most likely first. */
  alsoPossible: z.array(PredictiveCause).max(4),
  evidence: z.array(FeatureEvidence).min(1).max(12),
  /** null when the trend does not reach the limit (e.g. a defrost fault caught early). */
  forecast: TimeToLimitForecast.nullable(),
  summary: LocalizedText,
  suggestedAction: LocalizedText,
});
export type PredictiveFinding = z.infer<typeof PredictiveFinding>;
