import { z } from 'zod';
import { Severity } from '../config/rules';
import { LocalizedText } from '../localized-text';
import { PmOverdueFlag, TicketStatus, TicketTransitionRecord, UsedPart, UsedPartInput } from './tickets';

export const WorkOrderKind = z.enum(['repair', 'preventive']);
export type WorkOrderKind = z.infer<typeof WorkOrderKind>;

export const PmTriggerKind = z.enum(['calendar', 'weekly', 'run_hours', 'cycles', 'condition']);
export type PmTriggerKind = z.infer<typeof PmTriggerKind>;

/** Why a preventive work order became due. */
export const DueReason = z.object({
  trigger: PmTriggerKind,
  meter: z.string().optional(),
  meterValue: z.number().optional().describe('the meter when it became due (hours or cycles)'),
  value: z.number().optional().describe('the reading or share (%) that met the condition'),
});
export type DueReason = z.infer<typeof DueReason>;

export const ChecklistStepView = z.object({
  position: z.number().int(),
  stepId: z.string(),
  title: LocalizedText,
  required: z.boolean(),
  measure: z.object({ unit: z.string(), min: z.number().optional(), max: z.number().optional() }).nullable(),
  value: z.number().nullable(),
  inRange: z.boolean().nullable().describe('measured steps: whether the value is within the range'),
  signedAt: z.number().int().nullable(),
  signedBy: z.string().nullable(),
  note: z.string().nullable(),
});
export type ChecklistStepView = z.infer<typeof ChecklistStepView>;

export const Escalation = z.enum(['none', 'manager', 'central']);
export type Escalation = z.infer<typeof Escalation>;

/** A preventive work order: a ticket of kind `preventive`, with its plan, due date and checklist. */
export const WorkOrderView = z.object({
  id: z.number().int(),
  kind: z.literal('preventive'),
  planId: z.string(),
  equipmentId: z.string(),
  title: LocalizedText,
  severity: Severity,
  status: TicketStatus,
  assignee: z.enum(['store', 'technician']),
  assignedTo: z.string().nullable(),
  dueAt: z.number().int(),
  graceUntil: z.number().int(),
  overdue: z.boolean().describe('past due + grace and not yet done'),
  escalation: Escalation,
  dueReason: DueReason.nullable(),
  openedAt: z.number().int(),
  startedAt: z.number().int().nullable(),
  resolvedAt: z.number().int().nullable().describe('done'),
  resolvedBy: z.string().nullable(),
  verifiedAt: z.number().int().nullable(),
  verifiedBy: z.string().nullable(),
  closedAt: z.number().int().nullable(),
  parts: z.array(UsedPart),
  resolutionNotes: z.string().nullable(),
  checklist: z.array(ChecklistStepView),
  updatedAt: z.number().int(),
});
export type WorkOrderView = z.infer<typeof WorkOrderView>;
export const WorkOrderDetail = WorkOrderView.extend({ history: z.array(TicketTransitionRecord) });
export type WorkOrderDetail = z.infer<typeof WorkOrderDetail>;

export const WorkOrdersQuery = z.object({
  kind: z.literal('preventive').default('preventive'),
  status: z
    .enum(['open', 'overdue', 'all', ...TicketStatus.options])
    .default('open')
    .describe('open: not yet done; overdue: open and past due + grace; or one lifecycle status'),
  equipmentId: z.string().optional(),
  assignee: z.enum(['store', 'technician']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type WorkOrdersQuery = z.infer<typeof WorkOrdersQuery>;

/** Optional PIN of the person signing on a shared (display) session. */
const SignedBy = z.object({
  user: z.string().min(1).max(64).optional(),
  pin: z.string().min(1).max(32).optional(),
});

export const StepSignOffRequest = SignedBy.extend({
  value: z.number().optional().describe('required when the step asks for a measured value'),
  note: z.string().max(2000).optional(),
});
export type StepSignOffRequest = z.infer<typeof StepSignOffRequest>;

/** One tap: signs every open step (values for measured ones) and marks the task done. */
export const TaskSignOffRequest = SignedBy.extend({
  values: z.record(z.string(), z.number()).default({}).describe('stepId → measured value'),
  note: z.string().max(2000).optional(),
});
export type TaskSignOffRequest = z.infer<typeof TaskSignOffRequest>;

export const WorkOrderTransitionRequest = z.discriminatedUnion('to', [
  z.object({ to: z.literal('acknowledged'), note: z.string().max(2000).optional() }),
  z.object({
    to: z.literal('assigned'),
    assignee: z.string().min(1).max(100),
    note: z.string().max(2000).optional(),
  }),
  z.object({ to: z.literal('in_progress'), note: z.string().max(2000).optional() }),
  z.object({
    to: z.literal('resolved'),
    parts: z.array(UsedPartInput).default([]),
    notes: z.string().max(4000).optional(),
  }),
  z.object({ to: z.literal('verified'), note: z.string().max(2000).optional() }),
  z.object({ to: z.literal('closed'), note: z.string().max(2000).optional() }),
  z.object({ to: z.literal('open'), note: z.string().max(2000).optional() }),
]);
export type WorkOrderTransitionRequest = z.infer<typeof WorkOrderTransitionRequest>;

/** A meter as counted on the edge. */
export const MeterView = z.object({
  equipmentId: z.string(),
  meter: z.string(),
  value: z.number(),
  updatedAt: z.number().int(),
});
export type MeterView = z.infer<typeof MeterView>;

/** What a repair ticket shows about the equipment's maintenance. */
/** Defined with the ticket view that carries it; re-exported for the maintenance views. */
export { PmOverdueFlag };

/** Repeated repairs of one fault: shorten the plan's interval. */
export const PmSuggestion = z.object({
  planId: z.string(),
  equipmentId: z.string(),
  fault: z.string(),
  repairs: z.number().int(),
  windowDays: z.number(),
  current: z.string().describe('the interval now, e.g. "every 12 weeks"'),
  suggested: z.string().describe('the shorter interval suggested'),
});
export type PmSuggestion = z.infer<typeof PmSuggestion>;

export const EquipmentMaintenance = z.object({
  equipmentId: z.string(),
  overdue: z.array(PmOverdueFlag),
  openWorkOrders: z.array(WorkOrderView),
  meters: z.array(MeterView),
  suggestions: z.array(PmSuggestion),
});
export type EquipmentMaintenance = z.infer<typeof EquipmentMaintenance>;
