import type { TicketTransitionRequest, TicketView } from '../../../shared/api/tickets';
import type { TicketRepairSpend, TicketTransitionPayload } from '../../../shared/sync/ticket-repair-spend';
import type { OutboxWriter } from '../../sync/outbox-writer';
import { checkTransition, type TicketActor, TicketError } from './ticket-lifecycle';
import type { TicketStore, TicketUpdate } from './ticket-store';

/** Steps after which the ticket is a finished repair whose spend central counts. */
const REPAIRED: readonly string[] = ['resolved', 'verified', 'closed'];

/**
 * One lifecycle step, inside the caller's transaction: checks it is allowed, sets the
 * step's columns (the first human step also counts as the first response), records
 * who and when, lets `hooks.committing` write its part of the step (parts used → stock),
 * and appends the outbox event last, so a repaired ticket's spend counts those parts.
 */
export function applyTransition(
  store: TicketStore,
  outbox: OutboxWriter,
  step: { id: number; request: TicketTransitionRequest; actor: TicketActor; now: number },
  hooks: {
    committing?: (ticket: TicketView) => void;
    /** What the job cost, asked only once the step leaves the ticket repaired. */
    repairSpend?: (ticket: TicketView) => TicketRepairSpend;
  } = {},
): TicketView {
  const { id, request, actor, now } = step;
  const ticket = store.get(id);
  if (!ticket) throw new TicketError('TICKET_NOT_FOUND', `no ticket ${id}`);
  checkTransition(ticket.status, request.to, actor);
  const firstResponse: TicketUpdate =
    ticket.acknowledgedAt === null && actor.role !== 'system'
      ? { acknowledged_at: now, acknowledged_by: actor.id }
      : {};
  let changes: TicketUpdate;
  let note = 'note' in request ? request.note : undefined;
  switch (request.to) {
    case 'acknowledged':
    case 'closed':
      changes =
        request.to === 'closed' ? { ...firstResponse, closed_at: now, closed_by: actor.id } : firstResponse;
      break;
    case 'assigned':
      changes = { ...firstResponse, assigned_to: request.assignee, assigned_at: now };
      note = note ?? `assigned to ${request.assignee}`;
      break;
    case 'in_progress':
      changes = { ...firstResponse, started_at: ticket.startedAt ?? now };
      break;
    case 'resolved':
      changes = {
        resolved_at: now,
        resolved_by: actor.id,
        resolution_code: request.resolutionCode,
        parts_json: JSON.stringify(request.parts),
        resolution_notes: request.notes ?? null,
        resets_meter: request.resetsMeter ?? null,
      };
      note = request.notes;
      break;
    case 'verified':
      changes = { verified_at: now, verified_by: actor.id };
      break;
    case 'open':
      // The repair did not hold: what it would have restarted waits for the next resolution.
      changes = {
        reopen_count: ticket.reopenCount + 1,
        resolved_at: null,
        resolved_by: null,
        resets_meter: null,
      };
      break;
  }
  store.update(id, request.to, changes, now);
  store.logTransition(id, ticket.status, request.to, now, actor.id, note);
  const updated = store.get(id)!;
  hooks.committing?.(updated);
  const transition = { from: ticket.status, to: request.to, at: now, by: actor.id, note: note ?? null };
  const repaired = REPAIRED.includes(updated.status) && updated.resolvedAt !== null;
  const payload: TicketTransitionPayload = {
    ticket: updated,
    transition,
    ...(repaired && hooks.repairSpend ? hooks.repairSpend(updated) : {}),
  };
  outbox.append({ type: 'ticket.transition', entityId: id, ts: now, payload });
  return updated;
}
