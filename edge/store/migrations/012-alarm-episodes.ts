import type { Migration } from './index';

/**
 * What an alarm needs to stay honest on the kitchen floor: when its condition began
 * (before any hold time), what it puts at risk, the worst value it reached, the value
 * at acknowledgement (so a further step worse can re-alert), whether it is getting
 * worse, and when its current alert began (a re-raise or a worsening starts a new one,
 * from which repeats and escalation count). Rows from before read as their raise.
 */
export const m012AlarmEpisodes: Migration = {
  version: 12,
  name: 'alarm-episodes',
  sql: `
    ALTER TABLE alarms ADD COLUMN condition_since INTEGER;
    ALTER TABLE alarms ADD COLUMN hazard TEXT NOT NULL DEFAULT 'equipment';
    ALTER TABLE alarms ADD COLUMN worst_value TEXT;
    ALTER TABLE alarms ADD COLUMN acked_value TEXT;
    ALTER TABLE alarms ADD COLUMN worsening INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE alarms ADD COLUMN alert_since INTEGER;
  `,
};
