import type { MatchTolerances } from '../../../shared/config/purchasing';
import type { InvoiceEventKind } from '../../../shared/purchasing/invoice-api';
import type {
  InvoiceStatus,
  MatchReason,
  PaymentMethod,
  ResolutionKind,
} from '../../../shared/purchasing/invoice-events';
import type { Database } from '../../store/database';
import type { LineMatch } from './match-lines';

export interface InvoiceRow {
  id: number;
  order_id: number;
  supplier: string;
  invoice_no: string;
  invoice_date: string;
  currency: string;
  note: string | null;
  net: string;
  vat: string;
  gross: string;
  stated_gross: string;
  reasons_json: string;
  tolerances_json: string;
  suggested_payable: string;
  payable: string | null;
  status: InvoiceStatus;
  resolution: ResolutionKind | null;
  resolution_reason: string | null;
  debit_amount: string | null;
  debit_ref: string | null;
  resolved_at: number | null;
  resolved_by: string | null;
  approved_at: number | null;
  approved_by: string | null;
  approval_note: string | null;
  recorded_at: number;
  recorded_by: string;
  updated_at: number;
}

export interface InvoiceLineRow {
  invoice_id: number;
  line: number;
  qty: string;
  unit_price: string;
  tax_rate_pct: string;
  net: string;
  vat: string;
  gross: string;
  match_json: string;
}

export interface PaymentRow {
  id: number;
  invoice_id: number;
  amount: string;
  date: string;
  method: PaymentMethod;
  reference: string;
  at: number;
  by: string;
}

export interface InvoiceEventRow {
  kind: InvoiceEventKind;
  from_status: InvoiceStatus | null;
  to_status: InvoiceStatus;
  at: number;
  by: string;
  note: string | null;
}

export interface StoredInvoice {
  row: InvoiceRow;
  lines: InvoiceLineRow[];
  payments: PaymentRow[];
  events: InvoiceEventRow[];
}

export interface NewInvoice {
  orderId: number;
  supplier: string;
  invoiceNo: string;
  invoiceDate: string;
  currency: string;
  note: string | null;
  totals: { net: string; vat: string; gross: string };
  statedGross: string;
  reasons: readonly MatchReason[];
  tolerances: MatchTolerances;
  suggestedPayable: string;
  payable: string | null;
  status: InvoiceStatus;
  lines: readonly {
    line: number;
    qty: string;
    unitPrice: string;
    taxRatePct: string;
    net: string;
    vat: string;
    gross: string;
    match: LineMatch;
  }[];
  at: number;
  by: string;
}

/** Supplier invoices, their lines, payments and history; callers hold the transaction. */
export class InvoiceStore {
  readonly #s;

