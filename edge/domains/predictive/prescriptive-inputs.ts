import type { Equipment } from '../../../shared/config/equipment';
import type { StoreConfig } from '../../../shared/config/store-config';
import type { LocalizedText } from '../../../shared/localized-text';
import type { PredictiveConfig } from '../../../shared/predictive/predictive-config';
import type { PredictiveFinding } from '../../../shared/predictive/predictive-finding';
import type { PrescriptiveResult } from '../../../shared/predictive/prescriptive';
import type { PrescriptiveInputsView } from '../../../shared/predictive/prescriptive-inputs';
import type { Database } from '../../store/database';
import { ImportedHistoryStore } from '../commissioning/asset-history/imported-history-store';
import { recommendRepairOrReplace } from './prescriptive-calculator';
import { DowntimeCostReader } from './prescriptive-inputs-downtime';
import { energyPenalty } from './prescriptive-inputs-energy';
import { registerInputs } from './prescriptive-inputs-register';
import { RepairSpendReader } from './prescriptive-inputs-repairs';
import { TicketQuoteStore } from './ticket-quote-store';

export interface PrescriptiveOutcome {
  result: PrescriptiveResult | null;
  inputs: PrescriptiveInputsView;
  /** What the recommendation lacks or leaves out, in both languages. */
  notes: LocalizedText[];
}

const NO_QUOTE: LocalizedText = {
  en: 'No repair quote on an open ticket of this unit: the recommendation is "watch" until one is entered.',
  'zh-CN': '该设备未完成的工单上没有维修报价：录入报价前建议为“观察”。',
};
const NO_TARIFF: LocalizedText = {
  en: 'No electricity tariff (predictive.tariffPerKwh): the energy penalty is not priced.',
  'zh-CN': '未配置电价（predictive.tariffPerKwh）：未计算能耗损失。',
};
const NO_POWER: LocalizedText = {
  en: 'No rated power (asset.ratedPowerKw): the energy penalty is not priced.',
  'zh-CN': '未登记额定功率（asset.ratedPowerKw）：未计算能耗损失。',
};

/**
 * Feeds the repair-or-replace calculator from the box's own records: the asset register,
 * the quote on the unit's open ticket, the repair spend and downtime cost of the last
 * 12 months, and the energy the open finding's extra duty costs at the store's tariff.
 */
export class PrescriptiveInputs {
  readonly #quotes: TicketQuoteStore;
  readonly #repairs: RepairSpendReader;
  readonly #downtime: DowntimeCostReader;
  readonly #settings: PredictiveConfig;
  readonly #imported: ImportedHistoryStore;

  constructor(db: Database, config: StoreConfig, settings: PredictiveConfig) {
    this.#quotes = new TicketQuoteStore(db);
    this.#repairs = new RepairSpendReader(db, config.purchasing);
    this.#downtime = new DowntimeCostReader(db);
    this.#settings = settings;
    this.#imported = new ImportedHistoryStore(db);
  }

  outcome(equipment: Equipment, finding: PredictiveFinding | undefined, now: number): PrescriptiveOutcome {
    const notes: LocalizedText[] = [];
    // A unit that moved here is as old as its first install, not its arrival (asset history).
    const first = this.#imported.firstInstall(equipment.id);
    const local = equipment.asset?.installDate;
    const carried =
      first !== undefined && (local === undefined || first.installDate < local) ? first : undefined;
    const register = registerInputs(
      carried ? { ...equipment, asset: { ...equipment.asset, installDate: carried.installDate } } : equipment,
      now,
    );
    if (carried)
      notes.push({
        en: `Age counted from its first install, ${carried.installDate} at ${carried.fromStoreId} (its asset history), not its arrival here.`,
        'zh-CN': `设备年限从首次安装（${carried.installDate}，${carried.fromStoreId}，见资产履历）起算，而非调入本店之日。`,
      });
    const quote = this.#quotes.openQuoteOfUnit(equipment.id);
    const repairs = this.#repairs.lastTwelveMonths(equipment.id, now);
    const downtime = this.#downtime.lastTwelveMonths(equipment.id, now);
    const ratedPowerKw = register.complete ? register.ratedPowerKw : equipment.asset?.ratedPowerKw;
    const energy = energyPenalty(finding, ratedPowerKw);
    const tariff = this.#settings.tariffPerKwh ?? null;
    const inputs: PrescriptiveInputsView = {
      recommendation: 'watch',
      missing: register.missing,
      ageYears: register.complete ? register.ageYears : null,
      expectedLifeYears: register.complete ? register.expectedLifeYears : null,
      replacementPrice: register.complete ? register.replacementPrice : null,
      repairQuote: quote ? { amount: quote.amount, ticketId: quote.ticketId, at: quote.at } : null,
      repairsLast12Months: repairs,
      dutyIncreasePoints: energy.dutyIncreasePoints,
      ratedPowerKw: ratedPowerKw ?? null,
      energyPenaltyKwhPerDay: energy.kwhPerDay,
      tariffPerKwh: tariff,
      downtimeCostLast12Months: downtime,
    };
    if (repairs.carriedOver)
      notes.push({
        en: `The repair spend includes ${repairs.carriedOver.total} of repairs at ${repairs.carriedOver.fromStores.join(', ')} before the unit moved here (its asset history).`,
        'zh-CN': `维修费用包含该设备调入前在 ${repairs.carriedOver.fromStores.join('、')} 的维修 ${repairs.carriedOver.total}（资产履历）。`,
      });
    if (repairs.unpricedParts.length)
      notes.push({
        en: `Parts with no price on the box are left out of the repair spend: ${repairs.unpricedParts.join(', ')}.`,
        'zh-CN': `以下备件在本机无价格，未计入维修费用：${repairs.unpricedParts.join('、')}。`,
      });
    if (!register.complete) {
      const fields = register.missing.filter((f) => f !== 'ratedPowerKw');
      notes.push({
        en: `Repair or replace needs the asset register: ${fields.join(', ')} missing. Watch until it is filled in.`,
        'zh-CN': `维修或更换建议需要资产信息：缺少 ${fields.join('、')}。补全前建议为“观察”。`,
      });
      return { result: null, inputs, notes };
    }
    if (!tariff) notes.push(NO_TARIFF);
    if (ratedPowerKw === undefined) notes.push(NO_POWER);
    if (!quote) notes.push(NO_QUOTE);
    const result = recommendRepairOrReplace(
      {
        equipmentId: equipment.id,
        ageYears: register.ageYears,
        expectedLifeYears: register.expectedLifeYears,
        replacementPrice: register.replacementPrice,
        repairQuote: quote?.amount,
        repairsLast12Months: repairs.total,
        energyPenaltyKwhPerDay: energy.kwhPerDay,
        tariffPerKwh: tariff ?? '0',
        downtimeCostLast12Months: downtime,
      },
      this.#settings.repairOrReplace,
    );
    return { result, inputs: { ...inputs, recommendation: result.recommendation }, notes };
  }
}
