import type { PurchaseOrderView } from '../../../shared/api/purchasing';
import type { Locale } from '../../../shared/localized-text';
import { ORDER_WORDS } from './order-words';

/** RFC 4180 quoting: a comma, quote or line break in a name never shifts a column. */
const cell = (value: string | number): string => {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/**
 * The order as CSV for a spreadsheet: a header block, one row per line, the totals last.
 * UTF-8 with a BOM so Excel opens the Chinese names as they are.
 */
export function orderCsv(order: PurchaseOrderView, lang: Locale): string {
  const w = ORDER_WORDS[lang];
  const rows: (string | number)[][] = [
    [w.title, order.id],
    [w.supplier, order.supplierName[lang]],
    [w.currency, order.currency],
    [w.terms, `${order.paymentTermsDays} ${w.days}`],
    [w.state, order.state],
    [],
    [w.line, w.item, w.qty, w.unit, w.unitPrice, w.taxRate, w.net, w.vat, w.gross, w.received],
    ...order.lines.map((l) => [
      l.line,
      l.name[lang],
      l.qty,
      l.unit,
      l.unitPrice,
      l.taxRatePct,
      l.net,
      l.vat,
      l.gross,
      l.receivedQty,
    ]),
    [w.totals, '', '', '', '', '', order.totals.net, order.totals.vat, order.totals.gross, ''],
  ];
  return `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
