import { z } from 'zod';
import { StoreId } from '../ids';
import { ApprovalCommand } from '../purchasing/approval-events';
import { EdgeUpdateCommand } from './edge-releases';
import { StoreCloseCommand } from './store-archive-api';

/**
 * Regional actions: what a regional manager or technician does on the regional page to an
 * alarm or ticket of a store. Central records each one with who and when, answers at once,
 * and queues it as a store command; the edge polls the queue with its store token, applies
 * each command through its own rules (the ticket state machine decides, not central) and
 * reports the outcome. The resulting change reaches central again as ordinary outbox events
 * (alarm.acked, ticket.transition, ticket.note), so the projections stay the edge's truth.
 */
export const STORE_COMMAND_ROUTES = {
  /** POST AckAlarmRequest → StoreCommandView (202). */
  ackAlarm: '/api/stores/:storeId/alarms/:alarmId/ack',
  /** POST AssignTicketRequest → StoreCommandView (202). */
  assignTicket: '/api/stores/:storeId/tickets/:ticketId/assign',
  /** POST CommentTicketRequest → StoreCommandView (202). */
  commentTicket: '/api/stores/:storeId/tickets/:ticketId/comments',
  /** POST CloseTicketRequest → StoreCommandView (202). */
  closeTicket: '/api/stores/:storeId/tickets/:ticketId/close',
  /** GET → StoreCommandList: the store's commands, newest first, with their outcomes. */
  storeCommands: '/api/stores/:storeId/commands',
  /** Edge, store token: GET `?after=<id>` → PendingStoreCommands. */
  poll: '/api/sync/commands',
  /** Edge, store token: POST StoreCommandReport → StoreCommandView. */
  report: '/api/sync/commands/report',
} as const;

const note = z.string().trim().min(1).max(2000);

export const AckAlarmRequest = z.object({ note: note.optional() });
export const AssignTicketRequest = z.object({
  assignee: z.string().trim().min(1).max(100).describe('technician id or name, as the store knows them'),
  note: note.optional(),
});
export const CommentTicketRequest = z.object({ note });
export const CloseTicketRequest = z.object({
  note: note.optional().describe('why it is closed from the region'),
});

export const AlarmTarget = z.object({ storeId: StoreId, alarmId: z.coerce.number().int().positive() });
export const TicketTarget = z.object({ storeId: StoreId, ticketId: z.coerce.number().int().positive() });

/** What the edge is asked to do; `by` is the central user, kept in the store's history. */
export const StoreCommandAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('alarm.ack'), alarmId: z.number().int(), note: z.string().nullable() }),
  z.object({
    kind: z.literal('ticket.assign'),
    ticketId: z.number().int(),
    assignee: z.string(),
    note: z.string().nullable(),
  }),
  z.object({ kind: z.literal('ticket.comment'), ticketId: z.number().int(), note: z.string() }),
  z.object({ kind: z.literal('ticket.close'), ticketId: z.number().int(), note: z.string().nullable() }),
  // A central decision on a purchase request's approval step (shared/purchasing/approval-events.ts).
  ApprovalCommand,
  // Update the box's software to a release of a rollout (shared/central/edge-releases.ts).
  EdgeUpdateCommand,
  // Run the box's closing: final sync, revoke, archive, closed (shared/central/store-archive-api.ts).
  StoreCloseCommand,
]);
export type StoreCommandAction = z.infer<typeof StoreCommandAction>;

export const StoreCommandStatus = z.enum(['pending', 'delivered', 'applied', 'rejected']);
export type StoreCommandStatus = z.infer<typeof StoreCommandStatus>;

export const StoreCommandView = z.object({
  id: z.number().int().describe("central's id: the edge polls with `after` the highest it applied"),
  storeId: StoreId,
  action: StoreCommandAction,
  issuedBy: z.string().describe('central user name'),
  issuedAt: z.number().int(),
  status: StoreCommandStatus.describe('pending until the edge fetched it; then what the edge reported'),
  deliveredAt: z.number().int().nullable(),
  reportedAt: z.number().int().nullable().describe("the edge's time of applying or refusing it"),
  reason: z.string().nullable().describe('why the edge refused it (e.g. the ticket was already closed)'),
});
export type StoreCommandView = z.infer<typeof StoreCommandView>;
export const StoreCommandList = z.array(StoreCommandView);

export const StoreCommandsPollQuery = z.object({
  after: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(0)
    .describe('the highest command id the edge has handled'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const PendingStoreCommands = z.object({
  commands: StoreCommandList.describe('oldest first; apply in this order'),
});
export type PendingStoreCommands = z.infer<typeof PendingStoreCommands>;

export const StoreCommandReport = z
  .object({
    id: z.number().int().positive(),
    outcome: z.enum(['applied', 'rejected']),
    reason: z.string().trim().max(500).optional().describe('why the edge refused it: required when rejected'),
    at: z.number().int().describe("edge's epoch ms"),
  })
  .refine((r) => r.outcome === 'applied' || (r.reason ?? '') !== '', {
    message: 'a refusal says why',
    path: ['reason'],
  });
export type StoreCommandReport = z.infer<typeof StoreCommandReport>;

/**
 * Why central refuses a regional action on a store's alarm or ticket: a stable code sent
 * beside the English message (`ApiError.refusal`), so the regional page words it in its
 * language. Parameters by code: store_not_in_scope {store}; alarm_not_synced {store, alarm};
 * alarm_already_acknowledged {alarm, by}; ticket_not_synced {store, ticket};
 * ticket_finished {ticket, status}; command_not_found {store, command}.
 */
export const StoreCommandRefusalCode = z.enum([
  'store_command.store_not_in_scope',
  'store_command.alarm_not_synced',
  'store_command.alarm_already_acknowledged',
  'store_command.ticket_not_synced',
  'store_command.ticket_finished',
  'store_command.command_not_found',
]);
export type StoreCommandRefusalCode = z.infer<typeof StoreCommandRefusalCode>;
