import type {
  ChecklistStepView,
  DueReason,
  Escalation,
  WorkOrdersQuery,
  WorkOrderView,
} from '../../../shared/api/maintenance';
import type { TicketStatus, UsedPart } from '../../../shared/api/tickets';
import type { ChecklistStep } from '../../../shared/config/maintenance';
import type { LocalizedText } from '../../../shared/localized-text';
import type { Database } from '../../store/database';
import type { TicketRow } from '../tickets/ticket-store';
import { TicketStore } from '../tickets/ticket-store';

interface WorkOrderRow extends TicketRow {
  kind: string;
  plan_id: string | null;
  assignee_kind: string | null;
  due_at: number | null;
  grace_until: number | null;
  escalation: string;
  escalated_at: number | null;
  due_reason_json: string | null;
}

interface StepRow {
  position: number;
  step_id: string;
  title: string;
  required: number;
  measure_json: string | null;
  value: number | null;
  in_range: number | null;
  signed_at: number | null;
  signed_by: string | null;
  note: string | null;
}

export interface NewWorkOrder {
  planId: string;
  equipmentId: string;
  title: LocalizedText;
  assignee: 'store' | 'technician';
  dueAt: number;
  graceUntil: number;
  reason: DueReason;
  checklist: ChecklistStep[];
  at: number;
}

/** The fault key of a plan's work orders: one unfinished order per (equipment, plan). */
export const planFault = (planId: string): string => `pm:${planId}`;

const UNFINISHED = `status IN ('open', 'acknowledged', 'assigned', 'in_progress')`;
const PM = `kind = 'preventive'`;

/** SQL for preventive work orders: `tickets` rows of kind `preventive` plus their checklist. */
export class WorkOrderStore {
  readonly tickets: TicketStore;
  readonly #s;

