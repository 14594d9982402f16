import type { AlarmsQuery, AlarmView } from '../../../../shared/api/alarms';
import type { DisplayView } from '../../../../shared/api/displays';
import type { LatestReading } from '../../../../shared/api/equipment';
import type { StoreConfig } from '../../../../shared/config/store-config';
import type { SyncHealth } from '../../../../shared/sync/sync-protocol';

/**
 * The live data the checklist is computed from, as narrow structural types: the
 * readings store, the alarm service, the display credentials and the sync service
 * satisfy them as they are.
 */
export interface ChecklistSources {
  /** The store config in force (a reload swaps it). */
  config(): StoreConfig;
  now(): number;
  readings: { latestAll(): Record<string, Record<string, LatestReading>> };
  alarms: { list(query: AlarmsQuery): AlarmView[] };
  displays: { list(): DisplayView[] };
  /** Undefined when the box runs without central. */
  sync(): SyncHealth | undefined;
}
