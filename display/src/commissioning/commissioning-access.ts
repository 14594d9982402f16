import { personMay } from '../auth/permissions';
import type { PersonSession } from '../auth/person-session';

/**
 * Who may see the commissioning screen (the box asks `diagnostics.read` of the checklist
 * and the handover report: technicians, managers, admins): nobody logged in yet (the
 * screen asks for a PIN), someone who may, or someone who may not (told so).
 */
export type CommissioningAccess =
  | { kind: 'signedOut' }
  | { kind: 'refused'; name: string }
  | { kind: 'allowed'; token: string };

export function commissioningAccess(person: PersonSession | undefined): CommissioningAccess {
  if (!person) return { kind: 'signedOut' };
  if (!personMay(person, 'diagnostics.read')) return { kind: 'refused', name: person.name };
  return { kind: 'allowed', token: person.token };
}

/**
 * The top bar offers the screen to those who may read it, as the predictive screen: the
 * installer signs in with a PIN first. A cook's board never carries it (the bar must fit one
 * row on the wall screen).
 */
export function commissioningInNav(person: PersonSession | undefined): boolean {
  return commissioningAccess(person).kind === 'allowed';
}
