import type { DueReason, WorkOrderView } from '../../../shared/api/maintenance';
import { meterOf, type PmPlan } from '../../../shared/config/maintenance';
import { SYSTEM_ACTOR } from '../tickets/ticket-lifecycle';
import type { PmCalendar } from './pm-calendar';
import type { PmStateStore, ScheduleRow } from './pm-state-store';
import type { PlanTarget } from './resolve-plans';
import type { WorkOrderService } from './work-order-service';

const HOUR_MS = 3_600_000;

/**
 * Decides when each (plan, equipment) is due and opens its work order. Fixed plans
 * step from due date to due date (meter plans from due value to due value), whatever
 * happened to the last order; floating plans count from when the last order was done
 * (or closed), so nothing is scheduled while one is still open. After a long
 * downtime only the latest missed occurrence opens an order.
 */
export class PmScheduler {
  constructor(
    readonly state: PmStateStore,
    readonly orders: WorkOrderService,
    readonly calendar: PmCalendar,
  ) {}

  /** Calendar and meter plans; inside the caller's transaction. Returns the orders opened. */
  check(target: PlanTarget, now: number): WorkOrderView | undefined {
    const { plan } = target;
    const trigger = plan.trigger;
    if (trigger.kind === 'condition') return undefined;
    const row = this.state.schedule(plan.id, target.equipmentId) ?? this.#initial(target, now);
    const meter = meterOf(trigger);
    if (meter) return this.#checkMeter(target, row, meter, now);
    return this.#checkCalendar(target, row, now);
  }

  /** Opens an order now (a condition was met); undefined when one is already open. */
  openNow(target: PlanTarget, reason: DueReason, now: number): WorkOrderView | undefined {
    return this.#open(target, now, reason, now);
  }

  #initial(target: PlanTarget, now: number): ScheduleRow {
    const { plan, equipmentId } = target;
    const trigger = plan.trigger;
    const row: ScheduleRow = {
      plan_id: plan.id,
      equipment_id: equipmentId,
      next_due_at: null,
      next_due_meter: null,
      last_done_at: null,
      last_work_order_id: null,
      updated_at: now,
    };
    if (trigger.kind === 'calendar')
      row.next_due_at = this.calendar.firstIntervalDue(trigger, plan.startAt, now);
    else if (trigger.kind === 'weekly')
      row.next_due_at = this.calendar.nextRuleOccurrence(trigger, now, true);
    else if (trigger.kind === 'run_hours' || trigger.kind === 'cycles') {
      const meter = this.state.meter(equipmentId, meterOf(trigger) ?? '')?.value ?? 0;
      row.next_due_meter = meter + (trigger.kind === 'run_hours' ? trigger.everyHours : trigger.every);
    }
    this.state.putSchedule(row);
    return row;
  }

  #checkCalendar(target: PlanTarget, row: ScheduleRow, now: number): WorkOrderView | undefined {
    const { plan } = target;
    const trigger = plan.trigger;
    if (trigger.kind !== 'calendar' && trigger.kind !== 'weekly') return undefined;
    if (row.next_due_at === null) {
      // floating: the next one counts from when the last was finished
      const finishedAt = this.#finishedAt(target, now);
      if (finishedAt === undefined || trigger.kind !== 'calendar') return undefined;
      row.next_due_at = this.calendar.addPeriod(finishedAt, trigger);
      row.last_done_at = finishedAt;
      this.#save(row, now);
    }
    if (row.next_due_at > now) return undefined;
    const dueAt = row.next_due_at;
    const order = this.#open(target, dueAt, { trigger: trigger.kind }, now);
    if (trigger.kind === 'weekly') {
      let next = this.calendar.nextRuleOccurrence(trigger, dueAt);
      while (next <= now) next = this.calendar.nextRuleOccurrence(trigger, next);
      row.next_due_at = next;
    } else if (plan.schedule === 'fixed') {
      let next = this.calendar.addPeriod(dueAt, trigger);
      while (next <= now) next = this.calendar.addPeriod(next, trigger);
      row.next_due_at = next;
    } else row.next_due_at = null;
    if (order) row.last_work_order_id = order.id;
    this.#save(row, now);
    return order;
  }

  #checkMeter(target: PlanTarget, row: ScheduleRow, meter: string, now: number): WorkOrderView | undefined {
    const { plan, equipmentId } = target;
    const trigger = plan.trigger;
    if (trigger.kind !== 'run_hours' && trigger.kind !== 'cycles') return undefined;
    const every = trigger.kind === 'run_hours' ? trigger.everyHours : trigger.every;
    const value = this.state.meter(equipmentId, meter)?.value ?? 0;
    if (row.next_due_meter === null) {
      const finishedAt = this.#finishedAt(target, now);
      if (finishedAt === undefined) return undefined;
      row.next_due_meter = value + every;
      row.last_done_at = finishedAt;
      this.#save(row, now);
    }
    if (value < row.next_due_meter) return undefined;
    const order = this.#open(target, now, { trigger: trigger.kind, meter, meterValue: value }, now);
    if (plan.schedule === 'fixed') {
      let next = row.next_due_meter + every;
      while (next <= value) next += every;
      row.next_due_meter = next;
    } else row.next_due_meter = null;
    if (order) row.last_work_order_id = order.id;
    this.#save(row, now);
    return order;
  }

  /** When the plan's last order was done or closed; undefined while one is still unfinished. */
  #finishedAt(target: PlanTarget, now: number): number | undefined {
    const last = this.orders.store.lastOfPlan(target.plan.id, target.equipmentId, now);
    if (!last) return now;
    if (last.status === 'open' || last.status === 'acknowledged' || last.status === 'assigned')
      return undefined;
    if (last.status === 'in_progress') return undefined;
    return last.resolvedAt ?? last.closedAt ?? now;
  }

  #open(target: PlanTarget, dueAt: number, reason: DueReason, now: number): WorkOrderView | undefined {
    const { plan, equipmentId } = target;
    const last = this.orders.store.lastOfPlan(plan.id, equipmentId, now);
    if (last?.status === 'resolved') {
      // done but never verified: the next occurrence takes its place in the one-open slot
      this.orders.transition(last.id, { to: 'verified', note: 'next occurrence due' }, SYSTEM_ACTOR);
    } else if (last && last.status !== 'verified' && last.status !== 'closed') return undefined;
    return this.orders.open(orderFor(plan, equipmentId, dueAt, reason, now));
  }

  #save(row: ScheduleRow, now: number): void {
    row.updated_at = now;
    this.state.putSchedule(row);
  }
}

function orderFor(plan: PmPlan, equipmentId: string, dueAt: number, reason: DueReason, now: number) {
  return {
    planId: plan.id,
    equipmentId,
    title: plan.title,
    assignee: plan.assignee,
    dueAt,
    graceUntil: dueAt + plan.graceHours * HOUR_MS,
    reason,
    checklist: plan.checklist,
    at: now,
  };
}
