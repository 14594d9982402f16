import { z } from 'zod';
import { SlugId } from '../ids';
import { CheckLimitFields } from './food-safety-check-limit';
import { LocalizedText } from './localized-text';

/**
 * The critical limits a food-safety rule pack names, one kind per control: holding,
 * cooling, time as the control, record retention and checks done by hand. Each cites
 * the clause of its pack it comes from.
 */

/** Temperatures a probe in a kitchen can physically report, °C. */
const MIN_TEMP_C = -60;
const MAX_TEMP_C = 150;
const TempC = z.number().min(MIN_TEMP_C).max(MAX_TEMP_C);
const TempF = z
  .number()
  .min(MIN_TEMP_C * 1.8 + 32)
  .max(MAX_TEMP_C * 1.8 + 32);

export const ClauseRef = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 .()§\-/]*$/, 'a clause number such as 3-501.16(A)');

const LimitBase = {
  id: SlugId,
  title: LocalizedText,
  clause: ClauseRef.describe('the `ref` of the pack clause this limit comes from'),
};

/** Where a holding temperature must stay: `at_most` for cold, `at_least` for hot. */
export const Bound = z.enum(['at_most', 'at_least']);
export type Bound = z.infer<typeof Bound>;

export const HoldingLimit = z.strictObject({
  ...LimitBase,
  kind: z.literal('holding'),
  bound: Bound,
  tempC: TempC,
  tempF: TempF.optional().describe('the °F figure when the clause states one; must agree with tempC'),
  defaultAlertDelayMin: z
    .number()
    .int()
    .min(0)
    .max(240)
    .default(30)
    .describe('how long out of limit before it is an excursion, unless the control point says'),
});
export type HoldingLimit = z.infer<typeof HoldingLimit>;

const CoolingStage = z.strictObject({
  toC: TempC,
  toF: TempF.optional(),
  withinMin: z.number().int().min(1).max(1440).describe('minutes from the start of cooling'),
});

export const CoolingLimit = z.strictObject({
  ...LimitBase,
  kind: z.literal('cooling'),
  fromC: TempC,
  fromF: TempF.optional(),
  stages: z.array(CoolingStage).min(1).max(4),
});
export type CoolingLimit = z.infer<typeof CoolingLimit>;

const TimeControlOption = z.strictObject({
  id: SlugId,
  clause: ClauseRef,
  maxHours: z.number().min(0.5).max(24),
  startAtMostC: TempC.optional().describe('cold food leaves temperature control at or below this'),
  startAtLeastC: TempC.optional().describe('hot food leaves temperature control at or above this'),
  neverAboveC: TempC.optional().describe('the food may not exceed this during the hours'),
});

export const TimeControlLimit = z.strictObject({
  ...LimitBase,
  kind: z.literal('time_control'),
  options: z.array(TimeControlOption).min(1).max(4),
});
export type TimeControlLimit = z.infer<typeof TimeControlLimit>;

export const RetentionLimit = z.strictObject({
  ...LimitBase,
  kind: z.literal('record_retention'),
  records: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe('which records, e.g. cook-chill cooling and cold holding'),
  minMonths: z.number().int().min(1).max(120),
});
export type RetentionLimit = z.infer<typeof RetentionLimit>;

export const CheckLimit = z.strictObject({ ...LimitBase, ...CheckLimitFields });
export type CheckLimit = z.infer<typeof CheckLimit>;

export const CriticalLimit = z.discriminatedUnion('kind', [
  HoldingLimit,
  CoolingLimit,
  TimeControlLimit,
  RetentionLimit,
  CheckLimit,
]);
export type CriticalLimit = z.infer<typeof CriticalLimit>;
