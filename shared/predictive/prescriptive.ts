import { z } from 'zod';
import { LocalizedText } from '../localized-text';

/** A money amount in yuan as an exact decimal string: at most 2 decimals, at most ¥100 000 000. */
export const MoneyText = z
  .string()
  .regex(/^\d{1,9}(\.\d{1,2})?$/, 'a money amount like "24500" or "1073.10" (at most 2 decimals)');
/** A non-negative decimal with at most 4 decimals (years, kWh per day, ¥ per kWh). */
const DecimalText = z.string().regex(/^\d{1,6}(\.\d{1,4})?$/, 'a decimal like "2.1" (at most 4 decimals)');

/** The rule's knobs, per store (the default: over half the price after half the life → replace). */
export const PrescriptiveRule = z
  .strictObject({
    /** Share of the expected life after which an expensive repair is not worth it. */
    lateLifeFraction: DecimalText.default('0.5'),
    /** A repair quote above this share of the replacement price, late in life, means replace. */
    quoteFractionForReplace: DecimalText.default('0.5'),
    /** Days the energy penalty is counted over. */
    daysPerYear: z.number().int().min(360).max(366).default(365),
  })
  .refine((r) => Number(r.lateLifeFraction) <= 1 && Number(r.quoteFractionForReplace) <= 1, {
    message: 'fractions lie between 0 and 1',
  });
export type PrescriptiveRule = z.infer<typeof PrescriptiveRule>;

export const PrescriptiveInput = z.strictObject({
  equipmentId: z.string().min(1).max(64),
  ageYears: DecimalText,
  expectedLifeYears: DecimalText.refine((v) => Number(v) > 0 && Number(v) <= 50, 'between 0 and 50 years'),
  replacementPrice: MoneyText.refine((v) => Number(v) > 0, 'a replacement has a price'),
  /** The quote for the repair at hand; absent while nothing is broken yet (a forecast only). */
  repairQuote: MoneyText.optional(),
  /** Repair spend of the last 12 months, from the tickets and parts already recorded. */
  repairsLast12Months: MoneyText,
  /** Extra energy per day the degradation costs (duty-cycle increase × rated power). */
  energyPenaltyKwhPerDay: DecimalText,
  tariffPerKwh: DecimalText,
  /** Cost of items 86'd while the unit was down over the last 12 months; 0 when unknown. */
  downtimeCostLast12Months: MoneyText.default('0'),
});
export type PrescriptiveInput = z.input<typeof PrescriptiveInput>;
export type PrescriptiveInputParsed = z.infer<typeof PrescriptiveInput>;

export const Recommendation = z.enum(['repair', 'replace', 'watch']);
export type Recommendation = z.infer<typeof Recommendation>;

export const PrescriptiveRuleId = z.enum(['late_life_costly_repair', 'repair_worth_it', 'no_repair_quote']);
export type PrescriptiveRuleId = z.infer<typeof PrescriptiveRuleId>;

/** Every number behind the recommendation, as exact decimal strings, and the rule that decided. */
export const PrescriptiveResult = z.object({
  equipmentId: z.string(),
  recommendation: Recommendation,
  rule: PrescriptiveRuleId,
  ruleText: LocalizedText,
  figures: z.object({
    /** repair quote ÷ replacement price, in percent rounded to whole percent ("58") */
    quotePercentOfReplacement: z.string().nullable(),
    /** age ÷ expected life, in percent rounded to whole percent ("75") */
    lifeUsedPercent: z.string(),
    repairsLast12Months: z.string(),
    /** kWh/day × ¥/kWh × days per year, to the fen ("1073.10") */
    energyPenaltyPerYear: z.string(),
    downtimeCostLast12Months: z.string(),
    /** quote + the last 12 months' repairs + a year of energy penalty + downtime: what keeping it costs this year */
    costOfKeepingThisYear: z.string(),
    replacementPrice: z.string(),
  }),
});
export type PrescriptiveResult = z.infer<typeof PrescriptiveResult>;
