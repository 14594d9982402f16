import type {
  AssetOutlook,
  AssetOutlookKind,
  AssetOutlookState,
} from '../../../shared/predictive/asset-outlook';
import type { PredictiveFinding } from '../../../shared/predictive/predictive-finding';
import type { MonitorPhase } from './asset-monitor';
import type { PrescriptiveOutcome } from './prescriptive-inputs';

/** From this share of a finding's evidence an asset is drifting. */
export const DRIFTING_FROM = 0.5;
/** A forecast a week or more away adds nothing to the risk beyond an open finding's 60. */
const RISK_HORIZON_H = 168;

export interface OutlookSource {
  equipmentId: string;
  kind: AssetOutlookKind;
  phase: MonitorPhase;
  driftEvidence: number;
  /** The open finding (phase `found`), if any. */
  finding: PredictiveFinding | undefined;
  prescriptive: PrescriptiveOutcome;
  at: number;
}

export function outlookState(phase: MonitorPhase, driftEvidence: number): AssetOutlookState {
  if (phase === 'learning') return 'learning';
  if (phase === 'found') return 'finding';
  return driftEvidence >= DRIFTING_FROM ? 'drifting' : 'normal';
}

/**
 * 0..100, higher when a finding is open and its forecast is short (see the contract):
 * learning 0; normal 20·e; drifting 20 + 30·e; finding 60 + 40·(1 − min(h, 168)/168),
 * or 70 without a forecast. e = drift evidence as a share of a finding's, capped at 1.
 */
export function riskScore(
  state: AssetOutlookState,
  driftEvidence: number,
  forecastHours: number | null,
): number {
  const e = Math.min(1, Math.max(0, driftEvidence));
  switch (state) {
    case 'learning':
      return 0;
    case 'normal':
      return Math.round(20 * e);
    case 'drifting':
      return Math.round(20 + 30 * e);
    case 'finding':
      if (forecastHours === null) return 70;
      return Math.round(60 + 40 * (1 - Math.min(forecastHours, RISK_HORIZON_H) / RISK_HORIZON_H));
  }
}

/** One asset's outlook, as served and as sent to central. */
export function assetOutlook(s: OutlookSource): AssetOutlook {
  const state = outlookState(s.phase, s.driftEvidence);
  const forecast = state === 'finding' ? (s.finding?.forecast ?? null) : null;
  const result = s.prescriptive.result;
  return {
    equipmentId: s.equipmentId,
    kind: s.kind,
    state,
    cause: state === 'finding' ? (s.finding?.cause ?? null) : null,
    forecastHours: forecast ? round1(forecast.hours) : null,
    forecastLowHours: forecast ? round1(forecast.lowHours) : null,
    forecastHighHours: forecast ? round1(forecast.highHours) : null,
    riskScore: riskScore(state, s.driftEvidence, forecast?.hours ?? null),
    moneyAtStake: result?.figures.costOfKeepingThisYear ?? '0',
    prescriptive: result,
    missing: s.prescriptive.inputs.missing,
    at: s.at,
  };
}

function round1(hours: number): number {
  return Math.round(hours * 10) / 10;
}
