import type { Migration } from './index';

export const m001Core: Migration = {
  version: 1,
  name: 'core',
  sql: `
    -- Raw readings. The key makes a QoS 1 redelivery (same equipment, metric, ts) idempotent.
    -- Booleans are stored as 0/1; the equipment profile says which metrics are boolean.
    CREATE TABLE readings (
      equipment_id TEXT NOT NULL,
      metric TEXT NOT NULL,
      ts INTEGER NOT NULL,
      value REAL NOT NULL,
      PRIMARY KEY (equipment_id, metric, ts)
    ) WITHOUT ROWID;
    CREATE INDEX readings_ts ON readings (ts);

    -- Latest value per metric, kept in the ingest transaction so the board needs no scan.
    CREATE TABLE latest_readings (
      equipment_id TEXT NOT NULL,
      metric TEXT NOT NULL,
      ts INTEGER NOT NULL,
      value REAL NOT NULL,
      PRIMARY KEY (equipment_id, metric)
    ) WITHOUT ROWID;

    -- 1-minute rollups; bucket_ts is the start of the minute (epoch ms).
    CREATE TABLE rollups_1m (
      equipment_id TEXT NOT NULL,
      metric TEXT NOT NULL,
      bucket_ts INTEGER NOT NULL,
      min REAL NOT NULL,
      max REAL NOT NULL,
      sum REAL NOT NULL,
      count INTEGER NOT NULL,
      last REAL NOT NULL,
      last_ts INTEGER NOT NULL,
      PRIMARY KEY (equipment_id, metric, bucket_ts)
    ) WITHOUT ROWID;
    CREATE INDEX rollups_1m_bucket ON rollups_1m (bucket_ts);

    CREATE TABLE device_credentials (
      equipment_id TEXT PRIMARY KEY,
      secret_hash TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      rotated_at INTEGER,
      revoked_at INTEGER
    );

    CREATE TABLE device_status (
      equipment_id TEXT PRIMARY KEY,
      online INTEGER NOT NULL,
      changed_at INTEGER NOT NULL,
      last_seen INTEGER
    );

    CREATE TABLE sessions (
      token_hash TEXT PRIMARY KEY,
      user_id TEXT NOT NULL,
      role TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    );

    CREATE TABLE ingest_rejections (
      client_id TEXT NOT NULL,
      reason TEXT NOT NULL,
      count INTEGER NOT NULL,
      last_at INTEGER NOT NULL,
      last_detail TEXT NOT NULL,
      PRIMARY KEY (client_id, reason)
    );

    -- Faults the equipment reports itself on its event topic.
    CREATE TABLE device_events (
      id INTEGER PRIMARY KEY,
      equipment_id TEXT NOT NULL,
      ts INTEGER NOT NULL,
      received_at INTEGER NOT NULL,
      code TEXT NOT NULL,
      message TEXT
    );
    CREATE INDEX device_events_equipment_ts ON device_events (equipment_id, ts);

    CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `,
};
