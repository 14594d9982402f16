import { sql, type Transaction } from 'kysely';
import { DowntimeCostPayload } from '../../../shared/central/downtime-events';
import type { SyncEvent } from '../../../shared/sync/sync-protocol';
import { inPieces } from '../db/rows-per-statement';
import type { CentralTables } from '../db/schema';
import { keepLatest, type Versioned } from './latest-by-seq';
import { invalid, type ProjectionOutcome } from './projection-outcome';
import { toMilli } from './stock-projection';

type Trx = Transaction<CentralTables>;

/** One unit's part of an episode, as `downtime_costs.shares` keeps it. */
export interface CostShareRow {
  equipmentId: string;
  ticketId: number | null;
  alarmId: number | null;
  portionsMilli: number;
  amountMilli: number;
}

/**
 * Equipment downtime as the store priced it: each `downtime.cost` is one closed episode,
 * kept once per store and episode id. The newest seq wins, so the same event delivered
 * again changes nothing and an older version arriving late never replaces a newer one.
 * Central does not price anything itself: the store knows its sales by hour and its menu.
 */
export class DowntimeCostProjection {
  readonly #episodes = new Map<string, Versioned<DowntimeCostPayload>>();

  static projects(type: string): boolean {
    return type === 'downtime.cost';
  }

  add(storeId: string, event: SyncEvent): ProjectionOutcome {
    const parsed = DowntimeCostPayload.safeParse(event.payload);
    if (!parsed.success) return invalid(parsed.error);
    keepLatest(this.#episodes, `${storeId}\u0000${parsed.data.id}`, {
      storeId,
      seq: event.seq,
      value: parsed.data,
    });
    return { kind: 'projected' };
  }

  async apply(trx: Trx): Promise<void> {
    await inPieces([...this.#episodes.values()], (rows) => upsertCosts(trx, rows));
  }
}

async function upsertCosts(trx: Trx, rows: Versioned<DowntimeCostPayload>[]): Promise<void> {
  const values = rows.map(({ storeId, seq, value: e }) => {
    const shares: CostShareRow[] = e.shares.map((s) => ({
      equipmentId: s.equipmentId,
      ticketId: s.ticketId,
      alarmId: s.alarmId,
      portionsMilli: toMilli(s.portionsLost),
      amountMilli: toMilli(s.amount.amount),
    }));
    return sql`(${storeId}, ${e.id}, ${e.item}, ${e.startedAt}, ${e.endedAt}, ${e.amount.currency},
      ${e.priced ? 1 : 0}, ${toMilli(e.portionsLost)}, ${toMilli(e.amount.amount)},
      ${JSON.stringify(e.rateBasis)}, ${JSON.stringify(shares)}, ${seq})`;
  });
  await sql`
    insert into downtime_costs
      (store_id, episode_id, item, started_at, ended_at, currency, priced, portions_milli, amount_milli,
       rate_basis, shares, last_seq)
    values ${sql.join(values)}
    on conflict (store_id, episode_id) do update set
      item = excluded.item, started_at = excluded.started_at, ended_at = excluded.ended_at,
      currency = excluded.currency, priced = excluded.priced, portions_milli = excluded.portions_milli,
      amount_milli = excluded.amount_milli, rate_basis = excluded.rate_basis, shares = excluded.shares,
      last_seq = excluded.last_seq
    where downtime_costs.last_seq < excluded.last_seq`.execute(trx);
}
