import { z } from 'zod';
import { Severity } from '../config/rules';
import { EquipmentId } from '../ids';
import { LocalizedText } from '../localized-text';
import { PrescriptiveResult } from '../predictive/prescriptive';
import { TicketQuote } from '../predictive/ticket-quote';
import { MAX_QUANTITY_MOVED, quantity } from '../quantity';

export const TicketStatus = z.enum([
  'open',
  'acknowledged',
  'assigned',
  'in_progress',
  'resolved',
  'verified',
  'closed',
]);
export type TicketStatus = z.infer<typeof TicketStatus>;

/** Statuses of a ticket still being worked on; at most one such ticket per (equipment, fault). */
export const UNFINISHED_STATUSES = ['open', 'acknowledged', 'assigned', 'in_progress', 'resolved'] as const;

export const TicketSource = z.enum(['auto', 'manual']);
export type TicketSource = z.infer<typeof TicketSource>;

/**
 * What opened a repair ticket: an alarm, a person, or the box's own prediction of a
 * failure to come (`predictive`, opened by the box, so its source is `auto`).
 */
export const TicketKind = z.enum(['alarm', 'manual', 'predictive']);
export type TicketKind = z.infer<typeof TicketKind>;

/** A predictive ticket's fault is `predictive:<cause>`: one unfinished ticket per asset and cause. */
export const PREDICTIVE_FAULT_PREFIX = 'predictive:';

export function ticketKindOf(source: TicketSource, fault: string): TicketKind {
  if (source === 'manual') return 'manual';
  return fault.startsWith(PREDICTIVE_FAULT_PREFIX) ? 'predictive' : 'alarm';
}

export const ProblemCategory = z.enum([
  'not_cooling',
  'not_heating',
  'leak',
  'noise',
  'electrical',
  'door_or_seal',
  'error_on_display',
  'other',
]);
export type ProblemCategory = z.infer<typeof ProblemCategory>;

/** A part as a ticket or work order records it (views and sync events keep what was recorded then). */
export const UsedPart = z.object({
  name: z.string().min(1).max(200),
  quantity: z.number().positive().default(1),
  partNumber: z.string().max(100).optional(),
});
export type UsedPart = z.infer<typeof UsedPart>;

/** A part listed on a resolve: a real quantity (bounded, exact); the part's unit may ask for whole numbers. */
export const UsedPartInput = UsedPart.extend({
  quantity: quantity({ sign: 'positive', max: MAX_QUANTITY_MOVED, what: 'a part used' }).default(1),
});

export const SnapshotPoint = z.object({
  ts: z.number().int().describe('start of the minute, epoch ms'),
  min: z.number(),
  max: z.number(),
  avg: z.number(),
  count: z.number().int(),
});

/** What an automatic ticket carries: the readings of the hour before the fault, and the rule that fired. */
export const TelemetrySnapshot = z.object({
  from: z.number().int(),
  to: z.number().int(),
  raisedAt: z.number().int(),
  value: z.union([z.number(), z.boolean(), z.string()]).nullable(),
  rule: z.record(z.string(), z.unknown()).describe('the rule as configured when the alarm was raised'),
  series: z.record(z.string(), z.array(SnapshotPoint)).describe('1-minute rollups per metric'),
});
export type TelemetrySnapshot = z.infer<typeof TelemetrySnapshot>;

export const TicketTransitionRecord = z.object({
  from: TicketStatus.nullable(),
  to: TicketStatus,
  at: z.number().int(),
  by: z.string(),
  note: z.string().nullable(),
});
export type TicketTransitionRecord = z.infer<typeof TicketTransitionRecord>;

/**
 * "PM overdue 12 days" on a repair ticket. Defined here rather than next to the other
 * maintenance views because shared/api/maintenance.ts imports this module: importing
 * back would be a cycle, and the schema would be undefined when TicketView is built.
 */
export const PmOverdueFlag = z.object({
  workOrderId: z.number().int(),
  planId: z.string(),
  overdueDays: z.number().int(),
  label: LocalizedText.describe('e.g. "PM overdue 12 days"'),
});
export type PmOverdueFlag = z.infer<typeof PmOverdueFlag>;