  constructor(readonly db: Database) {
    this.tickets = new TicketStore(db);
    this.#s = {
      get: db.prepare<[number], WorkOrderRow>(`SELECT * FROM tickets WHERE id = ? AND ${PM}`),
      markPreventive: db.prepare(
        `UPDATE tickets SET kind = 'preventive', plan_id = @planId, assignee_kind = @assignee, due_at = @dueAt,
           grace_until = @graceUntil, due_reason_json = @reason WHERE id = @id`,
      ),
      insertStep: db.prepare(
        `INSERT INTO work_order_steps (work_order_id, position, step_id, title, required, measure_json)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      steps: db.prepare<[number], StepRow>(
        'SELECT * FROM work_order_steps WHERE work_order_id = ? ORDER BY position',
      ),
      signStep: db.prepare(
        `UPDATE work_order_steps SET value = @value, in_range = @inRange, signed_at = @at, signed_by = @by,
           note = @note WHERE work_order_id = @id AND step_id = @stepId`,
      ),
      unfinished: db.prepare<[string, string], WorkOrderRow>(
        `SELECT * FROM tickets WHERE ${PM} AND plan_id = ? AND equipment_id = ? AND ${UNFINISHED}`,
      ),
      lastOfPlan: db.prepare<[string, string], WorkOrderRow>(
        `SELECT * FROM tickets WHERE ${PM} AND plan_id = ? AND equipment_id = ? ORDER BY id DESC LIMIT 1`,
      ),
      overdue: db.prepare<[number], WorkOrderRow>(
        `SELECT * FROM tickets WHERE ${PM} AND ${UNFINISHED} AND grace_until < ? ORDER BY due_at`,
      ),
      setEscalation: db.prepare(
        'UPDATE tickets SET escalation = ?, escalated_at = ?, updated_at = ? WHERE id = ?',
      ),
      list: db.prepare<[{ equipment: string | null; assignee: string | null; limit: number }], WorkOrderRow>(
        `SELECT * FROM tickets WHERE ${PM} AND (@equipment IS NULL OR equipment_id = @equipment)
           AND (@assignee IS NULL OR assignee_kind = @assignee) ORDER BY due_at DESC, id DESC LIMIT @limit`,
      ),
      dueBetween: db.prepare<[number, number], WorkOrderRow>(
        `SELECT * FROM tickets WHERE ${PM} AND assignee_kind = 'store' AND due_at >= ? AND due_at < ?
         ORDER BY due_at, id`,
      ),
      // Done today although due earlier (yesterday's overdue task): stays on today's list, ticked.
      doneBetween: db.prepare<[number, number], WorkOrderRow>(
        `SELECT * FROM tickets WHERE ${PM} AND assignee_kind = 'store' AND resolved_at >= ? AND resolved_at < ?
         ORDER BY due_at, id`,
      ),
      storeUnfinished: db.prepare<[], WorkOrderRow>(
        `SELECT * FROM tickets WHERE ${PM} AND assignee_kind = 'store' AND ${UNFINISHED} ORDER BY due_at, id`,
      ),
    };
  }

  /** Inside the caller's transaction: the ticket row, its preventive columns and its checklist. */
  insert(order: NewWorkOrder): number {
    const id = this.tickets.insert({
      equipmentId: order.equipmentId,
      fault: planFault(order.planId),
      source: 'auto',
      category: null,
      title: order.title,
      severity: 'info',
      note: null,
      at: order.at,
      by: 'system',
      repeat: false,
      previousTicketId: null,
      snapshot: null,
    });
    this.#s.markPreventive.run({
      id,
      planId: order.planId,
      assignee: order.assignee,
      dueAt: order.dueAt,
      graceUntil: order.graceUntil,
      reason: JSON.stringify(order.reason),
    });
    const steps = order.checklist.length ? order.checklist : [DEFAULT_STEP];
    steps.forEach((step, i) => {
      this.#s.insertStep.run(
        id,
        i,
        step.id,
        JSON.stringify(step.title),
        step.required ? 1 : 0,
        step.measure ? JSON.stringify(step.measure) : null,
      );
    });
    return id;
  }

  get(id: number, now: number): WorkOrderView | undefined {
    const row = this.#s.get.get(id);
    return row && this.#toView(row, now);
  }

  unfinished(planId: string, equipmentId: string, now: number): WorkOrderView | undefined {
    const row = this.#s.unfinished.get(planId, equipmentId);
    return row && this.#toView(row, now);
  }

  lastOfPlan(planId: string, equipmentId: string, now: number): WorkOrderView | undefined {
    const row = this.#s.lastOfPlan.get(planId, equipmentId);
    return row && this.#toView(row, now);
  }

  overdue(now: number): WorkOrderView[] {
    return this.#s.overdue.all(now).map((r) => this.#toView(r, now));
  }

  list(query: WorkOrdersQuery, now: number): WorkOrderView[] {
    const rows = this.#s.list.all({
      equipment: query.equipmentId ?? null,
      assignee: query.assignee ?? null,
      limit: query.status === 'all' ? query.limit : 100_000,
    });
    const views = rows.map((r) => this.#toView(r, now));
    const matches = (v: WorkOrderView): boolean => {
      if (query.status === 'all') return true;
      if (query.status === 'open') return isUnfinished(v.status);
      if (query.status === 'overdue') return v.overdue;
      return v.status === query.status;
    };
    return views.filter(matches).slice(0, query.limit);
  }

  /** Staff tasks due in [from, to), plus any still unfinished from before. */
  storeTasks(from: number, to: number, now: number): WorkOrderView[] {
    const byId = new Map<number, WorkOrderView>();
    for (const row of this.#s.storeUnfinished.all()) {
      if ((row.due_at ?? 0) < to) byId.set(row.id, this.#toView(row, now));
    }
    for (const row of this.#s.dueBetween.all(from, to)) byId.set(row.id, this.#toView(row, now));
    for (const row of this.#s.doneBetween.all(from, to)) byId.set(row.id, this.#toView(row, now));
    return [...byId.values()].sort((a, b) => a.dueAt - b.dueAt || a.id - b.id);
  }

  signStep(
    id: number,
    stepId: string,
    sign: { value: number | null; inRange: boolean | null; at: number; by: string; note: string | null },
  ): void {
    this.#s.signStep.run({
      id,
      stepId,
      ...sign,
      inRange: sign.inRange === null ? null : sign.inRange ? 1 : 0,
    });
  }

  setEscalation(id: number, level: Escalation, at: number): void {
    this.#s.setEscalation.run(level, at, at, id);
  }

  #toView(row: WorkOrderRow, now: number): WorkOrderView {
    const status = row.status as TicketStatus;
    const graceUntil = row.grace_until ?? row.opened_at;
    return {
      id: row.id,
      kind: 'preventive',
      planId: row.plan_id ?? '',
      equipmentId: row.equipment_id,
      title: JSON.parse(row.title) as LocalizedText,
      severity: 'info',
      status,
      assignee: row.assignee_kind === 'store' ? 'store' : 'technician',
      assignedTo: row.assigned_to,
      dueAt: row.due_at ?? row.opened_at,
      graceUntil,
      overdue: isUnfinished(status) && now > graceUntil,
      escalation: (row.escalation as Escalation | undefined) ?? 'none',
      dueReason: row.due_reason_json ? (JSON.parse(row.due_reason_json) as DueReason) : null,
      openedAt: row.opened_at,
      startedAt: row.started_at,
      resolvedAt: row.resolved_at,
      resolvedBy: row.resolved_by,
      verifiedAt: row.verified_at,
      verifiedBy: row.verified_by,
      closedAt: row.closed_at,
      parts: row.parts_json ? (JSON.parse(row.parts_json) as UsedPart[]) : [],
      resolutionNotes: row.resolution_notes,
      checklist: this.#s.steps.all(row.id).map(toStepView),
      updatedAt: row.updated_at,
    };
  }
}

/** Not yet done: a resolved work order is done (waiting for verification). */
export function isUnfinished(status: TicketStatus): boolean {
  return status === 'open' || status === 'acknowledged' || status === 'assigned' || status === 'in_progress';
}

const DEFAULT_STEP: ChecklistStep = {
  id: 'done',
  title: { en: 'Done as planned', 'zh-CN': '已按计划完成' },
  required: true,
};

function toStepView(row: StepRow): ChecklistStepView {
  return {
    position: row.position,
    stepId: row.step_id,
    title: JSON.parse(row.title) as LocalizedText,
    required: row.required === 1,
    measure: row.measure_json ? (JSON.parse(row.measure_json) as ChecklistStepView['measure']) : null,
    value: row.value,
    inRange: row.in_range === null ? null : row.in_range === 1,
    signedAt: row.signed_at,
    signedBy: row.signed_by,
    note: row.note,
  };
}
