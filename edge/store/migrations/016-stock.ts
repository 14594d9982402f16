import type { Migration } from './index';

/**
 * Food stock linked to the kitchen. Every quantity is integer thousandths of the
 * ingredient's base unit (shared/quantity.ts), as parts are since 008.
 *
 * `stock_movements` is the ledger: a sale or void carries the theoretical usage the
 * recipes give, a count the difference it found (and the level counted), waste,
 * deliveries and adjustments their own delta. `stock_levels` keeps the running result
 * per ingredient so a level is one lookup on the intake path: `on_hand` is the last
 * count plus what came in since, `projected` additionally less usage and waste since.
 * A row without a count is an ingredient never counted: untracked, never 0.
 *
 * `stock_order_usage` remembers what each order line has depleted, so a later version
 * depletes only the difference and a void gives back exactly what was taken, even
 * after a recipe changed.
 */
export const m016Stock: Migration = {
  version: 16,
  name: 'stock',
  sql: `
    CREATE TABLE stock_levels (
      ingredient TEXT PRIMARY KEY,
      counted_milli INTEGER,
      last_count_id INTEGER,
      last_count_at INTEGER,
      on_hand_milli INTEGER NOT NULL DEFAULT 0,
      projected_milli INTEGER NOT NULL DEFAULT 0,
      low_alerted INTEGER NOT NULL DEFAULT 0 CHECK (low_alerted IN (0, 1)),
      updated_at INTEGER NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE stock_movements (
      id INTEGER PRIMARY KEY,
      ingredient TEXT NOT NULL,
      delta_milli INTEGER NOT NULL,
      reason TEXT NOT NULL
        CHECK (reason IN ('sale', 'void', 'count', 'waste', 'delivery', 'adjust')),
      counted_milli INTEGER CHECK ((reason = 'count') = (counted_milli IS NOT NULL)),
      ref TEXT,
      note TEXT,
      at INTEGER NOT NULL,
      business_date TEXT NOT NULL,
      by TEXT NOT NULL
    );
    CREATE INDEX stock_movements_ingredient ON stock_movements (ingredient, id);
    CREATE INDEX stock_movements_day ON stock_movements (business_date, ingredient);

    CREATE TABLE stock_orders (
      order_key TEXT PRIMARY KEY,
      updated_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE stock_order_usage (
      order_key TEXT NOT NULL,
      line_id TEXT NOT NULL,
      ingredient TEXT NOT NULL,
      qty_milli INTEGER NOT NULL,
      PRIMARY KEY (order_key, line_id, ingredient)
    ) WITHOUT ROWID;

    -- Ingredient purchase requests: the parts' states (requested → approved | rejected → received).
    CREATE TABLE stock_purchase_requests (
      id INTEGER PRIMARY KEY,
      ingredient TEXT NOT NULL,
      qty_milli INTEGER NOT NULL CHECK (qty_milli > 0),
      pack_id TEXT,
      packs INTEGER,
      status TEXT NOT NULL CHECK (status IN ('requested', 'approved', 'rejected', 'received')),
      requested_at INTEGER NOT NULL,
      requested_by TEXT NOT NULL,
      decided_at INTEGER,
      decided_by TEXT,
      received_at INTEGER,
      received_by TEXT,
      received_milli INTEGER,
      updated_at INTEGER NOT NULL
    );
    CREATE UNIQUE INDEX stock_purchase_requests_one_open ON stock_purchase_requests (ingredient)
      WHERE status IN ('requested', 'approved');
    CREATE INDEX stock_purchase_requests_status ON stock_purchase_requests (status, id);

    CREATE TABLE stock_purchase_transitions (
      id INTEGER PRIMARY KEY,
      request_id INTEGER NOT NULL REFERENCES stock_purchase_requests (id),
      from_status TEXT,
      to_status TEXT NOT NULL,
      at INTEGER NOT NULL,
      by TEXT NOT NULL,
      note TEXT
    );
    CREATE INDEX stock_purchase_transitions_request ON stock_purchase_transitions (request_id, id);
  `,
};
