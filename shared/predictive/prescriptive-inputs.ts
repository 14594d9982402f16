import { z } from 'zod';
import { AssetOutlookMissingField } from './asset-outlook';
import { Recommendation } from './prescriptive';

/**
 * Where every number behind a repair-or-replace recommendation came from on the box
 * (`GET /api/predictive/assets`, field `repairOrReplaceInputs`). Money and energy are exact
 * decimal text.
 */
export const PrescriptiveInputsView = z.object({
  /** 'watch' also when the asset register lacks a field (then `repairOrReplace` is null). */
  recommendation: Recommendation,
  missing: z.array(AssetOutlookMissingField),
  ageYears: z.string().nullable(),
  expectedLifeYears: z.string().nullable(),
  replacementPrice: z.string().nullable(),
  /** The latest quote on the unit's ticket not yet repaired, with that ticket. */
  repairQuote: z.object({ amount: z.string(), ticketId: z.number().int(), at: z.number().int() }).nullable(),
  repairsLast12Months: z.object({
    total: z.string(),
    quotedTickets: z.number().int().nonnegative(),
    pricedParts: z.number().int().nonnegative(),
    unpricedParts: z.array(z.string()),
    /** Of `total`, the repairs carried in with the unit from the stores it stood in before. */
    carriedOver: z
      .object({ total: z.string(), jobs: z.number().int().nonnegative(), fromStores: z.array(z.string()) })
      .optional(),
  }),
  dutyIncreasePoints: z.string(),
  ratedPowerKw: z.number().nullable(),
  energyPenaltyKwhPerDay: z.string(),
  tariffPerKwh: z.string().nullable(),
  downtimeCostLast12Months: z.string(),
});
export type PrescriptiveInputsView = z.infer<typeof PrescriptiveInputsView>;
