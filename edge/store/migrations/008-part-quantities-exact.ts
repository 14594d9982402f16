import type { Migration } from './index';

/**
 * Stock quantities become exact: integer thousandths (shared/quantity.ts) instead of
 * REAL, so adding 0.1 ten times makes 1 and a level read back is what was written.
 * A level no store can hold (below 0, or beyond 10 000 000 as a 1e308 correction
 * left it) carries no count worth keeping and could never be corrected within the
 * bound per correction: it becomes 0, with a movement saying so, and the manager
 * counts again. The level itself refuses to go below 0 from here on.
 */
export const m008PartQuantitiesExact: Migration = {
  version: 8,
  name: 'part-quantities-exact',
  sql: `
    INSERT INTO part_movements (part_number, delta, on_hand_after, reason, note, at, by)
      SELECT part_number, -on_hand, 0, 'adjusted',
             'level ' || on_hand || ' is not a stock a store can hold; set to 0, count it again',
             CAST(unixepoch('subsec') * 1000 AS INTEGER), 'migration'
        FROM part_stock WHERE on_hand < 0 OR on_hand > 10000000;
    UPDATE part_stock SET on_hand = 0 WHERE on_hand < 0 OR on_hand > 10000000;

    ALTER TABLE part_stock ADD COLUMN on_hand_milli INTEGER NOT NULL DEFAULT 0
      CHECK (on_hand_milli >= 0);
    UPDATE part_stock SET on_hand_milli = CAST(round(on_hand * 1000) AS INTEGER);
    ALTER TABLE part_stock DROP COLUMN on_hand;

    -- History keeps what happened; values beyond what an integer holds are clamped to it.
    ALTER TABLE part_movements ADD COLUMN delta_milli INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE part_movements ADD COLUMN on_hand_after_milli INTEGER NOT NULL DEFAULT 0;
    UPDATE part_movements SET
      delta_milli = CAST(round(max(min(delta, 9e15), -9e15) * 1000) AS INTEGER),
      on_hand_after_milli = CAST(round(max(min(on_hand_after, 9e15), -9e15) * 1000) AS INTEGER);
    ALTER TABLE part_movements DROP COLUMN delta;
    ALTER TABLE part_movements DROP COLUMN on_hand_after;

    ALTER TABLE purchase_requests ADD COLUMN quantity_milli INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE purchase_requests ADD COLUMN received_quantity_milli INTEGER;
    UPDATE purchase_requests SET
      quantity_milli = CAST(round(min(quantity, 9e12) * 1000) AS INTEGER),
      received_quantity_milli = CAST(round(min(received_quantity, 9e12) * 1000) AS INTEGER);
    ALTER TABLE purchase_requests DROP COLUMN quantity;
    ALTER TABLE purchase_requests DROP COLUMN received_quantity;
  `,
};
