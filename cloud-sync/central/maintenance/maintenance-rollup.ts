import type { MaintenanceMetricsGroup, PartConsumption } from '../../../shared/api/maintenance-metrics';
import type { MaintenanceRollup } from '../../../shared/central/maintenance-api';

/** One store-day as the edge synced it, with the store it came from. */
export interface StoreDay {
  storeId: string;
  day: string;
  group: MaintenanceMetricsGroup;
}

/**
 * Sums store-days into one roll-up (see MaintenanceRollup for how each figure adds up).
 * The PM backlog is a state: it is the newest day's of each store, summed over stores.
 */
export function rollUp(days: readonly StoreDay[]): MaintenanceRollup {
  const newestOfStore = new Map<string, StoreDay>();
  for (const d of days) {
    const seen = newestOfStore.get(d.storeId);
    if (!seen || d.day > seen.day) newestOfStore.set(d.storeId, d);
  }
  const groups = days.map((d) => d.group);
  const sum = (pick: (g: MaintenanceMetricsGroup) => number) => groups.reduce((n, g) => n + pick(g), 0);
  const due = sum((g) => g.pm.due);
  const onTime = sum((g) => g.pm.onTime);
  const met = sum((g) => g.sla.met);
  const breached = sum((g) => g.sla.breached);
  const newest = [...newestOfStore.values()].map((d) => d.group);
  return {
    days: days.length,
    repairs: sum((g) => g.repairs),
    firstResponseAvgS: weightedAverage(groups, (g) => g.firstResponseAvgS),
    mttrAvgS: weightedAverage(groups, (g) => g.mttrAvgS),
    mtbfAvgS: weightedAverage(groups, (g) => g.mtbfAvgS),
    repeatRepairRate: weightedAverage(groups, (g) => g.repeatRepairRate),
    pm: {
      due,
      onTime,
      onTimeRate: due > 0 ? onTime / due : null,
      backlog: newest.reduce((n, g) => n + g.pm.backlog, 0),
      overdue: newest.reduce((n, g) => n + g.pm.overdue, 0),
    },
    sla: {
      tracked: sum((g) => g.sla.tracked),
      met,
      breached,
      pending: newest.reduce((n, g) => n + g.sla.pending, 0),
      compliance: met + breached > 0 ? met / (met + breached) : null,
    },
    partsConsumed: sumParts(groups),
  };
}

/** Days without repairs still count once, so a quiet day's figure is not lost entirely. */
function weightedAverage(
  groups: readonly MaintenanceMetricsGroup[],
  pick: (g: MaintenanceMetricsGroup) => number | null,
): number | null {
  let total = 0;
  let weight = 0;
  for (const g of groups) {
    const value = pick(g);
    if (value === null) continue;
    const w = Math.max(1, g.repairs);
    total += value * w;
    weight += w;
  }
  return weight > 0 ? total / weight : null;
}

function sumParts(groups: readonly MaintenanceMetricsGroup[]): PartConsumption[] {
  const byPart = new Map<string, PartConsumption>();
  for (const part of groups.flatMap((g) => g.partsConsumed)) {
    const seen = byPart.get(part.partNumber) ?? { partNumber: part.partNumber, quantity: 0, uses: 0 };
    seen.quantity += part.quantity;
    seen.uses += part.uses;
    byPart.set(part.partNumber, seen);
  }
  return [...byPart.values()].sort(
    (a, b) => b.quantity - a.quantity || a.partNumber.localeCompare(b.partNumber),
  );
}
