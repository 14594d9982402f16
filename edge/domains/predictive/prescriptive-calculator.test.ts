import { describe, expect, it } from 'vitest';
import { recommendRepairOrReplace } from './prescriptive-calculator';

const issueCase = {
  equipmentId: 'wic-1',
  ageYears: '9',
  expectedLifeYears: '12',
  replacementPrice: '42000',
  repairQuote: '24500',
  repairsLast12Months: '8400',
  energyPenaltyKwhPerDay: '2.1',
  tariffPerKwh: '1.4',
};

describe('repair or replace', () => {
  it('replaces a unit at 75 % of its life whose repair costs 58 % of a new one', () => {
    const result = recommendRepairOrReplace(issueCase);
    expect(result.recommendation).toBe('replace');
    expect(result.rule).toBe('late_life_costly_repair');
    expect(result.figures).toEqual({
      quotePercentOfReplacement: '58',
      lifeUsedPercent: '75',
      repairsLast12Months: '8400.00',
      energyPenaltyPerYear: '1073.10',
      downtimeCostLast12Months: '0.00',
      costOfKeepingThisYear: '33973.10',
      replacementPrice: '42000.00',
    });
    expect(result.ruleText.en).toContain('50 %');
    expect(result.ruleText['zh-CN']).toContain('更换');
  });

  it('repairs the same unit early in its life', () => {
    expect(recommendRepairOrReplace({ ...issueCase, ageYears: '5' }).recommendation).toBe('repair');
  });

  it('repairs when the quote is under the threshold, and follows a store rule that is stricter', () => {
    expect(recommendRepairOrReplace({ ...issueCase, repairQuote: '21000' }).recommendation).toBe('repair');
    const strict = { quoteFractionForReplace: '0.4' };
    expect(recommendRepairOrReplace({ ...issueCase, repairQuote: '21000' }, strict).recommendation).toBe(
      'replace',
    );
  });

  it('watches while there is no quote, and keeps money exact', () => {
    const result = recommendRepairOrReplace({
      ...issueCase,
      repairQuote: undefined,
      energyPenaltyKwhPerDay: '0.1',
      tariffPerKwh: '0.7',
    });
    expect(result.recommendation).toBe('watch');
    expect(result.figures.quotePercentOfReplacement).toBeNull();
    // 0.1 × 0.7 × 365 = 25.55 exactly; binary floating point would give 25.549999…
    expect(result.figures.energyPenaltyPerYear).toBe('25.55');
  });

  it('refuses impossible input with the field named', () => {
    expect(() => recommendRepairOrReplace({ ...issueCase, replacementPrice: '-5' })).toThrow(
      /replacementPrice/,
    );
    expect(() => recommendRepairOrReplace({ ...issueCase, expectedLifeYears: '0' })).toThrow(/50 years/);
    expect(() => recommendRepairOrReplace(issueCase, { quoteFractionForReplace: '0.5', extra: 1 })).toThrow(
      /extra/,
    );
  });
});
