import type { Migration } from './index';

/**
 * Supplier invoices against purchase orders, their three-way match per line, finance's
 * resolution, the payment approval and the payments (edge/domains/purchasing/). Money and
 * quantities are decimal TEXT as decimal.js writes them. What was recorded is never
 * rewritten: lines, payments and the event history refuse UPDATE and DELETE, and the
 * invoice row only moves its status forward and fills its resolution and approval once.
 */
export const m030SupplierInvoices: Migration = {
  version: 30,
  name: 'supplier-invoices',
  sql: `
    CREATE TABLE supplier_invoices (
      id INTEGER PRIMARY KEY,
      order_id INTEGER NOT NULL REFERENCES purchase_orders (id),
      supplier TEXT NOT NULL,
      invoice_no TEXT NOT NULL,
      invoice_date TEXT NOT NULL,
      currency TEXT NOT NULL,
      note TEXT,
      net TEXT NOT NULL,
      vat TEXT NOT NULL,
      gross TEXT NOT NULL,
      stated_gross TEXT NOT NULL,
      reasons_json TEXT NOT NULL,
      tolerances_json TEXT NOT NULL,
      suggested_payable TEXT NOT NULL,
      payable TEXT,
      status TEXT NOT NULL
        CHECK (status IN ('matched', 'exception', 'resolved', 'approved', 'partially_paid', 'paid')),
      resolution TEXT CHECK (resolution IN ('accept', 'short_pay', 'debit_note')),
      resolution_reason TEXT,
      debit_amount TEXT,
      debit_ref TEXT,
      resolved_at INTEGER,
      resolved_by TEXT,
      approved_at INTEGER,
      approved_by TEXT,
      approval_note TEXT,
      recorded_at INTEGER NOT NULL,
      recorded_by TEXT NOT NULL,
      updated_at INTEGER NOT NULL,
      UNIQUE (supplier, invoice_no)
    );
    CREATE INDEX supplier_invoices_order ON supplier_invoices (order_id, id);
    CREATE INDEX supplier_invoices_status ON supplier_invoices (status, id);

    -- A resolution and an approval are given once; what was invoiced and matched never changes.
    CREATE TRIGGER supplier_invoices_settled BEFORE UPDATE ON supplier_invoices
    WHEN OLD.order_id IS NOT NEW.order_id OR OLD.supplier IS NOT NEW.supplier
      OR OLD.invoice_no IS NOT NEW.invoice_no OR OLD.gross IS NOT NEW.gross
      OR OLD.stated_gross IS NOT NEW.stated_gross OR OLD.suggested_payable IS NOT NEW.suggested_payable
      OR (OLD.resolution IS NOT NULL AND OLD.resolution IS NOT NEW.resolution)
      OR (OLD.approved_by IS NOT NULL AND OLD.approved_by IS NOT NEW.approved_by)
      OR (OLD.payable IS NOT NULL AND OLD.payable IS NOT NEW.payable)
    BEGIN SELECT RAISE(ABORT, 'a supplier invoice keeps what was recorded, resolved and approved'); END;
    CREATE TRIGGER supplier_invoices_kept BEFORE DELETE ON supplier_invoices
    BEGIN SELECT RAISE(ABORT, 'supplier invoices are never deleted'); END;

    CREATE TABLE supplier_invoice_lines (
      invoice_id INTEGER NOT NULL REFERENCES supplier_invoices (id),
      line INTEGER NOT NULL CHECK (line >= 1),
      qty TEXT NOT NULL,
      unit_price TEXT NOT NULL,
      tax_rate_pct TEXT NOT NULL,
      net TEXT NOT NULL,
      vat TEXT NOT NULL,
      gross TEXT NOT NULL,
      match_json TEXT NOT NULL,
      PRIMARY KEY (invoice_id, line)
    );

    CREATE TABLE supplier_payments (
      id INTEGER PRIMARY KEY,
      invoice_id INTEGER NOT NULL REFERENCES supplier_invoices (id),
      amount TEXT NOT NULL,
      date TEXT NOT NULL,
      method TEXT NOT NULL CHECK (method IN ('bank_transfer', 'cash', 'card', 'other')),
      reference TEXT NOT NULL,
      at INTEGER NOT NULL,
      by TEXT NOT NULL
    );
    CREATE INDEX supplier_payments_invoice ON supplier_payments (invoice_id, id);

    CREATE TABLE invoice_events (
      id INTEGER PRIMARY KEY,
      invoice_id INTEGER NOT NULL REFERENCES supplier_invoices (id),
      kind TEXT NOT NULL CHECK (kind IN ('recorded', 'resolved', 'approved', 'paid')),
      from_status TEXT,
      to_status TEXT NOT NULL,
      at INTEGER NOT NULL,
      by TEXT NOT NULL,
      note TEXT
    );
    CREATE INDEX invoice_events_invoice ON invoice_events (invoice_id, id);

    CREATE TRIGGER supplier_invoice_lines_fixed BEFORE UPDATE ON supplier_invoice_lines
    BEGIN SELECT RAISE(ABORT, 'invoice lines are append-only'); END;
    CREATE TRIGGER supplier_invoice_lines_kept BEFORE DELETE ON supplier_invoice_lines
    BEGIN SELECT RAISE(ABORT, 'invoice lines are append-only'); END;
    CREATE TRIGGER supplier_payments_fixed BEFORE UPDATE ON supplier_payments
    BEGIN SELECT RAISE(ABORT, 'payments are append-only: record a correction instead'); END;
    CREATE TRIGGER supplier_payments_kept BEFORE DELETE ON supplier_payments
    BEGIN SELECT RAISE(ABORT, 'payments are append-only: record a correction instead'); END;
    CREATE TRIGGER invoice_events_fixed BEFORE UPDATE ON invoice_events
    BEGIN SELECT RAISE(ABORT, 'invoice history is append-only'); END;
    CREATE TRIGGER invoice_events_kept BEFORE DELETE ON invoice_events
    BEGIN SELECT RAISE(ABORT, 'invoice history is append-only'); END;
  `,
};
