import type { Migration } from './index';

/**
 * Every fault asks "is there an unfinished ticket for this machine and fault?" and every
 * alarm change "which alarms of this machine are still open?" (for its retained MQTT
 * message). The existing indexes lead to every ticket and alarm the machine ever had,
 * so both questions grew slower with the machine's history; these partial indexes hold
 * only the unfinished and the open ones. Their WHERE clauses are written exactly as the
 * queries' (ticket-store.ts UNFINISHED, alarm-store.ts openForEquipment), which is what
 * lets SQLite use them.
 */
export const m011OpenWorkIndexes: Migration = {
  version: 11,
  name: 'open-work-indexes',
  sql: `
    CREATE INDEX tickets_unfinished ON tickets (equipment_id, fault)
      WHERE status IN ('open', 'acknowledged', 'assigned', 'in_progress', 'resolved');
    CREATE INDEX alarms_open_by_equipment ON alarms (equipment_id, raised_at)
      WHERE (cleared_at IS NULL OR acked_at IS NULL);
  `,
};
