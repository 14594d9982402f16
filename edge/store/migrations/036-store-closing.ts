import type { Migration } from './index';

/**
 * Closing the store (edge/domains/closing).
 *
 * `store_closing`: the one closing run of this box and how far it got: the final seq
 * confirmed at central, central's acknowledgement of the archive (its checksums, JSON),
 * when the credentials were revoked and when central moved the store to closed. A wipe
 * reads it: no verified archive, no wipe.
 *
 * `revoked_integrations`: integration clients (a POS) refused from now on, though the
 * store config still lists them: the config may come back from central's push-down, a
 * revocation must not.
 */
export const m036StoreClosing: Migration = {
  version: 36,
  name: 'store-closing',
  sql: `
    CREATE TABLE store_closing (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      started_at INTEGER NOT NULL,
      final_seq INTEGER,
      central_seq INTEGER,
      archive_dir TEXT,
      archive_ack TEXT,
      archived_at INTEGER,
      revoked_at INTEGER,
      closed_at INTEGER
    );
    CREATE TABLE revoked_integrations (
      username TEXT PRIMARY KEY,
      revoked_at INTEGER NOT NULL,
      reason TEXT NOT NULL
    );
  `,
};
