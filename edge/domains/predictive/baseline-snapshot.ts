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
  }),
  defrost: z.strictObject({
    durationMin: Scalar.nullable(),
    riseCPerH: Scalar.nullable(),
  }),
});
export type BaselineSnapshot = z.infer<typeof BaselineSnapshot>;
