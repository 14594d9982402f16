import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { MatchTolerances, PurchasingSettings } from '../../../shared/config/purchasing';
import { type MatchInput, matchLine, totalReason } from './match-lines';

/** The issue's line: 10 kg of beef ordered at ¥80.00 with 9 % VAT, 9.5 kg received. */
const BEEF: MatchInput = {
  line: 1,
  item: 'beef',
  name: { en: 'Beef', 'zh-CN': '牛肉' },
  unit: 'kg',
  orderedQty: '10',
  orderPrice: '80.00',
  receivedQty: '9.5',
  invoicedQty: '10',
  invoicedPrice: '82.00',
  taxRatePct: '9',
};

describe('three-way match of one invoice line', () => {
  it('the issue: quantity 5.26 % over a 2 % limit, price 2.5 % within 3 %: suggested 9.5 × 82 × 1.09 = 849.11', () => {
    const m = matchLine(BEEF, { quantityPct: '2', pricePct: '3' });
    expect(m).toMatchObject({
      within: false,
      qtyVariance: '0.5',
      qtyVariancePct: '5.26',
      priceVariancePct: '2.50',
      suggestedGross: '849.11',
    });
    expect(m.reasons.map((r) => r.code)).toEqual(['quantity']);
  });

  it('within tolerance only if within every limit that is set', () => {
    // 0.5 kg over: within 10 %, but not within an absolute 0.2 kg.
    const both = matchLine(BEEF, { quantityPct: '10', quantityAbs: '0.2' });
    expect(both.reasons.map((r) => r.code)).toEqual(['quantity']);
    expect(both.reasons[0]?.messages.en).toContain('above the 0.2 kg limit');
    expect(both.reasons[0]?.messages.en).not.toContain('%  limit');
    expect(matchLine(BEEF, { quantityPct: '10', quantityAbs: '0.5' }).within).toBe(true);
    // ¥2.00 above: within 3 %, not within ¥1.50 the kg; at the order's price then.
    const price = matchLine({ ...BEEF, invoicedQty: '9.5' }, { pricePct: '3', priceAbs: '1.5' });
    expect(price.reasons.map((r) => r.code)).toEqual(['price']);
    expect(price.reasons[0]?.messages['zh-CN']).toContain('容差 1.5 /kg');
    expect(price.suggestedGross).toBe('828.40'); // 9.5 × 80.00 = 760.00 + 68.40
    // No limit set: nothing is an exception.
    expect(matchLine(BEEF, {}).within).toBe(true);
  });

  it('being billed less never blocks; nothing received makes any quantity exceed a % limit', () => {
    expect(
      matchLine({ ...BEEF, invoicedQty: '9', invoicedPrice: '79.00' }, { quantityPct: '0', pricePct: '0' }),
    ).toMatchObject({
      within: true,
      qtyVariance: '-0.5',
      priceVariance: '-1',
      suggestedGross: '774.99', // 9 × 79 = 711.00 + 63.99
    });
    const nothing = matchLine({ ...BEEF, receivedQty: '0' }, { quantityPct: '100' });
    expect(nothing).toMatchObject({ within: false, qtyVariancePct: null, suggestedGross: '0.00' });
  });

  it('the stated total must be the recomputed one to the cent', () => {
    expect(totalReason('893.80', new Decimal('893.80'))).toBeUndefined();
    expect(totalReason('893.8', new Decimal('893.80'))).toBeUndefined();
    expect(totalReason('893.81', new Decimal('893.80'))?.code).toBe('total');
  });
});

describe('purchasing.matchTolerances in the store config', () => {
  it('defaults to 2 % on quantity and 3 % on price; strict, bounded, decimal text', () => {
    expect(PurchasingSettings.parse({}).matchTolerances).toEqual({ quantityPct: '2', pricePct: '3' });
    expect(MatchTolerances.parse({ quantityAbs: '0.25' })).toEqual({ quantityAbs: '0.25' });
    expect(MatchTolerances.safeParse({ quantityPct: '101' }).success).toBe(false);
    expect(MatchTolerances.safeParse({ pricePct: 3 }).success).toBe(false);
    expect(MatchTolerances.safeParse({ priceAbs: '-1' }).success).toBe(false);
    const unknown = MatchTolerances.safeParse({ quantity: '2' });
    expect(unknown.success).toBe(false);
    expect(JSON.stringify(unknown.error?.issues)).toContain('quantity');
  });
});
