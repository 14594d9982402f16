import type { TicketStatus } from '../../../shared/api/tickets';
import type { Role, SessionRole } from '../../../shared/roles';
import { userMay } from '../auth/permissions';

/** A signed-in person as the session describes them: a role, and any roles the store config adds. */
interface Holder {
  role: Role;
  roles?: readonly SessionRole[] | undefined;
}

/** Any one role held is enough, as on the edge. */
function holdsAny(person: Holder, allowed: readonly Role[]): boolean {
  return [person.role, ...(person.roles ?? [])].some((held) => allowed.some((role) => role === held));
}

/**
 * Who hands a repair to a technician on the display: the store's managers. The edge lets
 * anyone who moves tickets assign (no permission of its own yet), so this stays a role list.
 */
const ASSIGNERS: readonly Role[] = ['manager', 'admin'];
/** Until the repair is done it may be given (or given again) to someone. */
const ASSIGNABLE: readonly TicketStatus[] = ['open', 'acknowledged', 'assigned', 'in_progress'];

/** With nobody logged in the PIN asked for decides, as for every other step. */
export function mayAssign(status: TicketStatus, role: Role | undefined): boolean {
  return ASSIGNABLE.includes(status) && (!role || ASSIGNERS.includes(role));
}

export function isAssigner(person: Holder): boolean {
  return holdsAny(person, ASSIGNERS);
}

/** Who may resolve and so record the parts a repair used: whoever holds `tickets.work`. */
export function isResolver(person: Holder): boolean {
  return userMay(person, 'tickets.work');
}
