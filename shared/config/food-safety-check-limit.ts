import { z } from 'zod';
import { LocalizedText } from './localized-text';

/** Temperatures a hand probe can physically read in a kitchen, °C. */
const ProbeC = z.number().min(-60).max(150);
const ProbeF = z.number().min(-76).max(302);

/**
 * What a manual check measures. `temperature`: a food probed by hand, in limit when on the
 * right side of `tempC` (a hot-held product at 63 °C or above). `calibration`: a
 * thermometer read against a reference (the ice point, 0 °C), in limit when within
 * `toleranceC` of it.
 */
export const CheckMeasure = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('temperature'),
    bound: z.enum(['at_most', 'at_least']),
    tempC: ProbeC,
    tempF: ProbeF.optional().describe('the °F figure when the clause states one'),
  }),
  z.strictObject({
    kind: z.literal('calibration'),
    referenceC: ProbeC.describe('what the reference reads: 0 for ice water'),
    toleranceC: z.number().min(0.1).max(5).describe('how far off the thermometer may read'),
  }),
]);
export type CheckMeasure = z.infer<typeof CheckMeasure>;

/**
 * A check a person does by hand, which a pack requires: probe a hot-held product, verify
 * a thermometer. The store schedules it (`foodSafety.checks`); a pack may say how often
 * at least.
 */
export const CheckLimitFields = {
  kind: z.literal('check'),
  instruction: LocalizedText.describe('what the person does, shown with the check'),
  measure: CheckMeasure,
  minTimesPerDay: z
    .number()
    .int()
    .min(1)
    .max(24)
    .optional()
    .describe('the fewest scheduled times a day a store may give this check'),
};

/** Whether a measured value meets the check's limit. */
export function meetsCheck(measure: CheckMeasure, valueC: number): boolean {
  if (measure.kind === 'calibration')
    return Math.abs(valueC - measure.referenceC) <= measure.toleranceC + 1e-9;
  return measure.bound === 'at_least' ? valueC >= measure.tempC : valueC <= measure.tempC;
}
