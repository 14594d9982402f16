import Decimal from 'decimal.js';

/** Money is kept to the cent, rounded half up as a supplier's invoice does. */
const CENTS = 2;

export interface LineAmounts {
  net: Decimal;
  vat: Decimal;
  gross: Decimal;
}

/**
 * A line's amounts: net = qty × unit price, VAT = net × rate, each rounded to the cent
 * on its own (the way a fapiao states them), gross their sum. 9.5 kg × 82.00 at 9 % →
 * 779.00 + 70.11 = 849.11.
 */
export function lineAmounts(qty: string, unitPrice: string, taxRatePct: string): LineAmounts {
  const net = new Decimal(qty).times(unitPrice).toDecimalPlaces(CENTS, Decimal.ROUND_HALF_UP);
  const vat = net.times(taxRatePct).dividedBy(100).toDecimalPlaces(CENTS, Decimal.ROUND_HALF_UP);
  return { net, vat, gross: net.plus(vat) };
}

export const money = (d: Decimal): string => d.toFixed(CENTS);

/** Quantities keep what they need, at most 3 decimals: "9.5", not "9.500". */
export const qtyText = (d: Decimal): string => d.toDecimalPlaces(3, Decimal.ROUND_HALF_UP).toString();
