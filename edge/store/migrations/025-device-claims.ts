import type { Migration } from './index';

/**
 * Device claim at commissioning (edge/domains/commissioning/claim). A claim key is kept
 * only as a salted hash with its expiry; a claim keeps what the technician needs to find
 * the unit (serial, model, address, when) and what was decided, never a secret: the
 * device's credentials are issued at the moment they are written to it.
 */
export const m025DeviceClaims: Migration = {
  version: 25,
  name: 'device-claims',
  sql: `
    CREATE TABLE claim_keys (
      id INTEGER PRIMARY KEY,
      store_id TEXT NOT NULL,
      secret_hash TEXT NOT NULL,
      issued_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      revoked_at INTEGER
    );
    CREATE TABLE device_claims (
      serial TEXT PRIMARY KEY,
      model TEXT,
      state TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'delivered', 'rejected')),
      equipment_id TEXT,
      pre_registered INTEGER NOT NULL DEFAULT 0,
      first_seen_at INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL,
      remote_address TEXT,
      decided_by TEXT,
      decided_at INTEGER,
      delivered_at INTEGER
    );
    CREATE INDEX device_claims_state ON device_claims (state, first_seen_at);
  `,
};
