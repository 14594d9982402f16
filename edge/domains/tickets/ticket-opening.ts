import type { TicketView } from '../../../shared/api/tickets';
import type { TicketContext } from './ticket-context';
import type { TicketRow } from './ticket-store';

const DAY_MS = 86_400_000;

/**
 * A fault that returns within the repeat-repair window after its last verified fix makes
 * the new ticket a repeat repair, linked to that fix.
 */
export function repeatRepairOf(
  ctx: TicketContext,
  fault: { equipmentId: string; fault: string },
  now: number,
): { repeat: boolean; previousTicketId: number | null } {
  const previous = ctx.store.lastVerified(fault.equipmentId, fault.fault);
  const windowMs = ctx.config().alarms.repeatRepairWindowDays * DAY_MS;
  const repeat = previous?.verifiedAt != null && now - previous.verifiedAt <= windowMs;
  return { repeat, previousTicketId: repeat && previous ? previous.id : null };
}

/**
 * Inside the transaction that inserted the row: records the opening step, tells central and
 * holds the announcement. The row as its insert returned it: logging the step and attaching
 * alarms leave it as it is.
 */
export function recordOpened(ctx: TicketContext, row: TicketRow, at: number, by: string): TicketView {
  ctx.store.logTransition(row.id, null, 'open', at, by);
  const ticket = ctx.store.view(row);
  ctx.outbox.append({ type: 'ticket.opened', entityId: row.id, ts: at, payload: ticket });
  ctx.announcements.record(ticket, at);
  ctx.stats.opened++;
  return ticket;
}
