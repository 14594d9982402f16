import type { Migration } from './index';

/**
 * Raw readings keyed by a small integer per (equipment_id, metric) instead of both
 * strings: rows and keys about half the size, and the B-tree compares integers on
 * every insert, which is most of what ingest spends in SQLite. `readings` stays as
 * a view with the old columns (for ad-hoc queries and tools, which may also insert
 * through it); the edge itself writes and reads `series_readings` directly.
 */
export const m007ReadingsBySeries: Migration = {
  version: 7,
  name: 'readings-by-series',
  sql: `
    -- A series is never deleted, so its id can be cached for good once committed.
    CREATE TABLE series (
      id INTEGER PRIMARY KEY,
      equipment_id TEXT NOT NULL,
      metric TEXT NOT NULL,
      UNIQUE (equipment_id, metric)
    );
    INSERT INTO series (equipment_id, metric)
      SELECT DISTINCT equipment_id, metric FROM readings ORDER BY equipment_id, metric;

    -- The key still makes a QoS 1 redelivery (same series, ts) idempotent.
    CREATE TABLE series_readings (
      series_id INTEGER NOT NULL,
      ts INTEGER NOT NULL,
      value REAL NOT NULL,
      PRIMARY KEY (series_id, ts)
    ) WITHOUT ROWID;
    INSERT INTO series_readings (series_id, ts, value)
      SELECT s.id, r.ts, r.value FROM readings r
      JOIN series s ON s.equipment_id = r.equipment_id AND s.metric = r.metric
      ORDER BY s.id, r.ts;
    DROP TABLE readings;

    CREATE VIEW readings (equipment_id, metric, ts, value) AS
      SELECT s.equipment_id, s.metric, r.ts, r.value
      FROM series_readings r JOIN series s ON s.id = r.series_id;
    CREATE TRIGGER readings_insert INSTEAD OF INSERT ON readings BEGIN
      INSERT OR IGNORE INTO series (equipment_id, metric) VALUES (NEW.equipment_id, NEW.metric);
      INSERT OR IGNORE INTO series_readings (series_id, ts, value)
        SELECT id, NEW.ts, NEW.value FROM series
        WHERE equipment_id = NEW.equipment_id AND metric = NEW.metric;
    END;
  `,
};
