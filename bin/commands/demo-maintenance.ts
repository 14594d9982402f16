import { PmCalendar } from '../../edge/domains/maintenance/pm-calendar';
import { PmStateStore } from '../../edge/domains/maintenance/pm-state-store';
import { resolvePlans } from '../../edge/domains/maintenance/resolve-plans';
import { WorkOrderStore } from '../../edge/domains/maintenance/work-order-store';
import { parseClockTime } from '../../edge/domains/rules/local-time';
import type { Database } from '../../edge/store/database';
import type { StoreConfig } from '../../shared/config/store-config';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface BackdatedPlan {
  planId: string;
  equipmentId: string;
  dueAt: number;
}

/**
 * A fresh demo box has never seen a due date: its calendar plans fall due days or
 * weeks later and its staff tasks at their next time of day, so at night the demo
 * would show no tasks and no preventive maintenance (维保). This pretends the box
 * has been running for a while and nobody kept up:
 *
 * - every weekly-rule plan (the staff's daily and weekly tasks) falls due at its
 *   latest time before now — on today's list, overdue when its grace has passed;
 * - the first piece of equipment of every interval plan (e.g. 12-weekly coil
 *   cleaning) fell due two days past its grace: overdue, escalated to the
 *   manager at once and to central at the next check, a minute later.
 *
 * Only (plan, equipment) pairs that never had a work order are touched, so a
 * restarted demo keeps what was done meanwhile. Returns what it back-dated; the
 * maintenance service's next check (`tick()`) opens the orders.
 */
export function backdateDemoMaintenance(
  config: Pick<StoreConfig, 'equipment' | 'maintenance' | 'store'>,
  db: Database,
  now: number,
): BackdatedPlan[] {
  const calendar = new PmCalendar(config.store.timezone);
  const state = new PmStateStore(db);
  const orders = new WorkOrderStore(db);
  const backdated: BackdatedPlan[] = [];
  const intervalPlansSeen = new Set<string>();
  for (const { plan, equipmentId } of resolvePlans(config)) {
    const trigger = plan.trigger;
    let dueAt: number | undefined;
    if (trigger.kind === 'weekly') {
      // The latest occurrence at or before now: step from a week ago, where one always lies.
      let next = calendar.nextRuleOccurrence(trigger, now - 8 * DAY_MS);
      while (next <= now) {
        dueAt = next;
        next = calendar.nextRuleOccurrence(trigger, next);
      }
    } else if (trigger.kind === 'calendar' && !intervalPlansSeen.has(plan.id)) {
      intervalPlansSeen.add(plan.id);
      dueAt = calendar.atLocalMinute(
        now - plan.graceHours * HOUR_MS - 2 * DAY_MS,
        parseClockTime(trigger.at),
      );
    }
    if (dueAt === undefined) continue;
    if (orders.lastOfPlan(plan.id, equipmentId, now)) continue;
    const row = state.schedule(plan.id, equipmentId);
    state.putSchedule({
      plan_id: plan.id,
      equipment_id: equipmentId,
      next_due_at: dueAt,
      next_due_meter: null,
      last_done_at: row?.last_done_at ?? null,
      last_work_order_id: null,
      updated_at: now,
    });
    backdated.push({ planId: plan.id, equipmentId, dueAt });
  }
  return backdated;
}
