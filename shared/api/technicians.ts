import { z } from 'zod';
import { Severity } from '../config/rules';
import { SlaDeadlines, TechnicianSla } from '../config/technicians';

export const TechnicianView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['in_house', 'contractor']),
  company: z.string().nullable(),
  userId: z.string().nullable(),
  skills: z.record(z.string(), z.number().int()),
  coversThisStore: z.boolean(),
  openAssigned: z.number().int().describe('tickets assigned to them and not yet resolved'),
  sla: TechnicianSla.nullable(),
});
export type TechnicianView = z.infer<typeof TechnicianView>;
export const TechnicianList = z.array(TechnicianView);

export const AssignmentSuggestion = z.object({
  rank: z.number().int().positive(),
  technicianId: z.string(),
  name: z.string(),
  kind: z.enum(['in_house', 'contractor']),
  assignee: z.string().describe('what to send as `assignee` in the assigned transition'),
  skillLevel: z.number().int().describe("for the ticket's equipment type, 1–3"),
  openAssigned: z.number().int().describe('current load: tickets assigned to them and not yet resolved'),
  sla: SlaDeadlines.nullable().describe("their deadlines for the ticket's severity, if they have an SLA"),
});
export type AssignmentSuggestion = z.infer<typeof AssignmentSuggestion>;

export const AssignmentSuggestions = z.object({
  ticketId: z.number().int(),
  equipmentId: z.string(),
  equipmentType: z.string(),
  suggestions: z
    .array(AssignmentSuggestion)
    .describe('by skill level (highest first), then load (lowest first)'),
});
export type AssignmentSuggestions = z.infer<typeof AssignmentSuggestions>;

export const SlaState = z.enum(['pending', 'met', 'breached']);
export type SlaState = z.infer<typeof SlaState>;

export const SlaClock = z.object({
  dueAt: z.number().int(),
  doneAt: z.number().int().nullable(),
  state: SlaState,
});
export type SlaClock = z.infer<typeof SlaClock>;

/** The SLA of the technician a ticket is assigned to, tracked from the ticket's recorded transitions. */
export const TicketSla = z.object({
  ticketId: z.number().int(),
  severity: Severity,
  technicianId: z.string().nullable(),
  assignedAt: z.number().int().nullable(),
  response: SlaClock.nullable().describe('assigned → in_progress'),
  repair: SlaClock.nullable().describe('assigned → resolved'),
  state: SlaState.nullable().describe('breached if either clock is; met once both are; null without an SLA'),
});
export type TicketSla = z.infer<typeof TicketSla>;
