import type { Migration } from './index';

/**
 * Outbox events central refused as invalid are moved here so that the events behind
 * them can flow; they are kept with why, when and under which edge and protocol
 * version they were refused, and offered again after an upgrade or by a manager. A row
 * leaves this table only when central has stored the event.
 *
 * `state`: 'held' (out of the outbox) or 'retrying' (copied back into the outbox with
 * its own seq; refused again it returns to 'held' with one more attempt).
 * `entity_id` has no declared type so that the outbox's value comes back unchanged.
 */
export const m010SyncSetAside: Migration = {
  version: 10,
  name: 'sync-set-aside',
  sql: `
    CREATE TABLE sync_set_aside (
      seq INTEGER PRIMARY KEY,
      store_id TEXT NOT NULL,
      ts INTEGER NOT NULL,
      type TEXT NOT NULL,
      entity_id NOT NULL,
      payload TEXT NOT NULL,
      priority INTEGER NOT NULL,
      state TEXT NOT NULL DEFAULT 'held' CHECK (state IN ('held', 'retrying')),
      reason TEXT NOT NULL,
      status INTEGER,
      set_aside_at INTEGER NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 1,
      edge_version TEXT NOT NULL,
      protocol_version INTEGER NOT NULL
    );
    CREATE INDEX sync_set_aside_newest ON sync_set_aside (state, set_aside_at);
  `,
};
