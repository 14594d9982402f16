import { z } from 'zod';
import { PredictiveCause } from './predictive-causes';
import { MoneyText, PrescriptiveResult } from './prescriptive';

/** What the box reads of an asset: a cold box (compressor, door, defrost) or a fryer (element). */
export const AssetOutlookKind = z.enum(['refrigerated', 'fryer']);
export type AssetOutlookKind = z.infer<typeof AssetOutlookKind>;

/**
 * learning: its own baseline is still being learned; normal: no drift evidence to speak of;
 * drifting: drift evidence is building (at least half the finding threshold) but no finding yet;
 * finding: a finding is open on a predictive ticket.
 */
export const AssetOutlookState = z.enum(['learning', 'normal', 'drifting', 'finding']);
export type AssetOutlookState = z.infer<typeof AssetOutlookState>;

/** The asset register fields repair-or-replace needs (`equipment[].asset`). */
export const AssetOutlookMissingField = z.enum([
  'installDate',
  'expectedLifeYears',
  'replacementPrice',
  'ratedPowerKw',
]);
export type AssetOutlookMissingField = z.infer<typeof AssetOutlookMissingField>;

const Hours = z
  .number()
  .min(0)
  .max(24 * 365);

/**
 * One asset's outlook: where it stands, when it is expected to cross its limit, how risky it
 * is and what keeping it costs this year. Served by the box (`GET /api/predictive/assets`,
 * field `outlook`) and sent to central as the outbox event `predictive.asset_outlook` when it
 * changes materially (recommendation, state, cause, forecast band) and at most hourly
 * otherwise.
 *
 * riskScore (0..100, whole numbers), higher when a finding is open and the forecast is short:
 * - learning: 0;
 * - normal: 20 × e (e = drift evidence as a share of the finding threshold, capped at 1);
 * - drifting: 20 + 30 × e;
 * - finding: 60 + 40 × (1 − min(forecastHours, 168) / 168); with no forecast 60 + 10.
 *
 * moneyAtStake: `prescriptive.figures.costOfKeepingThisYear` (quote + last 12 months' repairs
 * + a year of energy penalty + downtime), or "0" when there is no prescriptive result.
 */
export const AssetOutlook = z.object({
  equipmentId: z.string().min(1).max(64),
  kind: AssetOutlookKind,
  state: AssetOutlookState,
  cause: PredictiveCause.nullable(),
  forecastHours: Hours.nullable(),
  forecastLowHours: Hours.nullable(),
  forecastHighHours: Hours.nullable(),
  riskScore: z.number().min(0).max(100),
  moneyAtStake: MoneyText,
  prescriptive: PrescriptiveResult.nullable(),
  /** Asset register fields missing for repair-or-replace (ratedPowerKw: no energy penalty). */
  missing: z.array(AssetOutlookMissingField),
  at: z.number().int().nonnegative(),
});
export type AssetOutlook = z.infer<typeof AssetOutlook>;

/** The outbox event type that carries an `AssetOutlook` to central. */
export const ASSET_OUTLOOK_EVENT = 'predictive.asset_outlook' as const;
