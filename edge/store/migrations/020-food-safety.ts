import type { Migration } from './index';

const RECORD_TABLES = [
  'food_safety_limits',
  'food_safety_intervals',
  'food_safety_excursions',
  'food_safety_actions',
];

/** SQLite refuses to change a record once written; an amendment is a new record pointing at the old. */
const appendOnly = RECORD_TABLES.map(
  (table) => `
    CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
    BEGIN SELECT RAISE(ABORT, 'food-safety records are append-only: add an amendment instead'); END;
    CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
    BEGIN SELECT RAISE(ABORT, 'food-safety records are append-only'); END;`,
).join('\n');

/**
 * Food-safety records (HACCP), hash-chained per store.
 *
 * Every row of the four record tables has a `seq`, unique across all four: the order
 * of the store's one chain, whose hashes are sha256(previous record's full hash ‖
 * canonical form of this row) (edge/domains/food-safety/record-chain.ts), starting from
 * a hash of the store id. A row keeps the first 8 bytes of its hash (`hash`), enough to
 * say where the chain breaks; `food_safety_chain_head` keeps the newest full hash and is
 * sent to central, so a rewritten or truncated chain shows.
 *
 * `food_safety_limits`: the limit in force for a control point (pack, clause, bound,
 * alert delay, recording interval, what excuses it); a new row when the config changes,
 * so older records keep pointing at the limit they were judged by.
 *
 * `food_safety_intervals`: the holding log, one row per control point per recording
 * interval [start_min, start_min + span_min) in minutes since the epoch, written when the
 * interval closes. It names its control point through the limit record it was judged by
 * and is clustered by (limit, start), so a report reads a date range with one index scan
 * per limit in force (a handful over years); no text is repeated per row, which keeps two
 * years of minutes compact. Temperatures in hundredths of a °C; status 0 in limit, 1 out,
 * 2 excused, 3 no data.
 *
 * `food_safety_excursions` and `food_safety_actions`: each change is a new row whose
 * `amends` names the row it supersedes; `excursion_id` / `action_id` is the seq of the
 * row that opened it.
 */
export const m020FoodSafety: Migration = {
  version: 20,
  name: 'food-safety',
  sql: `
    CREATE TABLE food_safety_chain_head (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      store_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      hash BLOB NOT NULL,
      at INTEGER NOT NULL
    );

    CREATE TABLE food_safety_limits (
      seq INTEGER PRIMARY KEY,
      control_point TEXT NOT NULL,
      equipment_id TEXT NOT NULL,
      metric TEXT NOT NULL,
      pack TEXT NOT NULL,
      pack_edition TEXT NOT NULL,
      authority TEXT NOT NULL,
      limit_id TEXT NOT NULL,
      clause TEXT NOT NULL,
      bound TEXT NOT NULL,
      limit_cc INTEGER NOT NULL,
      alert_delay_min INTEGER NOT NULL,
      interval_min INTEGER NOT NULL,
      excused_while TEXT NOT NULL,
      at INTEGER NOT NULL,
      hash BLOB NOT NULL
    );
    CREATE INDEX food_safety_limits_point ON food_safety_limits (control_point, seq);

    CREATE TABLE food_safety_intervals (
      limit_seq INTEGER NOT NULL,
      start_min INTEGER NOT NULL,
      seq INTEGER NOT NULL UNIQUE,
      span_min INTEGER NOT NULL,
      status INTEGER NOT NULL,
      worst_cc INTEGER,
      min_cc INTEGER,
      max_cc INTEGER,
      readings INTEGER NOT NULL,
      excused_by TEXT,
      hash BLOB NOT NULL,
      PRIMARY KEY (limit_seq, start_min)
    ) WITHOUT ROWID;

    CREATE TABLE food_safety_excursions (
      seq INTEGER PRIMARY KEY,
      excursion_id INTEGER NOT NULL,
      amends INTEGER,
      control_point TEXT NOT NULL,
      equipment_id TEXT NOT NULL,
      started_at INTEGER NOT NULL,
      ended_at INTEGER,
      minutes INTEGER NOT NULL,
      worst_cc INTEGER,
      limit_seq INTEGER NOT NULL,
      at INTEGER NOT NULL,
      hash BLOB NOT NULL
    );
    CREATE INDEX food_safety_excursions_point ON food_safety_excursions (control_point, started_at);
    CREATE INDEX food_safety_excursions_id ON food_safety_excursions (excursion_id, seq);

    CREATE TABLE food_safety_actions (
      seq INTEGER PRIMARY KEY,
      action_id INTEGER NOT NULL,
      amends INTEGER,
      change TEXT NOT NULL,
      control_point TEXT NOT NULL,
      equipment_id TEXT NOT NULL,
      excursion_id INTEGER NOT NULL,
      alarm_id INTEGER,
      ticket_id INTEGER,
      state TEXT NOT NULL,
      opened_at INTEGER NOT NULL,
      due_at INTEGER NOT NULL,
      escalation TEXT NOT NULL,
      what_done TEXT,
      disposition TEXT,
      qty_milli INTEGER,
      qty_unit TEXT,
      moved_to TEXT,
      note TEXT,
      by TEXT,
      at INTEGER NOT NULL,
      hash BLOB NOT NULL
    );
    CREATE INDEX food_safety_actions_id ON food_safety_actions (action_id, seq);
    CREATE INDEX food_safety_actions_point ON food_safety_actions (control_point, opened_at);
    CREATE INDEX food_safety_actions_excursion ON food_safety_actions (excursion_id, seq);
    CREATE INDEX food_safety_excursions_started ON food_safety_excursions (started_at);
    ${appendOnly}
  `,
};
