import { AlarmView } from '../../../shared/api/alarms';
import type { AlarmFeed, AlarmFeedQuery } from '../../../shared/central/api';
import { StoreLifecycleState } from '../../../shared/central/store-lifecycle';
import type { StoreScope } from '../auth/caller';
import type { CentralDb } from '../db/central-db';
import { inScope } from '../db/scope-filter';
import { equipmentLabels } from './equipment-labels';

/**
 * Alarm changes across the caller's stores, newest first. The cursor is central's
 * global event id, so `after=<cursor>` returns exactly what arrived since the last poll.
 */
export async function alarmFeed(db: CentralDb, scope: StoreScope, query: AlarmFeedQuery): Promise<AlarmFeed> {
  let q = db
    .selectFrom('sync_events')
    .innerJoin('stores', 'stores.id', 'sync_events.store_id')
    .innerJoin('regions', 'regions.id', 'stores.region_id')
    .where('sync_events.kind', '=', 'alarm')
    .where((eb) => inScope(eb, scope))
    .select([
      'sync_events.id',
      'sync_events.store_id',
      'stores.name as store_name',
      'stores.region_id',
      'regions.name as region_name',
      'sync_events.type',
      'sync_events.ts',
      'sync_events.received_at',
      'sync_events.payload',
      'stores.state as store_state',
    ])
    .limit(query.limit);
  // Polling (`after` alone) takes the oldest changes past the cursor first: with more than
  // `limit` of them, the newest would move the cursor over the rest and they would never show.
  const polling = query.after !== undefined && query.before === undefined;
  q = q.orderBy('sync_events.id', polling ? 'asc' : 'desc');
  if (query.after !== undefined) q = q.where('sync_events.id', '>', query.after);
  if (query.before !== undefined) q = q.where('sync_events.id', '<', query.before);
  if (query.storeId !== undefined) q = q.where('sync_events.store_id', '=', query.storeId);
  const rows = await q.execute();
  if (polling) rows.reverse();
  const labelOf = await equipmentLabels(
    db,
    rows.map((row) => row.store_id),
  );

  const entries: AlarmFeed['entries'] = [];
  for (const row of rows) {
    const alarm = AlarmView.safeParse(JSON.parse(row.payload));
    // Payloads that did not fit stay in the history but are not shown as alarms.
    if (!alarm.success) continue;
    if (query.severity !== undefined && alarm.data.severity !== query.severity) continue;
    entries.push({
      id: row.id,
      storeId: row.store_id,
      storeName: row.store_name,
      regionId: row.region_id,
      regionName: row.region_name,
      equipment: labelOf(row.store_id, alarm.data.equipmentId),
      change: row.type.slice(row.type.indexOf('.') + 1),
      at: row.ts,
      receivedAt: row.received_at,
      alarm: alarm.data,
      storeState: StoreLifecycleState.parse(row.store_state),
    });
  }
  const newest = rows[0]?.id;
  return { entries, cursor: newest ?? query.after ?? 0 };
}
