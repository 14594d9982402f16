import Decimal from 'decimal.js';
import type { PurchaseOrderLineView, PurchaseOrderView } from '../../../shared/api/purchasing';
import type { LocalizedText } from '../../../shared/localized-text';
import { lineAmounts, money, qtyText } from './order-money';
import type { StoredOrder } from './purchasing-store';

/** An order as the API shows it: amounts computed from its lines, what arrived summed from its receipts. */
export function orderView(stored: StoredOrder): PurchaseOrderView {
  const { row, supplier } = stored;
  let net = new Decimal(0);
  let vat = new Decimal(0);
  const lines = stored.lines.map((l): PurchaseOrderLineView => {
    const amounts = lineAmounts(l.qty, l.unit_price, l.tax_rate_pct);
    net = net.plus(amounts.net);
    vat = vat.plus(amounts.vat);
    const got = receivedOf(stored, l.line);
    return {
      line: l.line,
      kind: l.kind,
      item: l.item,
      name: JSON.parse(l.name_json) as LocalizedText,
      unit: l.unit,
      baseUnitsPerUnit: l.base_per_unit,
      qty: l.qty,
      unitPrice: l.unit_price,
      taxRatePct: l.tax_rate_pct,
      net: money(amounts.net),
      vat: money(amounts.vat),
      gross: money(amounts.gross),
      chilled: l.chilled === 1,
      receivedQty: qtyText(got.accepted),
      rejectedQty: qtyText(got.rejected),
      requests: stored.requests.filter((r) => r.line === l.line).map((r) => r.request_id),
    };
  });
  return {
    id: row.id,
    supplier: row.supplier,
    supplierName: supplier.name,
    currency: supplier.currency,
    paymentTermsDays: supplier.paymentTermsDays,
    state: row.state,
    note: row.note,
    lines,
    totals: { net: money(net), vat: money(vat), gross: money(net.plus(vat)) },
    createdAt: row.created_at,
    createdBy: row.created_by,
    placedAt: row.placed_at,
    placedBy: row.placed_by,
    history: stored.history.map((h) => ({
      from: h.from_state,
      to: h.to_state,
      at: h.at,
      by: h.by,
      note: h.note,
    })),
    receipts: stored.receipts,
  };
}

/** Accepted and rejected so far on one line, over every receipt of the order. */
export function receivedOf(stored: StoredOrder, line: number): { accepted: Decimal; rejected: Decimal } {
  let accepted = new Decimal(0);
  let rejected = new Decimal(0);
  for (const receipt of stored.receipts)
    for (const l of receipt.lines)
      if (l.line === line) {
        accepted = accepted.plus(l.acceptedQty);
        rejected = rejected.plus(l.rejectedQty);
      }
  return { accepted, rejected };
}