  constructor(db: Database) {
    this.#s = {
      insert: db.prepare(
        `INSERT INTO supplier_invoices (order_id, supplier, invoice_no, invoice_date, currency, note, net, vat, gross,
           stated_gross, reasons_json, tolerances_json, suggested_payable, payable, status, recorded_at, recorded_by,
           updated_at)
         VALUES (@orderId, @supplier, @invoiceNo, @invoiceDate, @currency, @note, @net, @vat, @gross, @statedGross,
           @reasonsJson, @tolerancesJson, @suggestedPayable, @payable, @status, @at, @by, @at)`,
      ),
      insertLine: db.prepare(
        `INSERT INTO supplier_invoice_lines (invoice_id, line, qty, unit_price, tax_rate_pct, net, vat, gross, match_json)
         VALUES (@invoiceId, @line, @qty, @unitPrice, @taxRatePct, @net, @vat, @gross, @matchJson)`,
      ),
      event: db.prepare(
        'INSERT INTO invoice_events (invoice_id, kind, from_status, to_status, at, by, note) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      byNumber: db.prepare<[string, string], { id: number }>(
        'SELECT id FROM supplier_invoices WHERE supplier = ? AND invoice_no = ?',
      ),
      row: db.prepare<[number], InvoiceRow>('SELECT * FROM supplier_invoices WHERE id = ?'),
      lines: db.prepare<[number], InvoiceLineRow>(
        'SELECT * FROM supplier_invoice_lines WHERE invoice_id = ? ORDER BY line',
      ),
      payments: db.prepare<[number], PaymentRow>(
        'SELECT * FROM supplier_payments WHERE invoice_id = ? ORDER BY id',
      ),
      events: db.prepare<[number], InvoiceEventRow>(
        'SELECT kind, from_status, to_status, at, by, note FROM invoice_events WHERE invoice_id = ? ORDER BY id',
      ),
      ofOrder: db.prepare<[number], { id: number }>(
        'SELECT id FROM supplier_invoices WHERE order_id = ? ORDER BY id',
      ),
      invoicedQty: db.prepare<[number], { line: number; qty: string }>(
        `SELECT l.line, l.qty FROM supplier_invoice_lines l JOIN supplier_invoices i ON i.id = l.invoice_id
         WHERE i.order_id = ?`,
      ),
      list: db.prepare<{ status: string; limit: number }, { id: number }>(
        `SELECT id FROM supplier_invoices
         WHERE (@status = 'all' OR (@status = 'open' AND status <> 'paid') OR status = @status)
         ORDER BY id DESC LIMIT @limit`,
      ),
      resolve: db.prepare(
        `UPDATE supplier_invoices SET status = 'resolved', payable = @payable, resolution = @kind,
           resolution_reason = @reason, debit_amount = @debitAmount, debit_ref = @debitRef, resolved_at = @at,
           resolved_by = @by, updated_at = @at
         WHERE id = @id`,
      ),
      approve: db.prepare(
        `UPDATE supplier_invoices SET status = 'approved', approved_at = @at, approved_by = @by,
           approval_note = @note, updated_at = @at
         WHERE id = @id`,
      ),
      setStatus: db.prepare('UPDATE supplier_invoices SET status = @status, updated_at = @at WHERE id = @id'),
      pay: db.prepare(
        `INSERT INTO supplier_payments (invoice_id, amount, date, method, reference, at, by)
         VALUES (@invoiceId, @amount, @date, @method, @reference, @at, @by)`,
      ),
    };
  }

  insert(invoice: NewInvoice): number {
    const id = Number(
      this.#s.insert.run({
        orderId: invoice.orderId,
        supplier: invoice.supplier,
        invoiceNo: invoice.invoiceNo,
        invoiceDate: invoice.invoiceDate,
        currency: invoice.currency,
        note: invoice.note,
        ...invoice.totals,
        statedGross: invoice.statedGross,
        reasonsJson: JSON.stringify(invoice.reasons),
        tolerancesJson: JSON.stringify(invoice.tolerances),
        suggestedPayable: invoice.suggestedPayable,
        payable: invoice.payable,
        status: invoice.status,
        at: invoice.at,
        by: invoice.by,
      }).lastInsertRowid,
    );
    for (const { match, ...l } of invoice.lines)
      this.#s.insertLine.run({ invoiceId: id, ...l, matchJson: JSON.stringify(match) });
    this.#s.event.run(id, 'recorded', null, invoice.status, invoice.at, invoice.by, invoice.note);
    return id;
  }

  /** The invoice already recorded under this supplier's number, if any. */
  idByNumber(supplier: string, invoiceNo: string): number | undefined {
    return this.#s.byNumber.get(supplier, invoiceNo)?.id;
  }

  /** Quantity already invoiced per order line, over every invoice of the order. */
  invoicedByLine(orderId: number): Map<number, string[]> {
    const byLine = new Map<number, string[]>();
    for (const { line, qty } of this.#s.invoicedQty.all(orderId))
      byLine.set(line, [...(byLine.get(line) ?? []), qty]);
    return byLine;
  }

  resolve(
    id: number,
    r: {
      kind: ResolutionKind;
      reason: string;
      payable: string;
      debit: { amount: string; ref: string } | null;
      at: number;
      by: string;
    },
  ): void {
    this.#s.resolve.run({
      id,
      kind: r.kind,
      reason: r.reason,
      payable: r.payable,
      debitAmount: r.debit?.amount ?? null,
      debitRef: r.debit?.ref ?? null,
      at: r.at,
      by: r.by,
    });
    this.#s.event.run(id, 'resolved', 'exception', 'resolved', r.at, r.by, `${r.kind}: ${r.reason}`);
  }

  approve(id: number, from: InvoiceStatus, at: number, by: string, note: string | null): void {
    this.#s.approve.run({ id, at, by, note });
    this.#s.event.run(id, 'approved', from, 'approved', at, by, note);
  }

  pay(
    id: number,
    from: InvoiceStatus,
    to: InvoiceStatus,
    p: { amount: string; date: string; method: PaymentMethod; reference: string; at: number; by: string },
  ): number {
    const paymentId = Number(this.#s.pay.run({ invoiceId: id, ...p }).lastInsertRowid);
    this.#s.setStatus.run({ id, status: to, at: p.at });
    this.#s.event.run(id, 'paid', from, to, p.at, p.by, `${p.amount} ${p.method} ${p.reference} (${p.date})`);
    return paymentId;
  }

  get(id: number): StoredInvoice | undefined {
    const row = this.#s.row.get(id);
    if (!row) return undefined;
    return {
      row,
      lines: this.#s.lines.all(id),
      payments: this.#s.payments.all(id),
      events: this.#s.events.all(id),
    };
  }

  idsOfOrder(orderId: number): number[] {
    return this.#s.ofOrder.all(orderId).map((r) => r.id);
  }

  ids(query: { status: string; limit: number }): number[] {
    return this.#s.list.all(query).map((r) => r.id);
  }
}
