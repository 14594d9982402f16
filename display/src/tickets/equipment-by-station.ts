import type { EquipmentView } from '../../../shared/api/equipment';

/** Equipment grouped by station in config order, as the board shows it, so people find a machine where they know it. */
export function equipmentByStation(equipment: readonly EquipmentView[]): Array<[string, EquipmentView[]]> {
  const stations = new Map<string, EquipmentView[]>();
  for (const item of equipment) {
    const list = stations.get(item.station) ?? [];
    list.push(item);
    stations.set(item.station, list);
  }
  return [...stations];
}
