import { TicketView } from '../../../shared/api/tickets';
import type { Logger } from '../../../shared/server/runtime/logger';
import { TicketTransitionPayload } from '../../../shared/sync/ticket-repair-spend';
import type { CentralDb } from '../db/central-db';

/** What central reads of a `ticket.transition` for the spend: the ticket's id and the spend, if sent. */
const SpendOfTransition = TicketTransitionPayload.pick({ repairSpend: true, currency: true }).extend({
  ticket: TicketView.pick({ id: true }),
});

export interface TicketSpend {
  storeId: string;
  ticketId: number;
  /** exact decimal text in `currency` */
  amount: string;
  currency: string;
}

/**
 * The latest repair spend each ticket's synced steps carried in [from, to): a quote revised
 * after the resolve (verified, closed) replaces the earlier figure. Steps without a spend
 * (not a finished repair, or a box that predates it) are skipped.
 */
export async function repairSpendsFor(
  db: CentralDb,
  storeIds: readonly string[],
  from: number,
  to: number,
  log: Logger,
): Promise<TicketSpend[]> {
  if (storeIds.length === 0) return [];
  const rows = await db
    .selectFrom('sync_events')
    .select(['store_id', 'seq', 'payload'])
    .where('store_id', 'in', [...storeIds])
    .where('kind', '=', 'ticket')
    .where('type', '=', 'ticket.transition')
    .where('ts', '>=', from)
    .where('ts', '<', to)
    .orderBy('seq')
    .execute();
  const latest = new Map<string, TicketSpend>();
  for (const r of rows) {
    const parsed = SpendOfTransition.safeParse(JSON.parse(r.payload));
    if (!parsed.success) {
      log.warn({ storeId: r.store_id, seq: r.seq }, 'ticket.transition does not fit; spend left out');
      continue;
    }
    const { ticket, repairSpend, currency } = parsed.data;
    if (repairSpend === undefined || currency === undefined) continue;
    latest.set(`${r.store_id}\u0000${ticket.id}`, {
      storeId: r.store_id,
      ticketId: ticket.id,
      amount: repairSpend,
      currency,
    });
  }
  return [...latest.values()];
}
