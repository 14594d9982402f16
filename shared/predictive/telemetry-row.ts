import { z } from 'zod';
import { MetricName } from '../ids';

/**
 * One stored reading as the predictive checks take it: what `series_readings` holds
 * for one asset (booleans may come back as 0/1 from SQLite). Rows of one asset are
 * fed in time order; a row older than the last one seen is refused and counted.
 */
export const TelemetryRow = z.object({
  ts: z.number().int().nonnegative(),
  metric: MetricName,
  value: z.union([z.number().finite(), z.boolean()]),
});
export type TelemetryRow = z.infer<typeof TelemetryRow>;
