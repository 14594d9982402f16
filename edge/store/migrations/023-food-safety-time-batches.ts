import type { Migration } from './index';

/**
 * Batches held under time as the public health control, in the same hash chain as the
 * records of migrations 020–022. One row per change of a batch (started, warned, a
 * reading, served, discarded, expired, too warm); `batch_id` is the seq of the row that
 * started it and `amends` the row it supersedes. The option it is held under is copied
 * into every row (clause, hours in minutes, ceiling), so a later config change never
 * rewrites what a batch was held to.
 */
export const m023FoodSafetyTimeBatches: Migration = {
  version: 23,
  name: 'food-safety-time-batches',
  sql: `
    CREATE TABLE food_safety_time_batches (
      seq INTEGER PRIMARY KEY,
      batch_id INTEGER NOT NULL,
      amends INTEGER,
      change TEXT NOT NULL,
      product TEXT NOT NULL,
      qty_milli INTEGER,
      qty_unit TEXT,
      pack TEXT NOT NULL,
      pack_edition TEXT NOT NULL,
      limit_id TEXT NOT NULL,
      option_id TEXT NOT NULL,
      clause TEXT NOT NULL,
      max_min INTEGER NOT NULL,
      start_cc INTEGER NOT NULL,
      never_above_cc INTEGER,
      started_at INTEGER NOT NULL,
      discard_by INTEGER NOT NULL,
      warn_at INTEGER NOT NULL,
      state TEXT NOT NULL,
      last_cc INTEGER,
      last_at INTEGER,
      action_id INTEGER,
      by TEXT,
      note TEXT,
      at INTEGER NOT NULL,
      hash BLOB NOT NULL
    );
    CREATE INDEX food_safety_time_batches_batch ON food_safety_time_batches (batch_id, seq);
    CREATE INDEX food_safety_time_batches_state ON food_safety_time_batches (state, batch_id);

    CREATE TRIGGER food_safety_time_batches_no_update BEFORE UPDATE ON food_safety_time_batches
    BEGIN SELECT RAISE(ABORT, 'food-safety records are append-only: add an amendment instead'); END;
    CREATE TRIGGER food_safety_time_batches_no_delete BEFORE DELETE ON food_safety_time_batches
    BEGIN SELECT RAISE(ABORT, 'food-safety records are append-only'); END;
  `,
};
