import type { AssignmentSuggestion } from '../../../shared/api/technicians';
import type { Severity } from '../../../shared/config/rules';
import type { Technician } from '../../../shared/config/technicians';

export const coversStore = (technician: Technician, storeId: string): boolean =>
  technician.stores.length === 0 || technician.stores.includes(storeId);

/** What a technician is called in tickets: their store login when they have one. */
export const assigneeOf = (technician: Technician): string => technician.userId ?? technician.id;

/**
 * Technicians covering the store who know the equipment type, best skill first, then
 * the least loaded, then by id so the order is stable.
 */
export function suggestTechnicians(input: {
  technicians: readonly Technician[];
  storeId: string;
  equipmentType: string;
  severity: Severity;
  loadOf: (technician: Technician) => number;
}): AssignmentSuggestion[] {
  const candidates = input.technicians.flatMap((technician) => {
    const skillLevel = technician.skills[input.equipmentType];
    if (skillLevel === undefined || !coversStore(technician, input.storeId)) return [];
    return [{ technician, skillLevel, openAssigned: input.loadOf(technician) }];
  });
  candidates.sort(
    (a, b) =>
      b.skillLevel - a.skillLevel ||
      a.openAssigned - b.openAssigned ||
      a.technician.id.localeCompare(b.technician.id),
  );
  return candidates.map(({ technician, skillLevel, openAssigned }, i) => ({
    rank: i + 1,
    technicianId: technician.id,
    name: technician.name,
    kind: technician.kind,
    assignee: assigneeOf(technician),
    skillLevel,
    openAssigned,
    sla: technician.sla?.[input.severity] ?? null,
  }));
}
