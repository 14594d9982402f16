import type { TicketStatus, TicketTransitionRequest } from '../../../shared/api/tickets';
import type { Role } from '../../../shared/roles';

/** Lifecycle steps offered as buttons; assigning a technician has its own picker (ticket-assignment.ts). */
export type TicketStep = Exclude<TicketTransitionRequest['to'], 'assigned'>;

/**
 * What each role may do to a ticket on the display: staff acknowledge, technicians
 * work it, managers also verify, close and reopen. The edge checks again.
 */
const STEPS_BY_ROLE: Record<Role, readonly TicketStep[]> = {
  staff: ['acknowledged'],
  technician: ['acknowledged', 'in_progress', 'resolved'],
  manager: ['acknowledged', 'in_progress', 'resolved', 'verified', 'closed', 'open'],
  admin: ['acknowledged', 'in_progress', 'resolved', 'verified', 'closed', 'open'],
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
 * offered and the PIN asked for decides; once someone is, only what their role may do.
 */
export function offeredSteps(status: TicketStatus, role: Role | undefined): TicketStep[] {
  return NEXT[status].filter((to) => !role || STEPS_BY_ROLE[role].includes(to));
}
