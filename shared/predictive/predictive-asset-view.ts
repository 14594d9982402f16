import { z } from 'zod';
import { TicketStatus } from '../api/tickets';
import { LocalizedText } from '../localized-text';
import { AssetOutlook } from './asset-outlook';
import { PredictiveCause } from './predictive-causes';
import { FeatureEvidence, TimeToLimitForecast } from './predictive-finding';
import { PrescriptiveResult } from './prescriptive';
import { PrescriptiveInputsView } from './prescriptive-inputs';

/** learning: its own baseline is still being learned; watching: no drift; finding: a drift is on a ticket. */
export const PredictiveAssetState = z.enum(['learning', 'watching', 'finding']);
export type PredictiveAssetState = z.infer<typeof PredictiveAssetState>;

export const PredictiveFindingView = z.object({
  cause: PredictiveCause,
  causeName: LocalizedText,
  alsoPossible: z.array(PredictiveCause),
  detectedAt: z.number().int(),
  evidence: z.array(FeatureEvidence),
  forecast: TimeToLimitForecast.nullable(),
  summary: LocalizedText,
  suggestedAction: LocalizedText,
  ticketId: z.number().int().nullable(),
  ticketStatus: TicketStatus.nullable(),
});
export type PredictiveFindingView = z.infer<typeof PredictiveFindingView>;

/** `GET /api/predictive/assets`: one row per watched asset. */
export const PredictiveAssetView = z.object({
  equipmentId: z.string(),
  equipmentType: z.string(),
  name: LocalizedText,
  state: PredictiveAssetState,
  /** Days of learning left (learning only; the whole learning period before the first reading). */
  learningDaysLeft: z.number().min(0).max(400).nullable(),
  finding: PredictiveFindingView.nullable(),
  lastVerifiedRepairAt: z.number().int().nullable(),
  /** Repair, replace or watch with every number behind it; null while asset fields are missing. */
  repairOrReplace: PrescriptiveResult.nullable(),
  /** What the recommendation lacks or leaves out, in both languages (asset fields, tariff, repair spend). */
  notes: z.array(LocalizedText),
  /** Where every number behind repairOrReplace came from (quote, repairs, energy, downtime). */
  repairOrReplaceInputs: PrescriptiveInputsView,
  /** The outlook central receives as `predictive.asset_outlook` (state, forecast, risk, money at stake). */
  outlook: AssetOutlook,
});
export type PredictiveAssetView = z.infer<typeof PredictiveAssetView>;
export const PredictiveAssetList = z.array(PredictiveAssetView);
