import type { Migration } from './index';

/**
 * Preventive maintenance (维保). A PM work order is a row of `tickets` with
 * kind = 'preventive', so it shares the repair ticket's lifecycle, transitions
 * table, outbox and metrics; its fault is `pm:<planId>`, which keeps the
 * one-unfinished-per-(equipment, fault) index meaning "one open work order per plan
 * and equipment". Meters and schedule positions survive restarts here.
 */
export const m005Maintenance: Migration = {
  version: 5,
  name: 'maintenance',
  sql: `
    ALTER TABLE tickets ADD COLUMN kind TEXT NOT NULL DEFAULT 'repair';
    ALTER TABLE tickets ADD COLUMN plan_id TEXT;
    -- 'store' (staff task, signed off on the display) or 'technician'
    ALTER TABLE tickets ADD COLUMN assignee_kind TEXT;
    ALTER TABLE tickets ADD COLUMN due_at INTEGER;
    -- overdue once now > grace_until (= due_at + the plan's grace window)
    ALTER TABLE tickets ADD COLUMN grace_until INTEGER;
    -- 'none' | 'manager' | 'central', like alarms
    ALTER TABLE tickets ADD COLUMN escalation TEXT NOT NULL DEFAULT 'none';
    ALTER TABLE tickets ADD COLUMN escalated_at INTEGER;
    -- what made it due: {"trigger": "calendar"|"run_hours"|"cycles"|"condition", "meter"?: …, "value"?: …}
    ALTER TABLE tickets ADD COLUMN due_reason_json TEXT;
    -- a verified repair restarts this PM meter (e.g. compressor replaced → run-hours from 0)
    ALTER TABLE tickets ADD COLUMN resets_meter TEXT;
    CREATE INDEX tickets_kind_status ON tickets (kind, status, due_at);
    CREATE INDEX tickets_plan ON tickets (plan_id, equipment_id, opened_at);

    -- A work order's checklist, copied from the plan when the order opens.
    CREATE TABLE work_order_steps (
      work_order_id INTEGER NOT NULL REFERENCES tickets (id),
      position INTEGER NOT NULL,
      step_id TEXT NOT NULL,
      title TEXT NOT NULL,
      required INTEGER NOT NULL,
      -- {"unit", "min"?, "max"?} when the step asks for a measured value
      measure_json TEXT,
      value REAL,
      in_range INTEGER,
      signed_at INTEGER,
      signed_by TEXT,
      note TEXT,
      PRIMARY KEY (work_order_id, position)
    ) WITHOUT ROWID;
    CREATE UNIQUE INDEX work_order_steps_id ON work_order_steps (work_order_id, step_id);

    -- Run-hours and cycles per (equipment, meter), counted from committed readings.
    CREATE TABLE pm_meters (
      equipment_id TEXT NOT NULL,
      meter TEXT NOT NULL,
      value REAL NOT NULL DEFAULT 0,
      last_ts INTEGER,
      last_raw REAL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (equipment_id, meter)
    ) WITHOUT ROWID;

    -- Where each (plan, equipment) stands: the next due time or meter value.
    CREATE TABLE pm_schedule (
      plan_id TEXT NOT NULL,
      equipment_id TEXT NOT NULL,
      next_due_at INTEGER,
      next_due_meter REAL,
      last_done_at INTEGER,
      last_work_order_id INTEGER,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (plan_id, equipment_id)
    ) WITHOUT ROWID;

    -- One row per finished cycle for condition plans ("rinse below 82 °C in > 10 % of cycles").
    CREATE TABLE pm_cycle_samples (
      plan_id TEXT NOT NULL,
      equipment_id TEXT NOT NULL,
      ended_at INTEGER NOT NULL,
      bad INTEGER NOT NULL
    );
    CREATE INDEX pm_cycle_samples_window ON pm_cycle_samples (plan_id, equipment_id, ended_at);
  `,
};
