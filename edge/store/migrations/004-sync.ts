import type { Migration } from './index';

/**
 * The edge side of the central sync. Outbox rows get a lane (0 = high: alarms, tickets,
 * device status; 1 = low: telemetry rollups) so the pusher drains high before low and a
 * full outbox sheds only low rows. Acknowledged rows are deleted in the transaction that
 * records the ack in `sync_state`, so what is left in the outbox is exactly what central
 * has not confirmed: that is the resume point after a restart.
 */
export const m004Sync: Migration = {
  version: 4,
  name: 'sync',
  sql: `
    ALTER TABLE outbox ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX outbox_lane ON outbox (priority, seq);

    CREATE TABLE sync_state (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      -- the store the outbox rows belong to, for writers that do not know it (SQL hooks)
      store_id TEXT NOT NULL DEFAULT '',
      last_acked_seq INTEGER NOT NULL DEFAULT 0,
      acked_events INTEGER NOT NULL DEFAULT 0,
      dropped_rollups INTEGER NOT NULL DEFAULT 0,
      last_success_at INTEGER,
      -- the central config version running here, and its overlay to re-apply at start
      config_version INTEGER,
      config_overlay TEXT,
      rejected_config_version INTEGER,
      -- a ConfigApplyReport central has not yet received
      pending_config_report TEXT
    );
    INSERT INTO sync_state (id) VALUES (1);
  `,
};
