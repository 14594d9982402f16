import type { SlaClock, SlaState, TicketSla } from '../../../shared/api/technicians';
import type { TicketStatus, TicketTransitionRecord, TicketView } from '../../../shared/api/tickets';
import type { Technician } from '../../../shared/config/technicians';

const HOUR_MS = 3_600_000;

/** The technician a ticket is assigned to: by technician id or by their store user id. */
export function technicianOf(
  technicians: readonly Technician[],
  assignee: string | null,
): Technician | undefined {
  if (assignee === null) return undefined;
  return technicians.find((t) => t.id === assignee || t.userId === assignee);
}

/**
 * Both clocks start at the current assignment (a reassignment restarts them for the
 * new technician); each stops at the first recorded step to its target after that.
 */
export function computeTicketSla(
  ticket: Pick<TicketView, 'id' | 'severity' | 'assignedTo' | 'assignedAt'>,
  history: readonly Pick<TicketTransitionRecord, 'to' | 'at'>[],
  technicians: readonly Technician[],
  now: number,
): TicketSla {
  const technician = technicianOf(technicians, ticket.assignedTo);
  const deadlines = technician?.sla?.[ticket.severity];
  const base = {
    ticketId: ticket.id,
    severity: ticket.severity,
    technicianId: technician?.id ?? null,
    assignedAt: ticket.assignedAt,
  };
  if (!deadlines || ticket.assignedAt === null) return { ...base, response: null, repair: null, state: null };
  const since = ticket.assignedAt;
  const firstAfter = (to: TicketStatus) => history.find((h) => h.to === to && h.at >= since)?.at ?? null;
  const response = clock(since + deadlines.respondWithinH * HOUR_MS, firstAfter('in_progress'), now);
  const repair = clock(since + deadlines.repairWithinH * HOUR_MS, firstAfter('resolved'), now);
  return { ...base, response, repair, state: overall(response.state, repair.state) };
}

function clock(dueAt: number, doneAt: number | null, now: number): SlaClock {
  const dueMs = Math.round(dueAt);
  let state: SlaState;
  if (doneAt !== null) state = doneAt <= dueMs ? 'met' : 'breached';
  else state = now > dueMs ? 'breached' : 'pending';
  return { dueAt: dueMs, doneAt, state };
}

function overall(a: SlaState, b: SlaState): SlaState {
  if (a === 'breached' || b === 'breached') return 'breached';
  return a === 'met' && b === 'met' ? 'met' : 'pending';
}
