import { z } from 'zod';

/**
 * Tuning of the predictive checks for one store. Every figure has physical bounds;
 * unknown keys are refused so a misspelt setting is not silently ignored.
 */
export const PredictiveSettings = z
  .strictObject({
    /** Days of the asset's own operation its baseline is learned from. */
    baselineDays: z.number().int().min(3).max(60).default(14),
    /** CUSUM reference value, in baseline standard deviations: drift smaller than this is ignored. */
    cusumSlackSd: z.number().min(0.1).max(3).default(0.5),
    /**
     * Slack of the warm-up check: the kitchen's air swings a box's warm-up from day to day by
     * more than a small seal leak would, so only a larger shift counts.
     */
    warmUpSlackSd: z.number().min(0.1).max(5).default(1.5),
    /** CUSUM decision threshold, in baseline standard deviations accumulated. */
    cusumThresholdSd: z.number().min(2).max(100).default(24),
    /** Consecutive defrosts that look heater-less before a finding. */
    missedDefrostsForFinding: z.number().int().min(1).max(10).default(2),
    /** Cold-holding limit a refrigerated box must stay under, °C. */
    coldLimitC: z.number().min(-40).max(15).default(5),
    /** Frozen-holding limit a freezer must stay under, °C. */
    frozenLimitC: z.number().min(-40).max(0).default(-15),
    /** Fryer oil must stay above this while in service, °C. */
    fryerLowLimitC: z.number().min(100).max(200).default(170),
    /** Hours of hourly features a forecast trend is fitted on. */
    forecastWindowH: z.number().int().min(12).max(240).default(72),
  })
  .describe('predictive maintenance settings');
export type PredictiveSettings = z.infer<typeof PredictiveSettings>;

export const DEFAULT_PREDICTIVE_SETTINGS: PredictiveSettings = PredictiveSettings.parse({});
