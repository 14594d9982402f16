import type { Migration } from './index';

/**
 * The commissioning handover (edge/domains/commissioning/handover).
 *
 * `handover_signatures`: the one signature that hands the store over, kept with the
 * checklist it was signed on (JSON) and that text's sha256, so a printout can be checked
 * against the box. `once` makes a second signature a constraint error, not a second row.
 *
 * `handover_alarm_seen`: when the box first knew each unit's test alarm had reached
 * central (a push succeeded after it was raised, nothing older waiting): the round trip
 * the report prints is `seen_at - raised_at`.
 */
export const m034HandoverSignatures: Migration = {
  version: 34,
  name: 'handover-signatures',
  sql: `
    CREATE TABLE handover_signatures (
      id INTEGER PRIMARY KEY,
      once INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (once = 1),
      signed_by TEXT NOT NULL,
      signer_name TEXT NOT NULL,
      role TEXT NOT NULL,
      signed_at INTEGER NOT NULL,
      complete INTEGER NOT NULL,
      override_reason TEXT,
      open_items TEXT NOT NULL,
      checklist_json TEXT NOT NULL,
      checklist_sha256 TEXT NOT NULL
    );

    CREATE TABLE handover_alarm_seen (
      equipment_id TEXT PRIMARY KEY,
      alarm_id INTEGER NOT NULL,
      raised_at INTEGER NOT NULL,
      seen_at INTEGER NOT NULL
    );
  `,
};
