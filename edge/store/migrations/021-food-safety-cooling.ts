import type { Migration } from './index';

/**
 * Cooling logs, in the same hash chain as the records of migration 020: `seq` is the
 * chain's, `hash` the first 8 bytes of the record's hash (record-chain.ts).
 *
 * `food_safety_cooling`: one row per change of a batch (started, cooling began at t0, a
 * stage passed, failed or was warned about, discarded); `batch_id` is the seq of the row
 * that started it and `amends` the row it supersedes. The limit it is cooled against is
 * copied into every row (pack, clause, `from_cc`), so a later config change never
 * rewrites what a batch was judged by; `stages` is canonical JSON of each stage's target
 * (hundredths of a °C), time allowed, result and the reading that decided it.
 */
export const m021FoodSafetyCooling: Migration = {
  version: 21,
  name: 'food-safety-cooling',
  sql: `
    CREATE TABLE food_safety_cooling (
      seq INTEGER PRIMARY KEY,
      batch_id INTEGER NOT NULL,
      amends INTEGER,
      change TEXT NOT NULL,
      product TEXT NOT NULL,
      qty_milli INTEGER,
      qty_unit TEXT,
      equipment_id TEXT NOT NULL,
      metric TEXT NOT NULL,
      pack TEXT NOT NULL,
      pack_edition TEXT NOT NULL,
      limit_id TEXT NOT NULL,
      clause TEXT NOT NULL,
      from_cc INTEGER NOT NULL,
      started_at INTEGER NOT NULL,
      t0 INTEGER,
      state TEXT NOT NULL,
      stages TEXT NOT NULL,
      action_id INTEGER,
      by TEXT,
      note TEXT,
      at INTEGER NOT NULL,
      hash BLOB NOT NULL
    );
    CREATE INDEX food_safety_cooling_batch ON food_safety_cooling (batch_id, seq);
    CREATE INDEX food_safety_cooling_state ON food_safety_cooling (state, batch_id);

    CREATE TRIGGER food_safety_cooling_no_update BEFORE UPDATE ON food_safety_cooling
    BEGIN SELECT RAISE(ABORT, 'food-safety records are append-only: add an amendment instead'); END;
    CREATE TRIGGER food_safety_cooling_no_delete BEFORE DELETE ON food_safety_cooling
    BEGIN SELECT RAISE(ABORT, 'food-safety records are append-only'); END;
  `,
};
