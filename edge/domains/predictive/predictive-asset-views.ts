import Decimal from 'decimal.js';
import type { TicketStatus } from '../../../shared/api/tickets';
import type { Equipment } from '../../../shared/config/equipment';
import type { LocalizedText } from '../../../shared/localized-text';
import type {
  PredictiveAssetView,
  PredictiveFindingView,
} from '../../../shared/predictive/predictive-asset-view';
import { CAUSE_NAMES } from '../../../shared/predictive/predictive-causes';
import type { PredictiveConfig } from '../../../shared/predictive/predictive-config';
import type { PredictiveFinding } from '../../../shared/predictive/predictive-finding';
import type { PrescriptiveResult } from '../../../shared/predictive/prescriptive';
import type { PredictiveAssetMonitor } from './asset-monitor';
import { HOUR_MS } from './hourly-features';
import { recommendRepairOrReplace } from './prescriptive-calculator';

const DAY_MS = 24 * HOUR_MS;
/** A Julian year: install dates are days, lives are years. */
const YEAR_MS = 365.25 * DAY_MS;

/** Repair spend is not yet priced anywhere on the box (tickets and parts carry no money). */
const NO_REPAIR_SPEND: LocalizedText = {
  en: 'Repair spend of the last 12 months is not counted: tickets and parts carry no prices yet.',
  'zh-CN': '未计入近 12 个月维修费用：工单与备件尚未记录价格。',
};
const NO_QUOTE: LocalizedText = {
  en: 'No repair quote on the box: the recommendation is "watch" until one is entered.',
  'zh-CN': '本机无维修报价：录入报价前建议为“观察”。',
};
const NO_TARIFF: LocalizedText = {
  en: 'No electricity tariff (predictive.tariffPerKwh): the energy penalty is not priced.',
  'zh-CN': '未配置电价（predictive.tariffPerKwh）：未计算能耗损失。',
};

export interface AssetViewInput {
  equipment: Equipment;
  monitor: PredictiveAssetMonitor;
  latest: { finding: PredictiveFinding; ticketId: number | null; verifiedAt: number | null } | undefined;
  ticketStatus: TicketStatus | null;
  lastVerifiedAt: number | undefined;
  settings: PredictiveConfig;
  now: number;
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
  const notes: LocalizedText[] = [];
  const repairOrReplace = prescriptive(equipment, open?.finding, settings, now, notes);
  return {
    equipmentId: equipment.id,
    equipmentType: equipment.type,
    name: equipment.name,
    state: phase === 'found' ? 'finding' : phase,
    learningDaysLeft,
    finding,
    lastVerifiedRepairAt: input.lastVerifiedAt ?? null,
    repairOrReplace,
    notes,
  };
}

/**
 * Repair or replace from the asset register (install date, expected life, replacement
 * price) and, with a finding, the energy its extra duty costs (duty increase × rated power
 * × 24 h × the tariff). Missing register fields are named in the notes, not guessed.
 */
function prescriptive(
  equipment: Equipment,
  finding: PredictiveFinding | undefined,
  settings: PredictiveConfig,
  now: number,
  notes: LocalizedText[],
): PrescriptiveResult | null {
  const asset = equipment.asset;
  const missing = (['installDate', 'expectedLifeYears', 'replacementPrice'] as const).filter(
    (field) => asset?.[field] === undefined,
  );
  if (!asset?.installDate || !asset.expectedLifeYears || !asset.replacementPrice) {
    notes.push({
      en: `Repair or replace needs the asset register: ${missing.join(', ')} missing.`,
      'zh-CN': `维修或更换建议需要资产信息：缺少 ${missing.join('、')}。`,
    });
    return null;
  }
  const installedMs = Date.parse(`${asset.installDate}T00:00:00Z`);
  const age = Decimal.max(0, new Decimal(now - installedMs).dividedBy(YEAR_MS)).toDecimalPlaces(2);
  const duty = finding?.evidence.find((e) => e.feature === 'duty_cycle');
  const dutyIncrease = duty ? Math.max(0, duty.current - duty.baselineMean) : 0;
  let kwhPerDay = new Decimal(0);
  if (dutyIncrease > 0 && asset.ratedPowerKw !== undefined)
    kwhPerDay = new Decimal(dutyIncrease).times(asset.ratedPowerKw).times(24).toDecimalPlaces(3);
  if (!settings.tariffPerKwh) notes.push(NO_TARIFF);
  notes.push(NO_REPAIR_SPEND, NO_QUOTE);
  return recommendRepairOrReplace(
    {
      equipmentId: equipment.id,
      ageYears: age.toFixed(2),
      expectedLifeYears: String(asset.expectedLifeYears),
      replacementPrice: asset.replacementPrice,
      repairsLast12Months: '0',
      energyPenaltyKwhPerDay: kwhPerDay.toFixed(3),
      tariffPerKwh: settings.tariffPerKwh ?? '0',
    },
    settings.repairOrReplace,
  );
}
