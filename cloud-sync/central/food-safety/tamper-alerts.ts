import type { TamperAlert } from '../../../shared/central/food-safety-api';
import type { StoreScope } from '../auth/caller';
import type { CentralDb } from '../db/central-db';
import { inScope } from '../db/scope-filter';

const num = (value: number | string | null): number | null => (value === null ? null : Number(value));

/**
 * Every tamper alert of the stores in scope, newest first, with both heads. When central
 * received each head comes from the synced events themselves; an alert is as new as the
 * later of its two heads' arrivals, which is when central could first have seen it.
 */
export async function tamperAlerts(db: CentralDb, scope: StoreScope): Promise<TamperAlert[]> {
  const rows = await db
    .selectFrom('food_safety_tamper_alerts as t')
    .innerJoin('stores', 'stores.id', 't.store_id')
    .innerJoin('regions', 'regions.id', 'stores.region_id')
    .leftJoin('sync_events as earlier', (join) =>
      join.onRef('earlier.store_id', '=', 't.store_id').onRef('earlier.seq', '=', 't.earlier_event_seq'),
    )
    .leftJoin('sync_events as later', (join) =>
      join.onRef('later.store_id', '=', 't.store_id').onRef('later.seq', '=', 't.later_event_seq'),
    )
    .where((eb) => inScope(eb, scope))
    .select([
      't.store_id',
      'stores.name as store_name',
      'stores.region_id',
      'regions.name as region_name',
      't.kind',
      't.earlier_event_seq',
      't.earlier_chain_seq',
      't.earlier_hash',
      't.earlier_at',
      't.later_event_seq',
      't.later_chain_seq',
      't.later_hash',
      't.later_at',
      'earlier.received_at as earlier_received',
      'later.received_at as later_received',
    ])
    .execute();
  const alerts = rows.map((r): TamperAlert => {
    const received = [num(r.earlier_received), num(r.later_received)].filter((t) => t !== null);
    return {
      storeId: r.store_id,
      storeName: r.store_name,
      regionId: r.region_id,
      regionName: r.region_name,
      kind: r.kind === 'rewritten' ? 'rewritten' : 'went_back',
      earlier: {
        eventSeq: Number(r.earlier_event_seq),
        seq: Number(r.earlier_chain_seq),
        hash: r.earlier_hash,
        at: Number(r.earlier_at),
      },
      later: {
        eventSeq: Number(r.later_event_seq),
        seq: Number(r.later_chain_seq),
        hash: r.later_hash,
        at: Number(r.later_at),
      },
      detectedAt: received.length === 0 ? null : Math.max(...received),
    };
  });
  return alerts.sort(
    (a, b) =>
      (b.detectedAt ?? 0) - (a.detectedAt ?? 0) ||
      a.storeId.localeCompare(b.storeId) ||
      b.later.eventSeq - a.later.eventSeq,
  );
}
