import type { TicketStatus } from '../../../shared/api/tickets';
import type { Equipment } from '../../../shared/config/equipment';
import type { AssetOutlook } from '../../../shared/predictive/asset-outlook';
import type {
  PredictiveAssetView,
  PredictiveFindingView,
} from '../../../shared/predictive/predictive-asset-view';
import { CAUSE_NAMES } from '../../../shared/predictive/predictive-causes';
import type { PredictiveConfig } from '../../../shared/predictive/predictive-config';
import type { PredictiveFinding } from '../../../shared/predictive/predictive-finding';
import type { PredictiveAssetMonitor } from './asset-monitor';
import { HOUR_MS } from './hourly-features';
import type { PrescriptiveOutcome } from './prescriptive-inputs';

const DAY_MS = 24 * HOUR_MS;

export interface AssetViewInput {
  equipment: Equipment;
  monitor: PredictiveAssetMonitor;
  latest: { finding: PredictiveFinding; ticketId: number | null; verifiedAt: number | null } | undefined;
  ticketStatus: TicketStatus | null;
  lastVerifiedAt: number | undefined;
  settings: PredictiveConfig;
  now: number;
  /** Repair or replace from the box's records (prescriptive-inputs.ts). */
  prescriptive: PrescriptiveOutcome;
  outlook: AssetOutlook;
}

/** One asset as `GET /api/predictive/assets` shows it. */
export function predictiveAssetView(input: AssetViewInput): PredictiveAssetView {
  const { equipment, monitor, latest, settings, now } = input;
  const phase = monitor.phase;
  const endsAt = monitor.learningEndsAt;
  const learningDaysLeft =
    phase !== 'learning'
      ? null
      : endsAt === undefined
        ? settings.settings.baselineDays
        : Math.max(0, Math.ceil(((endsAt - now) / DAY_MS) * 10) / 10);
  const open = phase === 'found' && latest !== undefined ? latest : undefined;
  const finding: PredictiveFindingView | null = open
    ? {
        cause: open.finding.cause,
        causeName: CAUSE_NAMES[open.finding.cause],
        alsoPossible: open.finding.alsoPossible,
        detectedAt: open.finding.detectedAt,
        evidence: open.finding.evidence,
        forecast: open.finding.forecast,
        summary: open.finding.summary,
        suggestedAction: open.finding.suggestedAction,
        ticketId: open.ticketId,
        ticketStatus: input.ticketStatus,
      }
    : null;
  return {
    equipmentId: equipment.id,
    equipmentType: equipment.type,
    name: equipment.name,
    state: phase === 'found' ? 'finding' : phase,
    learningDaysLeft,
    finding,
    lastVerifiedRepairAt: input.lastVerifiedAt ?? null,
    repairOrReplace: input.prescriptive.result,
    notes: input.prescriptive.notes,
    repairOrReplaceInputs: input.prescriptive.inputs,
    outlook: input.outlook,
  };
}
