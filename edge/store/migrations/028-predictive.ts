import type { Migration } from './index';

/**
 * Predictive maintenance on the box (edge/domains/predictive).
 *
 * `predictive_assets`: one row per watched asset. `learn_from` is when its baseline began
 * to be learned (the first reading, or the last verified repair that asked to relearn);
 * `baseline_json` is the learned baseline (BaselineSnapshot) once the learning days are
 * over: raw readings are pruned after their retention days, so what was learned is kept
 * rather than relearned from rows that are gone.
 *
 * `predictive_findings`: every finding with the ticket it opened (`ticket_id`, null when
 * the ticket could not be opened) and when its repair was verified (`verified_at`): a
 * restart replays only the readings after the last verified repair, so a finding already
 * repaired does not come back.
 */
export const m028Predictive: Migration = {
  version: 28,
  name: 'predictive',
  sql: `
    CREATE TABLE predictive_assets (
      equipment_id TEXT PRIMARY KEY,
      learn_from INTEGER NOT NULL,
      baseline_json TEXT,
      baseline_saved_at INTEGER,
      updated_at INTEGER NOT NULL
    );

    CREATE TABLE predictive_findings (
      id INTEGER PRIMARY KEY,
      equipment_id TEXT NOT NULL,
      cause TEXT NOT NULL,
      detected_at INTEGER NOT NULL,
      finding_json TEXT NOT NULL,
      ticket_id INTEGER,
      created_at INTEGER NOT NULL,
      verified_at INTEGER,
      UNIQUE (equipment_id, cause, detected_at)
    );
    CREATE INDEX predictive_findings_by_equipment ON predictive_findings (equipment_id, detected_at);
    CREATE INDEX predictive_findings_by_ticket ON predictive_findings (ticket_id);
  `,
};
