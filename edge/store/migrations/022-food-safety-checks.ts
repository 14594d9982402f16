import type { Migration } from './index';

/**
 * Manual checks, in the same hash chain as the records of migrations 020 and 021: `seq`
 * is the chain's, `hash` the first 8 bytes of the record's hash (record-chain.ts).
 *
 * `food_safety_checks`: one row per slot of a check (a scheduled time of a store day),
 * either the value a person measured (`done`, in limit or not) or `missed` when the
 * slot's window closed without one. The limit is copied into every row (pack, clause,
 * `measure` as canonical JSON), so a later config change never rewrites what a check was
 * judged by. A slot is recorded once.
 */
export const m022FoodSafetyChecks: Migration = {
  version: 22,
  name: 'food-safety-checks',
  sql: `
    CREATE TABLE food_safety_checks (
      seq INTEGER PRIMARY KEY,
      check_id TEXT NOT NULL,
      equipment_id TEXT,
      slot_at INTEGER NOT NULL,
      closes_at INTEGER NOT NULL,
      pack TEXT NOT NULL,
      pack_edition TEXT NOT NULL,
      limit_id TEXT NOT NULL,
      clause TEXT NOT NULL,
      measure TEXT NOT NULL,
      status TEXT NOT NULL,
      value_cc INTEGER,
      in_limit INTEGER,
      by TEXT,
      note TEXT,
      at INTEGER NOT NULL,
      hash BLOB NOT NULL
    );
    CREATE UNIQUE INDEX food_safety_checks_slot ON food_safety_checks (check_id, slot_at);
    CREATE INDEX food_safety_checks_time ON food_safety_checks (slot_at);

    CREATE TRIGGER food_safety_checks_no_update BEFORE UPDATE ON food_safety_checks
    BEGIN SELECT RAISE(ABORT, 'food-safety records are append-only: add an amendment instead'); END;
    CREATE TRIGGER food_safety_checks_no_delete BEFORE DELETE ON food_safety_checks
    BEGIN SELECT RAISE(ABORT, 'food-safety records are append-only'); END;
  `,
};
