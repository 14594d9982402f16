import type { Migration } from './index';

/**
 * Sub-recipes made in batches become stock of their own.
 *
 * `stock_movements` takes a new reason, `production`: making a batch uses its
 * ingredients (negative) and adds its yield to the sub-recipe's level (positive), which
 * sits in `stock_levels` beside the ingredients, keyed by the sub-recipe's id. SQLite
 * cannot change a CHECK in place, so the ledger is copied into a table with the new one,
 * ids kept (the variance report reads stretches of the ledger by id).
 *
 * `stock_batches` records each batch made: what was asked (whole batches, or NULL when a
 * quantity was given), what it yielded in thousandths of the sub-recipe's unit, who made
 * it and when, and when it goes off (NULL without a shelf life). Its movements carry the
 * ref `batch:<id>`.
 */
export const m019StockBatches: Migration = {
  version: 19,
  name: 'stock-batches',
  sql: `
    CREATE TABLE stock_movements_next (
      id INTEGER PRIMARY KEY,
      ingredient TEXT NOT NULL,
      delta_milli INTEGER NOT NULL,
      reason TEXT NOT NULL
        CHECK (reason IN ('sale', 'void', 'count', 'waste', 'delivery', 'adjust', 'production')),
      counted_milli INTEGER CHECK ((reason = 'count') = (counted_milli IS NOT NULL)),
      ref TEXT,
      note TEXT,
      at INTEGER NOT NULL,
      business_date TEXT NOT NULL,
      by TEXT NOT NULL
    );
    INSERT INTO stock_movements_next (id, ingredient, delta_milli, reason, counted_milli, ref, note, at,
        business_date, by)
      SELECT id, ingredient, delta_milli, reason, counted_milli, ref, note, at, business_date, by
        FROM stock_movements;
    DROP TABLE stock_movements;
    ALTER TABLE stock_movements_next RENAME TO stock_movements;
    CREATE INDEX stock_movements_ingredient ON stock_movements (ingredient, id);
    CREATE INDEX stock_movements_day ON stock_movements (business_date, ingredient);

    CREATE TABLE stock_batches (
      id INTEGER PRIMARY KEY,
      sub_recipe TEXT NOT NULL,
      batches INTEGER CHECK (batches IS NULL OR batches > 0),
      qty_milli INTEGER NOT NULL CHECK (qty_milli > 0),
      made_at INTEGER NOT NULL,
      made_by TEXT NOT NULL,
      business_date TEXT NOT NULL,
      expires_at INTEGER,
      note TEXT
    );
    CREATE INDEX stock_batches_sub_recipe ON stock_batches (sub_recipe, id);
  `,
};
