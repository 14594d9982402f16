import type { Migration } from './index';

/**
 * What the box has backed up at central (edge/sync/backup/): one row per copy central
 * acknowledged. A delivery note, like the report archive's: it is itself in the next copy,
 * and a restored box reads in it which backup it came from.
 */
export const m035BoxBackups: Migration = {
  version: 35,
  name: 'box-backups',
  sql: `
    CREATE TABLE box_backup_uploads (
      taken_at INTEGER NOT NULL,
      seq INTEGER NOT NULL CHECK (seq >= 0),
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      bytes INTEGER NOT NULL CHECK (bytes >= 0),
      packed_bytes INTEGER NOT NULL CHECK (packed_bytes >= 0),
      snapshot_ms INTEGER NOT NULL CHECK (snapshot_ms >= 0),
      uploaded_at INTEGER NOT NULL,
      PRIMARY KEY (taken_at, sha256)
    ) WITHOUT ROWID;
  `,
};
