import type { Migration } from './index';

/**
 * Menu availability, computed from equipment health, stock and people's 86s.
 *
 * `tickets.out_of_service`: a repair report that takes its unit out of service until the
 * ticket is verified or closed. `menu_86` the items people took off by hand;
 * `menu_availability` each item's last computed state, so a restart compares against what
 * the POS was last told instead of telling it again. `availability_deliveries` one row
 * per item change per webhook, kept with every attempt's outcome.
 */
export const m017MenuAvailability: Migration = {
  version: 17,
  name: 'menu-availability',
  sql: `
    ALTER TABLE tickets ADD COLUMN out_of_service INTEGER NOT NULL DEFAULT 0;

    CREATE TABLE menu_86 (
      item TEXT PRIMARY KEY,
      by TEXT NOT NULL,
      at INTEGER NOT NULL,
      note TEXT
    ) WITHOUT ROWID;

    CREATE TABLE menu_availability (
      item TEXT PRIMARY KEY,
      available INTEGER NOT NULL,
      reasons TEXT NOT NULL,
      since INTEGER NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE availability_deliveries (
      id INTEGER PRIMARY KEY,
      webhook TEXT NOT NULL,
      item TEXT NOT NULL,
      available INTEGER NOT NULL,
      idempotency_key TEXT NOT NULL UNIQUE,
      body TEXT NOT NULL,
      state TEXT NOT NULL DEFAULT 'pending',
      attempts INTEGER NOT NULL DEFAULT 0,
      last_status INTEGER,
      last_error TEXT,
      next_attempt_at INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      delivered_at INTEGER
    );
    CREATE INDEX availability_deliveries_due ON availability_deliveries (next_attempt_at) WHERE state = 'pending';
  `,
};
