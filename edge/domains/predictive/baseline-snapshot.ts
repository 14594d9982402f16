import { z } from 'zod';

/**
 * A learned baseline as the box keeps it across a restart (`predictive_assets.baseline_json`).
 * Raw readings are pruned after the retention days, so the fortnight a baseline was learned
 * from cannot be replayed months later: what was learned is kept instead. Read back through
 * this schema, so a damaged row is refused (and the asset learns afresh) rather than trusted.
 */
const HourOfDay = z.strictObject({
  means: z.array(z.number().finite()).length(24),
  sd: z.number().finite().nonnegative(),
  p95: z.number().finite(),
});

const Scalar = z.strictObject({
  mean: z.number().finite(),
  sd: z.number().finite().positive(),
});

export const BaselineSnapshot = z.strictObject({
  version: z.literal(1),
  /** Epoch ms the learning days ended. */
  learnedUntil: z.number().int().nonnegative(),
  hourly: z.strictObject({
    duty: HourOfDay.nullable(),
    capacity: HourOfDay.nullable(),
    warmUp: HourOfDay.nullable(),
    cycles: HourOfDay.nullable(),
    pullDown: HourOfDay.nullable(),
    temp: HourOfDay.nullable(),
    /** Running power, W, of an asset with a power meter (absent in snapshots kept before it was learned). */
    power: HourOfDay.nullable().optional(),
  }),
  defrost: z.strictObject({
    durationMin: Scalar.nullable(),
    riseCPerH: Scalar.nullable(),
  }),
  /** The unit's running power per warm-up change (the air's effect on its draw); absent = 0. */
  powerPerWarmUp: z.number().min(0).max(0.5).optional(),
  /** Each learning day's busiest-hour duty and the local hour it usually falls in (the forecast's loads). */
  dailyPeakDuty: z
    .strictObject({
      peaks: z.array(z.number().min(0).max(1)).min(1).max(400),
      peakHour: z.number().int().min(0).max(23),
    })
    .optional(),
});
export type BaselineSnapshot = z.infer<typeof BaselineSnapshot>;
