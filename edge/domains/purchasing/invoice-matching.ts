import Decimal from 'decimal.js';
import type { MatchTolerances } from '../../../shared/config/purchasing';
import type { LocalizedText } from '../../../shared/localized-text';
import type { RecordInvoiceRequest } from '../../../shared/purchasing/invoice-api';
import type { MatchReason } from '../../../shared/purchasing/invoice-events';
import { InvoiceError } from './invoice-errors';
import { type LineMatch, matchLine, totalReason } from './match-lines';
import { lineAmounts, money, qtyText } from './order-money';
import { receivedOf } from './order-view';
import type { StoredOrder } from './purchasing-store';

export interface MatchedInvoice {
  lines: {
    line: number;
    qty: string;
    unitPrice: string;
    taxRatePct: string;
    net: string;
    vat: string;
    gross: string;
    match: LineMatch;
  }[];
  totals: { net: string; vat: string; gross: string };
  statedGross: string;
  /** reasons about the invoice as a whole (its stated total) */
  reasons: MatchReason[];
  suggestedPayable: string;
  /** every line within tolerance and the stated total the recomputed one */
  within: boolean;
}

/**
 * An invoice against its order: each line's amounts recomputed as the order's are
 * (order-money.ts), matched against the order line and against what was accepted on the
 * receipts less what earlier invoices already billed, so goods are never paid twice.
 */
export function matchInvoice(
  order: StoredOrder,
  invoicedBefore: ReadonlyMap<number, readonly string[]>,
  body: RecordInvoiceRequest,
  tolerances: MatchTolerances,
): MatchedInvoice {
  const seen = new Set<number>();
  let net = new Decimal(0);
  let vat = new Decimal(0);
  let suggested = new Decimal(0);
  const lines = body.lines.map((input, i) => {
    const orderLine = order.lines.find((l) => l.line === input.line);
    if (!orderLine)
      throw new InvoiceError(
        'REQUEST_REFUSED',
        {
          en: `purchase order #${order.row.id} has no line ${input.line}`,
          'zh-CN': `采购订单 #${order.row.id} 没有第 ${input.line} 行`,
        },
        ['lines', i, 'line'],
      );
    if (seen.has(input.line))
      throw new InvoiceError(
        'REQUEST_REFUSED',
        {
          en: `line ${input.line} is on the invoice twice: one entry per order line`,
          'zh-CN': `第 ${input.line} 行重复出现：每个订单行只填一次`,
        },
        ['lines', i, 'line'],
      );
    seen.add(input.line);
    const billed = (invoicedBefore.get(input.line) ?? []).reduce((s, q) => s.plus(q), new Decimal(0));
    const available = receivedOf(order, input.line).accepted.minus(billed);
    const taxRatePct = input.taxRatePct ?? orderLine.tax_rate_pct;
    const amounts = lineAmounts(input.qty, input.unitPrice, taxRatePct);
    const match = matchLine(
      {
        line: input.line,
        item: orderLine.item,
        name: JSON.parse(orderLine.name_json) as LocalizedText,
        unit: orderLine.unit,
        orderedQty: orderLine.qty,
        orderPrice: orderLine.unit_price,
        receivedQty: qtyText(available),
        invoicedQty: input.qty,
        invoicedPrice: input.unitPrice,
        taxRatePct,
      },
      tolerances,
    );
    net = net.plus(amounts.net);
    vat = vat.plus(amounts.vat);
    suggested = suggested.plus(match.suggestedGross);
    return {
      line: input.line,
      qty: input.qty,
      unitPrice: input.unitPrice,
      taxRatePct,
      net: money(amounts.net),
      vat: money(amounts.vat),
      gross: money(amounts.gross),
      match,
    };
  });
  const gross = net.plus(vat);
  const total = totalReason(body.statedGross, gross);
  return {
    lines,
    totals: { net: money(net), vat: money(vat), gross: money(gross) },
    statedGross: money(new Decimal(body.statedGross)),
    reasons: total ? [total] : [],
    suggestedPayable: money(suggested),
    within: !total && lines.every((l) => l.match.within),
  };
}
