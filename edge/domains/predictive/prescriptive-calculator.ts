import Decimal from 'decimal.js';
import {
  PrescriptiveInput,
  type PrescriptiveResult,
  PrescriptiveRule,
  type PrescriptiveRuleId,
} from '../../../shared/predictive/prescriptive';

const HUNDRED = new Decimal(100);
const money = (d: Decimal): string => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
const percent = (ratio: Decimal): string =>
  ratio.times(HUNDRED).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0);

/**
 * Repair, replace or watch, with every number behind it. Pure and exact (decimal.js):
 * the same inputs give the same strings on the ticket, the equipment page and at central.
 * Throws the zod error for bad input; the caller's boundary reports it.
 */
export function recommendRepairOrReplace(input: PrescriptiveInput, rule: unknown = {}): PrescriptiveResult {
  const i = PrescriptiveInput.parse(input);
  const r = PrescriptiveRule.parse(rule);
  const replacement = new Decimal(i.replacementPrice);
  const lifeUsed = new Decimal(i.ageYears).dividedBy(i.expectedLifeYears);
  const quote = i.repairQuote === undefined ? null : new Decimal(i.repairQuote);
  const quoteRatio = quote === null ? null : quote.dividedBy(replacement);
  const repairs = new Decimal(i.repairsLast12Months);
  const energyPerYear = new Decimal(i.energyPenaltyKwhPerDay).times(i.tariffPerKwh).times(r.daysPerYear);
  const downtime = new Decimal(i.downtimeCostLast12Months);
  const keeping = (quote ?? new Decimal(0)).plus(repairs).plus(energyPerYear).plus(downtime);

  const late = lifeUsed.greaterThanOrEqualTo(r.lateLifeFraction);
  let ruleId: PrescriptiveRuleId;
  if (quoteRatio === null) ruleId = 'no_repair_quote';
  else if (late && quoteRatio.greaterThan(r.quoteFractionForReplace)) ruleId = 'late_life_costly_repair';
  else ruleId = 'repair_worth_it';

  const lateLifePct = percent(new Decimal(r.lateLifeFraction));
  const quotePct = percent(new Decimal(r.quoteFractionForReplace));
  const ruleText = {
    late_life_costly_repair: {
      en: `Replace: the repair quote exceeds ${quotePct} % of the replacement price after ${lateLifePct} % of the expected life.`,
      'zh-CN': `建议更换：已用寿命超过预期寿命的 ${lateLifePct}%，且维修报价高于更换价格的 ${quotePct}%。`,
    },
    repair_worth_it: {
      en: `Repair: the quote is at most ${quotePct} % of the replacement price, or the unit is under ${lateLifePct} % of its expected life.`,
      'zh-CN': `建议维修：维修报价不高于更换价格的 ${quotePct}%，或已用寿命低于预期寿命的 ${lateLifePct}%。`,
    },
    no_repair_quote: {
      en: 'Watch: no repair quote yet; the figures below are what keeping the unit costs so far.',
      'zh-CN': '持续观察：尚无维修报价；以下数字为继续使用的现有成本。',
    },
  }[ruleId];

  return {
    equipmentId: i.equipmentId,
    recommendation:
      ruleId === 'late_life_costly_repair' ? 'replace' : ruleId === 'repair_worth_it' ? 'repair' : 'watch',
    rule: ruleId,
    ruleText,
    figures: {
      quotePercentOfReplacement: quoteRatio === null ? null : percent(quoteRatio),
      lifeUsedPercent: percent(lifeUsed),
      repairsLast12Months: money(repairs),
      energyPenaltyPerYear: money(energyPerYear),
      downtimeCostLast12Months: money(downtime),
      costOfKeepingThisYear: money(keeping),
      replacementPrice: money(replacement),
    },
  };
}
