import type { Migration } from './index';

/**
 * Spare-part stock and purchase requests (申请 → 审批 → 收货). Stock is a running
 * level per part with every movement kept beside it, so a count can be explained
 * and consumption measured; the catalogue itself lives in the store config.
 */
export const m006TechniciansParts: Migration = {
  version: 6,
  name: 'technicians-parts',
  sql: `
    CREATE TABLE part_stock (
      part_number TEXT PRIMARY KEY,
      on_hand REAL NOT NULL,
      updated_at INTEGER NOT NULL
    ) WITHOUT ROWID;

    -- reason: 'seed' (first seen in the config) | 'used' (on a work order) | 'adjusted' | 'received'
    CREATE TABLE part_movements (
      id INTEGER PRIMARY KEY,
      part_number TEXT NOT NULL,
      delta REAL NOT NULL,
      on_hand_after REAL NOT NULL,
      reason TEXT NOT NULL,
      ticket_id INTEGER REFERENCES tickets (id),
      equipment_id TEXT,
      purchase_request_id INTEGER,
      note TEXT,
      at INTEGER NOT NULL,
      by TEXT NOT NULL
    );
    CREATE INDEX part_movements_part ON part_movements (part_number, at);
    CREATE INDEX part_movements_reason ON part_movements (reason, at);

    -- status: 'requested' | 'approved' | 'rejected' | 'received'
    CREATE TABLE purchase_requests (
      id INTEGER PRIMARY KEY,
      part_number TEXT NOT NULL,
      quantity REAL NOT NULL,
      status TEXT NOT NULL,
      reason TEXT NOT NULL,
      requested_at INTEGER NOT NULL,
      requested_by TEXT NOT NULL,
      decided_at INTEGER,
      decided_by TEXT,
      received_at INTEGER,
      received_by TEXT,
      received_quantity REAL,
      updated_at INTEGER NOT NULL
    );
    -- One shortage, one request: the database refuses a second open request for a part.
    CREATE UNIQUE INDEX purchase_requests_one_open ON purchase_requests (part_number)
      WHERE status IN ('requested', 'approved');
    CREATE INDEX purchase_requests_status ON purchase_requests (status, id);

    CREATE TABLE purchase_request_transitions (
      id INTEGER PRIMARY KEY,
      request_id INTEGER NOT NULL REFERENCES purchase_requests (id),
      from_status TEXT,
      to_status TEXT NOT NULL,
      at INTEGER NOT NULL,
      by TEXT NOT NULL,
      note TEXT
    );
    CREATE INDEX purchase_request_transitions_request ON purchase_request_transitions (request_id, id);
  `,
};
