import type { Money } from '../../../shared/api/stock';
import { PRICE_DECIMALS } from '../../../shared/config/stock';

const MICROS = 10n ** BigInt(PRICE_DECIMALS);
/** thousandths × millionths = 1e-9 of the currency; a cent is 1e7 of those. */
const PER_CENT = (1000n * MICROS) / 100n;

/**
 * The cost of a quantity (thousandths of a base unit) at a price per base unit, in
 * integer cents, halves away from zero. In BigInt because 10 t of an ingredient at a
 * price of 6 decimals goes past what a double holds exactly.
 */
export function costInCents(qtyMilli: number, pricePerUnit: number): number {
  const micros = BigInt(Math.round(pricePerUnit * Number(MICROS)));
  const product = BigInt(qtyMilli) * micros;
  const negative = product < 0n;
  const magnitude = negative ? -product : product;
  const cents = (2n * magnitude + PER_CENT) / (2n * PER_CENT);
  return Number(negative ? -cents : cents);
}

export function money(currency: string, cents: number): Money {
  return { currency, amount: cents / 100 };
}
