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
    chainHead: () => foodSafety.chainHead(),
    personName: (userId) => config().users.find((u) => u.id === userId)?.name,
  };
}
