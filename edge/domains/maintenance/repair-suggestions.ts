import type { PmSuggestion } from '../../../shared/api/maintenance';
import type { PmTrigger } from '../../../shared/config/maintenance';
import type { Database } from '../../store/database';
import type { PlanTarget } from './resolve-plans';

const DAY_MS = 86_400_000;
/** A suggestion shortens the interval by a quarter: enough to matter, small enough to try. */
const SHORTEN = 0.75;

/**
 * Repeated repairs of the same fault on one piece of equipment (≥ count in the
 * window) suggest shortening the interval of every interval plan on it.
 */
export function repairSuggestions(
  db: Database,
  targets: readonly PlanTarget[],
  options: { count: number; windowDays: number; now: number; equipmentId?: string | undefined },
): PmSuggestion[] {
  const repeats = db
    .prepare<
      [{ from: number; equipment: string | null }],
      { equipment_id: string; fault: string; repairs: number }
    >(
      `SELECT equipment_id, fault, count(*) AS repairs FROM tickets
       WHERE kind = 'repair' AND opened_at >= @from AND (@equipment IS NULL OR equipment_id = @equipment)
       GROUP BY equipment_id, fault`,
    )
    .all({ from: options.now - options.windowDays * DAY_MS, equipment: options.equipmentId ?? null })
    .filter((r) => r.repairs >= options.count);
  const suggestions: PmSuggestion[] = [];
  for (const repeat of repeats) {
    for (const { plan, equipmentId } of targets) {
      if (equipmentId !== repeat.equipment_id) continue;
      const interval = describeInterval(plan.trigger);
      if (!interval) continue;
      suggestions.push({
        planId: plan.id,
        equipmentId,
        fault: repeat.fault,
        repairs: repeat.repairs,
        windowDays: options.windowDays,
        current: interval.current,
        suggested: interval.suggested,
      });
    }
  }
  return suggestions;
}

function describeInterval(trigger: PmTrigger): { current: string; suggested: string } | undefined {
  const shorter = (n: number): number => Math.max(1, Math.floor(n * SHORTEN));
  switch (trigger.kind) {
    case 'calendar': {
      const days = (trigger.every.days ?? 0) + (trigger.every.weeks ?? 0) * 7;
      return { current: `every ${days} days`, suggested: `every ${shorter(days)} days` };
    }
    case 'run_hours':
      return {
        current: `every ${trigger.everyHours} run-hours`,
        suggested: `every ${shorter(trigger.everyHours)} run-hours`,
      };
    case 'cycles':
      return {
        current: `every ${trigger.every} cycles`,
        suggested: `every ${shorter(trigger.every)} cycles`,
      };
    default:
      return undefined;
  }
}