export const TicketView = z.object({
  id: z.number().int(),
  equipmentId: z.string(),
  source: TicketSource,
  fault: z.string().describe('alarm rule key for automatic tickets; the reported problem for manual ones'),
  kind: TicketKind.optional().describe('alarm, manual or predictive (absent: read it from source)'),
  category: ProblemCategory.nullable(),
  title: LocalizedText,
  severity: Severity,
  status: TicketStatus,
  note: z.string().nullable(),
  openedAt: z.number().int(),
  openedBy: z.string(),
  acknowledgedAt: z.number().int().nullable(),
  acknowledgedBy: z.string().nullable(),
  assignedTo: z.string().nullable(),
  assignedAt: z.number().int().nullable(),
  startedAt: z.number().int().nullable(),
  resolvedAt: z.number().int().nullable(),
  resolvedBy: z.string().nullable(),
  resolutionCode: z.string().nullable(),
  parts: z.array(UsedPart),
  resolutionNotes: z.string().nullable(),
  verifiedAt: z.number().int().nullable(),
  verifiedBy: z.string().nullable(),
  closedAt: z.number().int().nullable(),
  closedBy: z.string().nullable(),
  reopenCount: z.number().int(),
  repeat: z.boolean().describe('the fault came back within the repeat window after a verified repair'),
  previousTicketId: z.number().int().nullable(),
  alarmIds: z.array(z.number().int()),
  snapshot: TelemetrySnapshot.nullable(),
  resetsMeter: z
    .string()
    .nullable()
    .optional()
    .describe('the PM meter this repair restarts once it is verified (e.g. compressor_on_run_hours)'),
  pmOverdue: z
    .array(PmOverdueFlag)
    .optional()
    .describe("the equipment's preventive maintenance that is overdue, when the API knows it"),
  updatedAt: z.number().int(),
  outOfService: z
    .boolean()
    .optional()
    .describe('reported as unusable: the unit is out of service until the ticket is verified (absent: no)'),
  quote: TicketQuote.nullable()
    .optional()
    .describe('the latest repair quote on this ticket (ticket detail only)'),
  repairOrReplace: PrescriptiveResult.nullable()
    .optional()
    .describe("the unit's repair-or-replace recommendation with every figure (ticket detail, watched units)"),
});
export type TicketView = z.infer<typeof TicketView>;
export const TicketList = z.array(TicketView);

/**
 * What the edge announces on `galley/{storeId}/_edge/tickets/{ticketId}` once a change to a
 * repair ticket has committed (opened, a lifecycle step, a note, an alarm attached): which
 * ticket, its status after the change, and when. Not retained, QoS 1. A hint to refetch
 * (`GET /api/tickets/{id}` has the rest), so a redelivery or a merged burst is harmless.
 */
export const TicketChangeMessage = z.object({
  ticketId: z.number().int(),
  equipmentId: z.string(),
  status: TicketStatus.describe('the status after the change'),
  at: z.number().int().describe('epoch ms of the change'),
});
export type TicketChangeMessage = z.infer<typeof TicketChangeMessage>;

export const TicketsQuery = z.object({
  status: z.enum(['open', 'all']).default('open').describe('open: not yet verified or closed'),
  equipmentId: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type TicketsQuery = z.infer<typeof TicketsQuery>;

/** `POST /api/tickets`: a repair request reported by a person. */
export const ManualTicketRequest = z.object({
  equipmentId: EquipmentId,
  fault: z.string().trim().min(1).max(200),
  category: ProblemCategory.default('other'),
  note: z.string().max(2000).optional(),
  outOfService: z
    .boolean()
    .optional()
    .describe('the unit cannot be used until the repair is verified: menu items that need it may go off'),
});
export type ManualTicketRequest = z.infer<typeof ManualTicketRequest>;

export const TicketTransitionRequest = z.discriminatedUnion('to', [
  z.object({ to: z.literal('acknowledged'), note: z.string().max(2000).optional() }),
  z.object({
    to: z.literal('assigned'),
    assignee: z.string().min(1).max(100),
    note: z.string().max(2000).optional(),
  }),
  z.object({ to: z.literal('in_progress'), note: z.string().max(2000).optional() }),
  z.object({
    to: z.literal('resolved'),
    resolutionCode: z.string().min(1).max(64),
    parts: z.array(UsedPartInput).default([]),
    notes: z.string().max(4000).optional(),
    resetsMeter: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe('a PM meter of this equipment to restart when the repair is verified (part replaced)'),
  }),
  z.object({ to: z.literal('verified'), note: z.string().max(2000).optional() }),
  z.object({ to: z.literal('closed'), note: z.string().max(2000).optional() }),
  z.object({ to: z.literal('open'), note: z.string().max(2000).optional().describe('reopen') }),
]);
export type TicketTransitionRequest = z.infer<typeof TicketTransitionRequest>;

export const TicketMetricsQuery = z.object({
  equipmentId: z.string().optional(),
  type: z.string().optional().describe('equipment type'),
});
export type TicketMetricsQuery = z.infer<typeof TicketMetricsQuery>;

export const TicketMetrics = z.object({
  tickets: z.number().int(),
  firstResponseAvgS: z.number().nullable().describe('opened → first acknowledged by a person'),
  mttrAvgS: z.number().nullable().describe('opened → resolved'),
  mtbfAvgS: z.number().nullable().describe('between automatic tickets of the same equipment'),
  repeatRepairRate: z.number().nullable().describe('share of tickets marked as repeat repairs'),
  open: z.object({
    count: z.number().int(),
    oldestAgeS: z.number().nullable(),
    avgAgeS: z.number().nullable(),
  }),
});
export type TicketMetrics = z.infer<typeof TicketMetrics>;
