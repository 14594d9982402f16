import type {
  ChecklistStepView,
  StepSignOffRequest,
  TaskSignOffRequest,
  WorkOrderTransitionRequest,
  WorkOrderView,
} from '../../../shared/api/maintenance';
import type { TicketStatus } from '../../../shared/api/tickets';
import type { Clock } from '../../../shared/server/runtime/clock';
import type { Database } from '../../store/database';
import { checkTransition, SYSTEM_ACTOR, type TicketActor } from '../tickets/ticket-lifecycle';
import type { TicketUpdate } from '../tickets/ticket-store';
import { MaintenanceError } from './maintenance-errors';
import type { PmOutbox } from './pm-outbox';
import { isUnfinished, type NewWorkOrder, type WorkOrderStore } from './work-order-store';

/**
 * Moves preventive work orders along the repair ticket's lifecycle, with the
 * checklist in between: steps are signed (measured values checked against their
 * range), and an order is done only when every required step is signed in range.
 * Every change appends its `pm.*` event in the same transaction.
 */
export class WorkOrderService {
  constructor(
    readonly db: Database,
    readonly store: WorkOrderStore,
    readonly outbox: PmOutbox,
    readonly clock: Clock,
  ) {}

  /** Inside the caller's transaction. */
  open(order: NewWorkOrder): WorkOrderView {
    const id = this.store.insert(order);
    this.store.tickets.logTransition(
      id,
      null,
      'open',
      order.at,
      SYSTEM_ACTOR.id,
      `due ${new Date(order.dueAt).toISOString()}`,
    );
    const view = this.store.get(id, order.at)!;
    this.outbox.append('pm.opened', id, order.at, view);
    return view;
  }

  get(id: number): WorkOrderView {
    const order = this.store.get(id, this.clock.now());
    if (!order) throw new MaintenanceError('PM_NOT_FOUND', `no work order ${id}`);
    return order;
  }

  transition(id: number, request: WorkOrderTransitionRequest, actor: TicketActor): WorkOrderView {
    const now = this.clock.now();
    return this.db.transaction(() => this.#transition(id, request, actor, now))();
  }

  signStep(id: number, stepId: string, request: StepSignOffRequest, actor: TicketActor): WorkOrderView {
    const now = this.clock.now();
    return this.db.transaction(() => {
      this.#sign(this.get(id), stepId, request.value, request.note, actor, now);
      return this.get(id);
    })();
  }

  /** One tap on a staff task: every open step signed, the task done and verified. */
  signOffTask(id: number, request: TaskSignOffRequest, actor: TicketActor): WorkOrderView {
    const now = this.clock.now();
    return this.db.transaction(() => {
      const order = this.get(id);
      if (order.assignee !== 'store')
        throw new MaintenanceError('PM_FORBIDDEN', `work order ${id} is a technician's, not a store task`);
      for (const step of order.checklist) {
        if (step.signedAt !== null && step.inRange !== false) continue;
        this.#sign(this.get(id), step.stepId, request.values[step.stepId], request.note, actor, now);
      }
      this.#transition(id, { to: 'resolved', parts: [], notes: request.note }, actor, now);
      return this.#transition(
        id,
        { to: 'verified', note: `staff task signed off by ${actor.id}` },
        SYSTEM_ACTOR,
        now,
      );
    })();
  }

  /** Inside the caller's transaction. */
  escalate(order: WorkOrderView, level: 'manager' | 'central', at: number): void {
    this.store.setEscalation(order.id, level, at);
    this.outbox.append('pm.escalated', order.id, at, { workOrder: this.store.get(order.id, at), level });
  }

