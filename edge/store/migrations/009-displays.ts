import type { Migration } from './index';

/**
 * Paired kitchen displays. A display's secret is 32 random bytes, stored only as its
 * sha256 (like session tokens): nothing in a stolen database can be replayed. A row
 * made on the box itself (`npm start`) first holds a one-time ticket instead, which
 * the screen exchanges for its secret; `secret_hash` is NULL until then.
 */
export const m009Displays: Migration = {
  version: 9,
  name: 'displays',
  sql: `
    CREATE TABLE displays (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      secret_hash TEXT,
      ticket_hash TEXT UNIQUE,
      ticket_expires_at INTEGER,
      paired_by TEXT NOT NULL,
      paired_at INTEGER NOT NULL,
      last_seen_at INTEGER
    );
  `,
};
