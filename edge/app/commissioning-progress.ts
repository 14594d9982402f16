import type { AlarmService } from '../domains/alarms/alarm-service';
import { ChecklistProgressJob } from '../domains/commissioning/checklist/checklist-progress-job';
import { CommissioningChecklistService } from '../domains/commissioning/checklist/commissioning-checklist';
import { HandoverStore } from '../domains/commissioning/handover/handover-store';
import type { DisplayCredentials } from '../domains/displays/display-credentials';
import type { ReadingsStore } from '../store/readings-store';
import type { SyncService } from '../sync/sync-service';
import type { EdgeWiring } from './edge-wiring';

/** The commissioning checklist the routes answer with, and the job that tells central its progress. */
export interface CommissioningProgress {
  checklist: CommissioningChecklistService;
  job: ChecklistProgressJob;
}

// The checklist the routes answer with; central is told its progress when it changes, until the handover.
export function buildCommissioningProgress(
  w: EdgeWiring,
  deps: { readings: ReadingsStore; alarms: AlarmService; displays: DisplayCredentials; sync: SyncService },
): CommissioningProgress {
  const { db, clock, logger, config, current } = w;
  const { sync } = deps;
  const handoverSigned = new HandoverStore(db, config.store.id);
  const checklist = new CommissioningChecklistService({
    config: current,
    now: () => clock.now(),
    readings: deps.readings,
    alarms: deps.alarms,
    displays: deps.displays,
    sync: () => sync.health(),
  });
  const job = new ChecklistProgressJob({
    db,
    storeId: config.store.id,
    clock,
    logger,
    checklist: () => checklist.checklist(),
    signed: () => handoverSigned.signature() !== undefined,
    sync: () => sync.health(),
  });
  return { checklist, job };
}
