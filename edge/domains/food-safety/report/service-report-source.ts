import type { StoreConfig } from '../../../../shared/config/store-config';
import type { FoodSafetyService } from '../food-safety-service';
import type { FoodSafetyReportSource } from './report-source';

/**
 * The report's view of the box: the food-safety service's records, and the store's name,
 * zone and people from the config in force when the report is asked for.
 */
export function serviceReportSource(
  foodSafety: FoodSafetyService,
  config: () => StoreConfig,
): FoodSafetyReportSource {
  return {
    store: () => {
      const { store } = config();
      return {
        id: store.id,
        name: store.localizedName ?? { en: store.name, 'zh-CN': store.name },
        timeZone: store.timezone,
      };
    },
    controlPoints: () => foodSafety.controlPoints(),
    minuteLog: (controlPointId, day) => foodSafety.minuteLog(controlPointId, day),
    compliance: (controlPointId, day) => foodSafety.compliance(controlPointId, day),
    excursions: (range) => foodSafety.excursionsIn(range),
    correctiveActions: (range) => foodSafety.correctiveActionsIn(range),
    // The service lists the newest batches first, at most 1 000: the report keeps those started in the range.
    coolingBatches: (range) =>
      foodSafety
        .coolingBatches({ state: 'all', limit: 1000 })
        .filter((b) => b.startedAt >= range.from && b.startedAt < range.to),
    checkRecords: (range) => foodSafety.checkRecordsIn(range),
    timeBatches: (range) => foodSafety.timeBatches.heldIn(range),
    correctiveAction: (actionId) => foodSafety.correctiveAction(actionId),
    chainHead: () => foodSafety.chainHead(),
    personName: (userId) => config().users.find((u) => u.id === userId)?.name,
  };
}
