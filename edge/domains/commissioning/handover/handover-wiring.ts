import type { EdgeRoute } from '../../../api/edge-route';
import type { PinGate } from '../../../api/pin-gate';
import type { Database } from '../../../store/database';
import type { ChecklistSources } from '../checklist/checklist-sources';
import { CommissioningChecklistService } from '../checklist/commissioning-checklist';
import { handoverRoutes } from './handover-routes';
import { HandoverService } from './handover-service';
import { HandoverStore } from './handover-store';

/**
 * The handover's routes from the parts the edge app already has: the same live sources as
 * the checklist (its own checklist service over them: the service keeps no state but a
 * cache of PIN hashes), the database and the PIN gate.
 */
export function handoverRoutesFor(
  deps: ChecklistSources & { db: Database; storeId: string; pinGate: PinGate },
): EdgeRoute[] {
  const checklist = new CommissioningChecklistService(deps);
  const handover = new HandoverService({
    db: deps.db,
    sources: {
      config: deps.config,
      now: deps.now,
      checklist: () => checklist.checklist(),
      alarms: deps.alarms,
      sync: deps.sync,
      store: new HandoverStore(deps.db, deps.storeId),
    },
  });
  return handoverRoutes({ handover, pinGate: deps.pinGate });
}
