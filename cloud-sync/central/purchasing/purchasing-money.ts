import Decimal from 'decimal.js';
import type { GoodsReceiptView, PurchaseOrderView } from '../../../shared/api/purchasing';

/** Money to the cent, rounded half up, line by line: the edge's order-money rules, which a fapiao follows. */
const CENTS = 2;

/** A line's gross: net = qty × unit price and VAT = net × rate, each rounded to the cent on its own. */
export function lineGross(qty: string, unitPrice: string, taxRatePct: string): Decimal {
  const net = new Decimal(qty).times(unitPrice).toDecimalPlaces(CENTS, Decimal.ROUND_HALF_UP);
  const vat = net.times(taxRatePct).dividedBy(100).toDecimalPlaces(CENTS, Decimal.ROUND_HALF_UP);
  return net.plus(vat);
}

export const money = (d: Decimal): string => d.toFixed(CENTS);

/** What an order's goods accepted so far are worth, at its prices and rates. */
export function receivedGross(order: PurchaseOrderView): Decimal {
  return order.lines.reduce(
    (sum, l) => sum.plus(lineGross(l.receivedQty, l.unitPrice, l.taxRatePct)),
    new Decimal(0),
  );
}

/** What one receipt's accepted goods are worth, at the prices and rates of its order. */
export function receiptGross(order: PurchaseOrderView, receipt: GoodsReceiptView): Decimal {
  return receipt.lines.reduce((sum, r) => {
    const line = order.lines.find((l) => l.line === r.line);
    return line ? sum.plus(lineGross(r.acceptedQty, line.unitPrice, line.taxRatePct)) : sum;
  }, new Decimal(0));
}

/** Sums kept apart per key (store, supplier, currency), exact. */
export class DecimalSums<K extends string> {
  readonly #sums = new Map<string, Record<K, Decimal>>();

  constructor(readonly fields: readonly K[]) {}

  add(key: string, field: K, amount: Decimal.Value): void {
    const held = this.#sums.get(key) ?? this.#zero();
    held[field] = held[field].plus(amount);
    this.#sums.set(key, held);
  }

  get(key: string): Record<K, Decimal> {
    return this.#sums.get(key) ?? this.#zero();
  }

  keys(): string[] {
    return [...this.#sums.keys()];
  }

  #zero(): Record<K, Decimal> {
    return Object.fromEntries(this.fields.map((f) => [f, new Decimal(0)])) as Record<K, Decimal>;
  }
}
