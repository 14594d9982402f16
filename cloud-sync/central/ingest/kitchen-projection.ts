import { sql, type Transaction } from 'kysely';
import {
  KdsBumpedPayload,
  KdsRecalledPayload,
  OrderAppliedPayload,
} from '../../../shared/central/kitchen-events';
import type { SyncEvent } from '../../../shared/sync/sync-protocol';
import { inPieces } from '../db/rows-per-statement';
import type { CentralTables } from '../db/schema';
import { keepLatest, type Versioned } from './latest-by-seq';
import { invalid, type ProjectionOutcome } from './projection-outcome';

type Trx = Transaction<CentralTables>;

type TicketChange = { bumped: KdsBumpedPayload } | { recalled: KdsRecalledPayload };

const PROJECTED = new Set(['kds.bumped', 'kds.recalled', 'order.applied']);
const Bumped = KdsBumpedPayload.transform((bumped): TicketChange => ({ bumped }));
const Recalled = KdsRecalledPayload.transform((recalled): TicketChange => ({ recalled }));

/**
 * The kitchen's part of a ProjectionPlan: each ticket's newest bump (or recall) and each
 * order's newest version. Bump and recall of a ticket share one row and one seq, so the
 * later of the two wins whichever order they arrive in: a recall synced after the rebump
 * that followed it changes nothing.
 */
export class KitchenProjection {
  readonly #tickets = new Map<string, Versioned<TicketChange>>();
  readonly #orders = new Map<string, Versioned<OrderAppliedPayload>>();

  static projects(type: string): boolean {
    return PROJECTED.has(type);
  }

  add(storeId: string, event: SyncEvent): ProjectionOutcome {
    if (event.type === 'order.applied') {
      const parsed = OrderAppliedPayload.safeParse(event.payload);
      if (!parsed.success) return invalid(parsed.error);
      const { source, externalId } = parsed.data;
      keepLatest(this.#orders, `${storeId}\u0000${source}:${externalId}`, {
        storeId,
        seq: event.seq,
        value: parsed.data,
      });
      return { kind: 'projected' };
    }
    const parsed = (event.type === 'kds.bumped' ? Bumped : Recalled).safeParse(event.payload);
    if (!parsed.success) return invalid(parsed.error);
    const ticketId = 'bumped' in parsed.data ? parsed.data.bumped.ticketId : parsed.data.recalled.ticketId;
    keepLatest(this.#tickets, `${storeId}\u0000${ticketId}`, { storeId, seq: event.seq, value: parsed.data });
    return { kind: 'projected' };
  }

  async apply(trx: Trx): Promise<void> {
    const bumps: Versioned<KdsBumpedPayload>[] = [];
    const recalls: Versioned<KdsRecalledPayload>[] = [];
    for (const { storeId, seq, value } of this.#tickets.values()) {
      if ('bumped' in value) bumps.push({ storeId, seq, value: value.bumped });
      else recalls.push({ storeId, seq, value: value.recalled });
    }
    await inPieces(bumps, (rows) => upsertBumps(trx, rows));
    await inPieces(recalls, (rows) => upsertRecalls(trx, rows));
    await inPieces([...this.#orders.values()], (rows) => upsertOrders(trx, rows));
  }
}

async function upsertBumps(trx: Trx, rows: Versioned<KdsBumpedPayload>[]): Promise<void> {
  const values = rows.map(
    ({ storeId, seq, value: b }) =>
      sql`(${storeId}, ${b.ticketId}, ${b.station}, ${b.kind}, ${b.channel ?? null}, ${b.businessDate},
        ${b.createdAt}, ${b.bumpedAt}, ${b.ticketTimeS}, ${seq})`,
  );
  await sql`
    insert into kitchen_ticket_times
      (store_id, ticket_id, station, kind, channel, business_date, created_at, bumped_at, ticket_time_s, last_seq)
    values ${sql.join(values)}
    on conflict (store_id, ticket_id) do update set
      station = excluded.station, kind = excluded.kind, channel = excluded.channel,
      business_date = excluded.business_date, created_at = excluded.created_at,
      bumped_at = excluded.bumped_at, ticket_time_s = excluded.ticket_time_s, last_seq = excluded.last_seq
    where kitchen_ticket_times.last_seq < excluded.last_seq`.execute(trx);
}

/** A recall keeps what the bump said of the ticket (kind, channel) but takes its time away. */
async function upsertRecalls(trx: Trx, rows: Versioned<KdsRecalledPayload>[]): Promise<void> {
  const values = rows.map(
    ({ storeId, seq, value: r }) => sql`(${storeId}, ${r.ticketId}, ${r.station}, ${r.businessDate}, ${seq})`,
  );
  await sql`
    insert into kitchen_ticket_times (store_id, ticket_id, station, business_date, last_seq)
    values ${sql.join(values)}
    on conflict (store_id, ticket_id) do update set
      station = excluded.station, business_date = excluded.business_date,
      bumped_at = null, ticket_time_s = null, last_seq = excluded.last_seq
    where kitchen_ticket_times.last_seq < excluded.last_seq`.execute(trx);
}

async function upsertOrders(trx: Trx, rows: Versioned<OrderAppliedPayload>[]): Promise<void> {
  const values = rows.map(
    ({ storeId, seq, value: o }) =>
      sql`(${storeId}, ${`${o.source}:${o.externalId}`}, ${o.status}, ${o.channel}, ${o.businessDate},
        ${o.placedAt}, ${o.portions}, ${seq})`,
  );
  await sql`
    insert into store_orders
      (store_id, order_key, status, channel, business_date, placed_at, portions, last_seq)
    values ${sql.join(values)}
    on conflict (store_id, order_key) do update set
      status = excluded.status, channel = excluded.channel, business_date = excluded.business_date,
      placed_at = excluded.placed_at, portions = excluded.portions, last_seq = excluded.last_seq
    where store_orders.last_seq < excluded.last_seq`.execute(trx);
}
