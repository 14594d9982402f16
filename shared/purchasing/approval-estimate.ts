import Decimal from 'decimal.js';
import type { Supplier } from '../config/purchasing';
import type { ApprovalCategory } from './approval-routing';

/** Money to the cent, half up, each of net and VAT on its own: the edge's order-money rule. */
const CENTS = 2;

export interface ApprovalEstimate {
  supplier: string;
  /** in the supplier's units, at most 3 decimals, as an order line would say */
  qty: string;
  gross: string;
  currency: string;
}

/**
 * What a request will cost, estimated from the price lists: the base quantity in the
 * supplier's units (3 decimals, half up) × unit price, net and VAT each rounded to the
 * cent, gross their sum; the cheapest supplier listing the item wins. Undefined when no
 * supplier lists it.
 */
export function estimateGross(
  item: { kind: ApprovalCategory; id: string; baseQty: string },
  suppliers: readonly Supplier[],
): ApprovalEstimate | undefined {
  let best: ApprovalEstimate | undefined;
  for (const supplier of suppliers) {
    const listed = supplier.items.find((it) => it.kind === item.kind && it.id === item.id);
    if (!listed) continue;
    const qty = new Decimal(item.baseQty)
      .dividedBy(listed.baseUnitsPerUnit)
      .toDecimalPlaces(3, Decimal.ROUND_HALF_UP);
    const net = qty.times(listed.unitPrice).toDecimalPlaces(CENTS, Decimal.ROUND_HALF_UP);
    const rate = listed.taxRatePct ?? supplier.taxRatePct;
    const vat = net.times(rate).dividedBy(100).toDecimalPlaces(CENTS, Decimal.ROUND_HALF_UP);
    const gross = net.plus(vat);
    if (best && new Decimal(best.gross).lessThanOrEqualTo(gross)) continue;
    best = {
      supplier: supplier.id,
      qty: qty.toString(),
      gross: gross.toFixed(CENTS),
      currency: supplier.currency,
    };
  }
  return best;
}
