import Decimal from 'decimal.js';
import type { MatchTolerances } from '../../../shared/config/purchasing';
import type { LocalizedText } from '../../../shared/localized-text';
import type { SupplierInvoiceView } from '../../../shared/purchasing/invoice-api';
import type { MatchReason, PurchasingInvoiceEvent } from '../../../shared/purchasing/invoice-events';
import type { StoredInvoice } from './invoice-store';
import type { LineMatch } from './match-lines';
import { money } from './order-money';
import type { StoredOrder } from './purchasing-store';

/** Every payment on the invoice so far. */
export function paidOf(stored: StoredInvoice): Decimal {
  return stored.payments.reduce((sum, p) => sum.plus(p.amount), new Decimal(0));
}

/** An invoice as the API shows it: its lines beside their order lines, the match, the money and its history. */
export function invoiceView(stored: StoredInvoice, order: StoredOrder): SupplierInvoiceView {
  const { row } = stored;
  const paid = paidOf(stored);
  return {
    id: row.id,
    orderId: row.order_id,
    supplier: row.supplier,
    supplierName: order.supplier.name,
    invoiceNo: row.invoice_no,
    invoiceDate: row.invoice_date,
    currency: row.currency,
    status: row.status,
    note: row.note,
    lines: stored.lines.map((l) => {
      const orderLine = order.lines.find((o) => o.line === l.line);
      return {
        line: l.line,
        item: orderLine?.item ?? '',
        name: orderLine ? (JSON.parse(orderLine.name_json) as LocalizedText) : { en: '?', 'zh-CN': '?' },
        unit: orderLine?.unit ?? '',
        qty: l.qty,
        unitPrice: l.unit_price,
        taxRatePct: l.tax_rate_pct,
        net: l.net,
        vat: l.vat,
        gross: l.gross,
        match: JSON.parse(l.match_json) as LineMatch,
      };
    }),
    totals: { net: row.net, vat: row.vat, gross: row.gross },
    statedGross: row.stated_gross,
    reasons: JSON.parse(row.reasons_json) as MatchReason[],
    tolerances: JSON.parse(row.tolerances_json) as MatchTolerances,
    suggestedPayable: row.suggested_payable,
    payable: row.payable,
    paid: money(paid),
    outstanding: row.payable === null ? null : money(new Decimal(row.payable).minus(paid)),
    resolution:
      row.resolution === null
        ? null
        : {
            kind: row.resolution,
            reason: row.resolution_reason ?? '',
            debitNote:
              row.debit_amount === null ? null : { amount: row.debit_amount, ref: row.debit_ref ?? '' },
            at: row.resolved_at ?? row.updated_at,
            by: row.resolved_by ?? '',
          },
    approval:
      row.approved_by === null
        ? null
        : { at: row.approved_at ?? row.updated_at, by: row.approved_by, note: row.approval_note },
    payments: stored.payments.map((p) => ({
      id: p.id,
      amount: p.amount,
      date: p.date,
      method: p.method,
      reference: p.reference,
      at: p.at,
      by: p.by,
    })),
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
    history: stored.events.map((e) => ({
      kind: e.kind,
      from: e.from_status,
      to: e.to_status,
      at: e.at,
      by: e.by,
      note: e.note,
    })),
  };
}

/** The `purchasing.invoice` outbox payload: the invoice in short, for central's views. */
export function invoiceEvent(view: SupplierInvoiceView, updatedAt: number): PurchasingInvoiceEvent {
  return {
    id: view.id,
    orderId: view.orderId,
    supplier: view.supplier,
    supplierInvoiceNo: view.invoiceNo,
    invoiceDate: view.invoiceDate,
    currency: view.currency,
    status: view.status,
    totals: view.totals,
    statedGross: view.statedGross,
    suggestedPayable: view.suggestedPayable,
    payable: view.payable,
    paid: view.paid,
    match: view.lines.map((l) => ({
      line: l.line,
      item: l.item,
      within: l.match.within,
      reasons: l.match.reasons.map((r) => r.code),
    })),
    resolution: view.resolution?.kind ?? null,
    debitNote: view.resolution?.debitNote ?? null,
    recordedAt: view.recordedAt,
    updatedAt,
  };
}
