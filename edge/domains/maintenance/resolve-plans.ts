import type { PmPlan } from '../../../shared/config/maintenance';
import type { StoreConfig } from '../../../shared/config/store-config';

/** One plan applied to one piece of equipment. */
export interface PlanTarget {
  plan: PmPlan;
  equipmentId: string;
}

/** Every (plan, equipment) pair of the store: plans name equipment, types, or both. */
export function resolvePlans(config: Pick<StoreConfig, 'equipment' | 'maintenance'>): PlanTarget[] {
  const targets: PlanTarget[] = [];
  for (const plan of config.maintenance.plans) {
    for (const equipment of config.equipment) {
      if (plan.equipment?.includes(equipment.id) || plan.types?.includes(equipment.type))
        targets.push({ plan, equipmentId: equipment.id });
    }
  }
  return targets;
}

/** The plans per equipment id, for the readings path. */
export function plansByEquipment(targets: PlanTarget[]): Map<string, PmPlan[]> {
  const map = new Map<string, PmPlan[]>();
  for (const { plan, equipmentId } of targets) {
    const list = map.get(equipmentId) ?? [];
    list.push(plan);
    map.set(equipmentId, list);
  }
  return map;
}
