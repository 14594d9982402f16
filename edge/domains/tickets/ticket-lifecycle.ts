import type { TicketStatus } from '../../../shared/api/tickets';
import type { Permission } from '../../../shared/permissions';
import { peopleRolesWith, roleNamesMayDo } from '../../../shared/permissions-table';
import type { Role } from '../../../shared/roles';

export type TicketErrorCode =
  | 'TICKET_NOT_FOUND'
  | 'TICKET_ILLEGAL_TRANSITION'
  | 'TICKET_FORBIDDEN'
  | 'TICKET_UNKNOWN_EQUIPMENT'
  | 'TICKET_UNKNOWN_METER';

export class TicketError extends Error {
  constructor(
    readonly code: TicketErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TicketError';
  }
}

/** Who does something to a ticket: a signed-in person, or the edge itself (`system`). */
export interface TicketActor {
  id: string;
  role: Role | 'system';
}

export const SYSTEM_ACTOR: TicketActor = { id: 'system', role: 'system' };

/**
 * open → acknowledged → assigned → in_progress → resolved → verified → closed,
 * with the shortcuts real kitchens take (assign without a separate ack, reassign,
 * send a resolved ticket back to work, reopen) and closing by hand from anywhere.
 */
const NEXT: Record<TicketStatus, readonly TicketStatus[]> = {
  open: ['acknowledged', 'assigned', 'closed'],
  acknowledged: ['assigned', 'in_progress', 'closed'],
  assigned: ['assigned', 'in_progress', 'closed'],
  in_progress: ['assigned', 'resolved', 'closed'],
  resolved: ['verified', 'in_progress', 'open', 'closed'],
  verified: ['closed'],
  closed: [],
};

/**
 * The permission each step needs beyond moving a ticket at all (shared/permissions-table.ts
 * says who holds it); the edge itself (`system`) verifies, closes and reopens by its rules.
 */
export const STEP_PERMISSION: Partial<Record<TicketStatus, Permission>> = {
  in_progress: 'tickets.work',
  resolved: 'tickets.work',
  verified: 'tickets.verify',
  closed: 'tickets.verify',
  open: 'tickets.verify',
};
const SYSTEM_MAY: readonly TicketStatus[] = ['verified', 'closed', 'open'];

export function checkTransition(from: TicketStatus, to: TicketStatus, actor: TicketActor): void {
  if (!NEXT[from].includes(to)) {
    const allowed = NEXT[from].length ? NEXT[from].join(', ') : 'nothing (closed is final)';
    throw new TicketError(
      'TICKET_ILLEGAL_TRANSITION',
      `a ${from} ticket cannot become ${to}; allowed: ${allowed}`,
    );
  }
  const permission = STEP_PERMISSION[to];
  const may =
    actor.role === 'system'
      ? SYSTEM_MAY.includes(to)
      : !permission || roleNamesMayDo([actor.role], permission);
  if (permission && !may) {
    const who = [...peopleRolesWith(permission), ...(SYSTEM_MAY.includes(to) ? ['system'] : [])];
    throw new TicketError(
      'TICKET_FORBIDDEN',
      `${actor.role} may not set a ticket to ${to}; ${who.join(', ')} may`,
    );
  }
}
