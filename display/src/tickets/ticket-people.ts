import type { TFunction } from 'i18next';
import type { StoreInfo } from '../../../shared/api/store';
import type { TicketView } from '../../../shared/api/tickets';

/** The edge's own actor for what it does by itself (opening on an alarm, closing after verification). */
const SYSTEM_ACTOR = 'system';

/** Who did it, as the kitchen knows them: a name from the store's people, the system in words, else the id. */
export function actorName(by: string, users: StoreInfo['users'], t: TFunction): string {
  if (by === SYSTEM_ACTOR) return t('tickets.system');
  return users.find((u) => u.id === by)?.name ?? by;
}

const FINISHED = new Set<TicketView['status']>(['resolved', 'verified', 'closed']);

/**
 * How long the ticket has been (or was) open: a finished repair stops the count at the
 * moment it was resolved, so "open 3 d" never grows on a fixed machine.
 */
export function ticketAge(ticket: TicketView, now: number): { ms: number; finished: boolean } {
  const end = FINISHED.has(ticket.status) ? (ticket.resolvedAt ?? ticket.closedAt ?? now) : now;
  return { ms: Math.max(0, end - ticket.openedAt), finished: FINISHED.has(ticket.status) };
}
