import Decimal from 'decimal.js';

/** A part used on a job: quantity in base units, and the price of one base unit (null: none on the box). */
export interface PricedPartUse {
  quantity: string;
  unitPrice: string | null;
}

/**
 * One job's price, the one rule the box counts repair spend by (the asset history, the
 * ticket's sync event): its latest quote, which covers parts, labour and call-out; else
 * its parts at their prices (unpriced parts count nothing). Two decimals, half up.
 */
export function jobSpend(latestQuote: string | undefined, parts: readonly PricedPartUse[]): string {
  if (latestQuote !== undefined)
    return new Decimal(latestQuote).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
  let total = new Decimal(0);
  for (const p of parts)
    if (p.unitPrice !== null) total = total.plus(new Decimal(p.unitPrice).times(p.quantity));
  return total.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}
