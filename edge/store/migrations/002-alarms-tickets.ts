import type { Migration } from './index';

export const m002AlarmsTickets: Migration = {
  version: 2,
  name: 'alarms-tickets',
  sql: `
    -- One row per alarm occurrence; state is derived from cleared_at / acked_at.
    CREATE TABLE alarms (
      id INTEGER PRIMARY KEY,
      equipment_id TEXT NOT NULL,
      rule_key TEXT NOT NULL,
      rule_kind TEXT NOT NULL,
      severity TEXT NOT NULL,
      title TEXT NOT NULL,
      hint TEXT,
      raised_at INTEGER NOT NULL,
      raised_value TEXT,
      last_value TEXT,
      cleared_at INTEGER,
      acked_at INTEGER,
      acked_by TEXT,
      raise_count INTEGER NOT NULL DEFAULT 1,
      notify_count INTEGER NOT NULL DEFAULT 1,
      last_notified_at INTEGER NOT NULL,
      escalation TEXT NOT NULL DEFAULT 'none',
      rule_json TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    );
    -- One active alarm per (equipment, rule): the database enforces it.
    CREATE UNIQUE INDEX alarms_one_active ON alarms (equipment_id, rule_key) WHERE cleared_at IS NULL;
    CREATE INDEX alarms_equipment_rule ON alarms (equipment_id, rule_key, raised_at);
    CREATE INDEX alarms_open ON alarms (cleared_at, acked_at);

    -- Every alarm and ticket change, for the central sync; seq is the per-store order.
    CREATE TABLE outbox (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      store_id TEXT NOT NULL,
      ts INTEGER NOT NULL,
      type TEXT NOT NULL,
      entity_id INTEGER NOT NULL,
      payload TEXT NOT NULL
    );

    CREATE TABLE tickets (
      id INTEGER PRIMARY KEY,
      equipment_id TEXT NOT NULL,
      fault TEXT NOT NULL,
      source TEXT NOT NULL,
      category TEXT,
      title TEXT NOT NULL,
      severity TEXT NOT NULL,
      status TEXT NOT NULL,
      note TEXT,
      opened_at INTEGER NOT NULL,
      opened_by TEXT NOT NULL,
      acknowledged_at INTEGER,
      acknowledged_by TEXT,
      assigned_to TEXT,
      assigned_at INTEGER,
      started_at INTEGER,
      resolved_at INTEGER,
      resolved_by TEXT,
      resolution_code TEXT,
      parts_json TEXT,
      resolution_notes TEXT,
      verified_at INTEGER,
      verified_by TEXT,
      closed_at INTEGER,
      closed_by TEXT,
      reopen_count INTEGER NOT NULL DEFAULT 0,
      repeat INTEGER NOT NULL DEFAULT 0,
      previous_ticket_id INTEGER REFERENCES tickets (id),
      snapshot_json TEXT,
      updated_at INTEGER NOT NULL
    );
    -- One unfinished ticket per (equipment, fault): a new alarm for it attaches instead.
    CREATE UNIQUE INDEX tickets_one_open ON tickets (equipment_id, fault) WHERE status NOT IN ('verified', 'closed');
    CREATE INDEX tickets_status ON tickets (status, opened_at);
    CREATE INDEX tickets_equipment_fault ON tickets (equipment_id, fault, verified_at);

    CREATE TABLE ticket_alarms (
      ticket_id INTEGER NOT NULL REFERENCES tickets (id),
      alarm_id INTEGER NOT NULL REFERENCES alarms (id),
      PRIMARY KEY (ticket_id, alarm_id)
    ) WITHOUT ROWID;

    -- Who moved a ticket, when, from where to where: the audit trail and the metrics' source.
    CREATE TABLE ticket_transitions (
      id INTEGER PRIMARY KEY,
      ticket_id INTEGER NOT NULL REFERENCES tickets (id),
      from_status TEXT,
      to_status TEXT NOT NULL,
      at INTEGER NOT NULL,
      by TEXT NOT NULL,
      note TEXT
    );
    CREATE INDEX ticket_transitions_ticket ON ticket_transitions (ticket_id, id);
  `,
};