  #sign(
    order: WorkOrderView,
    stepId: string,
    value: number | undefined,
    note: string | undefined,
    actor: TicketActor,
    now: number,
  ): void {
    if (!isUnfinished(order.status))
      throw new MaintenanceError(
        'PM_NOT_OPEN',
        `work order ${order.id} is ${order.status}: its checklist is closed`,
      );
    mayWork(order, actor);
    const step = order.checklist.find((s) => s.stepId === stepId);
    if (!step)
      throw new MaintenanceError('PM_STEP_NOT_FOUND', `work order ${order.id} has no step "${stepId}"`);
    if (step.measure && value === undefined)
      throw new MaintenanceError(
        'PM_VALUE_REQUIRED',
        `step "${stepId}" asks for a value in ${step.measure.unit}`,
      );
    const inRange = step.measure && value !== undefined ? withinRange(step, value) : null;
    this.store.signStep(order.id, stepId, {
      value: step.measure ? (value ?? null) : null,
      inRange,
      at: now,
      by: actor.id,
      note: note ?? null,
    });
    const signed = this.store.get(order.id, now)!.checklist.find((s) => s.stepId === stepId);
    this.outbox.append('pm.step_signed', order.id, now, { workOrderId: order.id, step: signed });
    // Signing is starting the work: the lifecycle's open → acknowledged → in progress.
    if (order.status === 'open') this.#transition(order.id, { to: 'acknowledged' }, actor, now);
    if (order.status !== 'in_progress') this.#transition(order.id, { to: 'in_progress' }, actor, now);
  }

  #transition(
    id: number,
    request: WorkOrderTransitionRequest,
    actor: TicketActor,
    now: number,
  ): WorkOrderView {
    const order = this.get(id);
    mayWork(order, actor);
    checkTransition(order.status, request.to, lifecycleActor(order, actor, request.to));
    if (request.to === 'resolved') checkChecklistDone(order);
    const { changes, note } = columnsFor(order, request, actor, now);
    // Reopened like a repair ticket: the count is what metrics read as work that did not hold.
    if (request.to === 'open') changes.reopen_count = (this.store.tickets.get(id)?.reopenCount ?? 0) + 1;
    this.store.tickets.update(id, request.to, changes, now);
    this.store.tickets.logTransition(id, order.status, request.to, now, actor.id, note);
    const updated = this.store.get(id, now)!;
    const transition = { from: order.status, to: request.to, at: now, by: actor.id, note: note ?? null };
    this.outbox.append('pm.transition', id, now, { workOrder: updated, transition });
    return updated;
  }
}

/** Staff do the store's own tasks; technicians' work orders are for maintainers. */
function mayWork(order: WorkOrderView, actor: TicketActor): void {
  if (actor.role === 'staff' && order.assignee !== 'store')
    throw new MaintenanceError(
      'PM_FORBIDDEN',
      `work order ${order.id} is for a technician; staff do store tasks`,
    );
}

/**
 * The lifecycle lets only maintainers start and finish work; on a store task the
 * staff member is the maintainer, so the check runs with that role.
 */
function lifecycleActor(order: WorkOrderView, actor: TicketActor, to: TicketStatus): TicketActor {
  if (order.assignee === 'store' && actor.role === 'staff' && (to === 'in_progress' || to === 'resolved'))
    return { id: actor.id, role: 'technician' };
  return actor;
}

function withinRange(step: ChecklistStepView, value: number): boolean {
  const { min, max } = step.measure ?? {};
  return (min === undefined || value >= min) && (max === undefined || value <= max);
}

function checkChecklistDone(order: WorkOrderView): void {
  const missing = order.checklist.filter((s) => s.required && s.signedAt === null).map((s) => s.stepId);
  if (missing.length)
    throw new MaintenanceError('PM_CHECKLIST_INCOMPLETE', `steps not signed yet: ${missing.join(', ')}`);
  const outOfRange = order.checklist.filter((s) => s.inRange === false).map((s) => s.stepId);
  if (outOfRange.length)
    throw new MaintenanceError(
      'PM_CHECKLIST_INCOMPLETE',
      `measured out of range: ${outOfRange.join(', ')}; measure again, or report a repair`,
    );
}

function columnsFor(
  order: WorkOrderView,
  request: WorkOrderTransitionRequest,
  actor: TicketActor,
  now: number,
): { changes: TicketUpdate; note: string | undefined } {
  const note = 'note' in request ? request.note : undefined;
  switch (request.to) {
    case 'acknowledged':
      return { changes: { acknowledged_at: now, acknowledged_by: actor.id }, note };
    case 'assigned':
      return {
        changes: { assigned_to: request.assignee, assigned_at: now },
        note: note ?? `assigned to ${request.assignee}`,
      };
    case 'in_progress':
      return { changes: { started_at: order.startedAt ?? now }, note };
    case 'resolved':
      return {
        changes: {
          resolved_at: now,
          resolved_by: actor.id,
          resolution_code: 'pm_done',
          parts_json: JSON.stringify(request.parts),
          resolution_notes: request.notes ?? null,
        },
        note: request.notes,
      };
    case 'verified':
      return { changes: { verified_at: now, verified_by: actor.id }, note };
    case 'closed':
      return { changes: { closed_at: now, closed_by: actor.id }, note };
    case 'open':
      return { changes: { resolved_at: null, resolved_by: null }, note };
  }
}
