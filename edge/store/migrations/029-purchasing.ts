import type { Migration } from './index';

/**
 * Purchase orders to suppliers and the goods received against them
 * (edge/domains/purchasing/). Quantities and money are decimal TEXT as decimal.js writes
 * them: exact, and summed in the service, never by SQL. Supplier fields are copied onto
 * the order when it is made, so a later change of the price list never rewrites a sent order.
 */
export const m029Purchasing: Migration = {
  version: 29,
  name: 'purchasing',
  sql: `
    CREATE TABLE purchase_orders (
      id INTEGER PRIMARY KEY,
      supplier TEXT NOT NULL,
      supplier_json TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('draft', 'placed', 'partially_received', 'received', 'cancelled')),
      note TEXT,
      created_at INTEGER NOT NULL,
      created_by TEXT NOT NULL,
      placed_at INTEGER,
      placed_by TEXT,
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX purchase_orders_state ON purchase_orders (state, id);

    CREATE TABLE purchase_order_lines (
      order_id INTEGER NOT NULL REFERENCES purchase_orders (id),
      line INTEGER NOT NULL CHECK (line >= 1),
      kind TEXT NOT NULL CHECK (kind IN ('ingredient', 'part')),
      item TEXT NOT NULL,
      name_json TEXT NOT NULL,
      unit TEXT NOT NULL,
      base_per_unit TEXT NOT NULL,
      qty TEXT NOT NULL,
      unit_price TEXT NOT NULL,
      tax_rate_pct TEXT NOT NULL,
      chilled INTEGER NOT NULL CHECK (chilled IN (0, 1)),
      PRIMARY KEY (order_id, line)
    );

    -- Which approved requests an order fills; a request is on one order at a time.
    CREATE TABLE purchase_order_requests (
      order_id INTEGER NOT NULL REFERENCES purchase_orders (id),
      line INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('ingredient', 'part')),
      request_id INTEGER NOT NULL,
      PRIMARY KEY (kind, request_id, order_id)
    );

    CREATE TABLE purchase_order_transitions (
      id INTEGER PRIMARY KEY,
      order_id INTEGER NOT NULL REFERENCES purchase_orders (id),
      from_state TEXT,
      to_state TEXT NOT NULL,
      at INTEGER NOT NULL,
      by TEXT NOT NULL,
      note TEXT
    );
    CREATE INDEX purchase_order_transitions_order ON purchase_order_transitions (order_id, id);

    CREATE TABLE goods_receipts (
      id INTEGER PRIMARY KEY,
      order_id INTEGER NOT NULL REFERENCES purchase_orders (id),
      ref TEXT NOT NULL,
      at INTEGER NOT NULL,
      by TEXT NOT NULL,
      witnessed_by TEXT
    );
    CREATE INDEX goods_receipts_order ON goods_receipts (order_id, id);

    CREATE TABLE goods_receipt_lines (
      receipt_id INTEGER NOT NULL REFERENCES goods_receipts (id),
      line INTEGER NOT NULL,
      accepted_qty TEXT NOT NULL,
      rejected_qty TEXT NOT NULL,
      reject_reason TEXT,
      lot TEXT,
      expiry TEXT,
      delivery_temp_c REAL,
      PRIMARY KEY (receipt_id, line)
    );
  `,
};
