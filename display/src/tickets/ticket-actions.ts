import type { TicketStatus, TicketTransitionRequest } from '../../../shared/api/tickets';
import type { Permission } from '../../../shared/permissions';
import { mayDo } from '../../../shared/permissions-table';
import type { Role } from '../../../shared/roles';

/** Lifecycle steps offered as buttons; assigning a technician has its own picker (ticket-assignment.ts). */
export type TicketStep = Exclude<TicketTransitionRequest['to'], 'assigned'>;

/**
 * The permission each button needs (shared/permissions-table.ts): anyone who moves tickets
 * acknowledges, technicians work them, managers also verify, close and reopen. The edge
 * checks the same table again.
 */
const STEP_PERMISSION: Record<TicketStep, Permission> = {
  acknowledged: 'tickets.transition',
  in_progress: 'tickets.work',
  resolved: 'tickets.work',
  verified: 'tickets.verify',
  closed: 'tickets.verify',
  open: 'tickets.verify',
};

/**
 * The lifecycle: the steps that may follow each status. Work starts on an acknowledged
 * or assigned ticket: the edge refuses open → in progress, so it is never offered.
 */
const NEXT: Record<TicketStatus, readonly TicketStep[]> = {
  open: ['acknowledged'],
  acknowledged: ['in_progress'],
  assigned: ['in_progress'],
  in_progress: ['resolved'],
  resolved: ['verified', 'open'],
  verified: ['closed'],
  closed: [],
};

/**
 * The buttons to show for a ticket. With nobody logged in every next step is
 * offered and the PIN asked for decides; once someone is, only what they may do.
 */
export function offeredSteps(status: TicketStatus, role: Role | undefined): TicketStep[] {
  return NEXT[status].filter((to) => !role || mayDo([role], STEP_PERMISSION[to]));
}
