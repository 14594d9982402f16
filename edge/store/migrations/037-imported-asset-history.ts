import type { Migration } from './index';

/**
 * Asset history carried in from another store (edge/domains/commissioning/asset-history):
 * equipment that moved here, or a store reopened on a new box, keeps its past.
 *
 * `asset_history_imports`: one row per sealed document taken in, unique by its SHA-256, so
 * importing the same file again adds nothing; the document is kept whole for reading, and
 * the install date it carries is where the unit's age starts (its first store's, not this one's).
 * `imported_asset_tickets` / `imported_asset_part_uses`: its tickets and loose part uses, read
 * only, keyed by the old store and the old box's own ids, so a later export of the same
 * unit (a longer history) adds only what is new. Repair spend (`spend`, exact decimal text)
 * feeds this box's repair-or-replace numbers beside its own tickets.
 */
export const m037ImportedAssetHistory: Migration = {
  version: 37,
  name: 'imported-asset-history',
  sql: `
    CREATE TABLE asset_history_imports (
      id INTEGER PRIMARY KEY,
      sha256 TEXT NOT NULL UNIQUE,
      equipment_id TEXT NOT NULL,
      asset_key TEXT NOT NULL,
      from_store_id TEXT NOT NULL,
      from_equipment_id TEXT NOT NULL,
      -- the unit's install date in the document's asset register: its age counts from the first
      install_date TEXT,
      exported_at INTEGER NOT NULL,
      imported_at INTEGER NOT NULL,
      imported_by TEXT NOT NULL,
      document_json TEXT NOT NULL
    );
    CREATE INDEX asset_history_imports_equipment ON asset_history_imports (equipment_id, exported_at);
    CREATE TABLE imported_asset_tickets (
      import_id INTEGER NOT NULL REFERENCES asset_history_imports (id),
      equipment_id TEXT NOT NULL,
      from_store_id TEXT NOT NULL,
      source_ticket_id INTEGER NOT NULL,
      kind TEXT NOT NULL,
      fault TEXT NOT NULL,
      status TEXT NOT NULL,
      opened_at INTEGER NOT NULL,
      resolved_at INTEGER,
      spend TEXT,
      ticket_json TEXT NOT NULL,
      PRIMARY KEY (equipment_id, from_store_id, source_ticket_id)
    ) WITHOUT ROWID;
    CREATE INDEX imported_asset_tickets_resolved ON imported_asset_tickets (equipment_id, resolved_at);
    CREATE TABLE imported_asset_part_uses (
      import_id INTEGER NOT NULL REFERENCES asset_history_imports (id),
      equipment_id TEXT NOT NULL,
      from_store_id TEXT NOT NULL,
      source_movement_id INTEGER NOT NULL,
      part_number TEXT NOT NULL,
      at INTEGER NOT NULL,
      spend TEXT,
      PRIMARY KEY (equipment_id, from_store_id, source_movement_id)
    ) WITHOUT ROWID;
    CREATE INDEX imported_asset_part_uses_at ON imported_asset_part_uses (equipment_id, at);
  `,
};
