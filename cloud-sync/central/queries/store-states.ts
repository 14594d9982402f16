import type { SeverityCounts, StoreState } from '../../../shared/central/api';
import { StoreLifecycleState } from '../../../shared/central/store-lifecycle';
import { ConfigApplyReport } from '../../../shared/sync/sync-protocol';
import type { StoreScope } from '../auth/caller';
import type { CentralDb } from '../db/central-db';
import { inScope } from '../db/scope-filter';

/**
 * Each store in the caller's scope with what a regional manager looks at first:
 * active alarms by severity, open tickets, when it was last heard, config versions.
 * A handful of grouped queries, merged here, rather than one query per store.
 */
export async function storeStates(
  db: CentralDb,
  scope: StoreScope,
  now: number,
  onlyStoreId?: string,
): Promise<StoreState[]> {
  let storesQuery = db
    .selectFrom('stores')
    .innerJoin('regions', 'regions.id', 'stores.region_id')
    .where((eb) => inScope(eb, scope))
    .select([
      'stores.id',
      'stores.name',
      'stores.region_id',
      'regions.name as region_name',
      'stores.last_heard_at',
      'stores.sync_lag_ms',
      'stores.highest_seq',
      'stores.dropped_rollups',
      'stores.config_applied_version',
      'stores.config_last_report',
      'stores.state',
      'stores.state_since',
    ])
    .orderBy('stores.region_id')
    .orderBy('stores.id');
  if (onlyStoreId !== undefined) storesQuery = storesQuery.where('stores.id', '=', onlyStoreId);
  const stores = await storesQuery.execute();
  if (stores.length === 0) return [];
  const ids = stores.map((s) => s.id);

  const alarms = await db
    .selectFrom('alarms')
    .where('store_id', 'in', ids)
    .where('active', '=', 1)
    .groupBy(['store_id', 'severity'])
    .select((eb) => ['store_id', 'severity', eb.fn.countAll().as('n')])
    .execute();
  const tickets = await db
    .selectFrom('tickets')
    .where('store_id', 'in', ids)
    .where('unfinished', '=', 1)
    .groupBy('store_id')
    .select((eb) => ['store_id', eb.fn.countAll().as('n'), eb.fn.min('opened_at').as('oldest')])
    .execute();
  const equipment = await db
    .selectFrom('equipment')
    .where('store_id', 'in', ids)
    .groupBy('store_id')
    .select((eb) => [
      'store_id',
      eb.fn.countAll().as('total'),
      eb.fn.sum(eb.case().when('online', '=', 0).then(1).else(0).end()).as('offline'),
    ])
    .execute();
  const versions = await db
    .selectFrom('config_versions')
    .where('store_id', 'in', ids)
    .groupBy('store_id')
    .select((eb) => ['store_id', eb.fn.max('version').as('latest')])
    .execute();

  return stores.map((s) => {
    const counts: SeverityCounts = { critical: 0, warning: 0, info: 0 };
    for (const a of alarms) {
      if (
        a.store_id === s.id &&
        (a.severity === 'critical' || a.severity === 'warning' || a.severity === 'info')
      ) {
        counts[a.severity] = Number(a.n);
      }
    }
    const t = tickets.find((row) => row.store_id === s.id);
    const e = equipment.find((row) => row.store_id === s.id);
    const v = versions.find((row) => row.store_id === s.id);
    const oldest = t?.oldest ?? null;
    return {
      id: s.id,
      name: s.name,
      regionId: s.region_id,
      regionName: s.region_name,
      activeAlarms: counts,
      openTickets: Number(t?.n ?? 0),
      oldestOpenTicketAgeS: oldest === null ? null : Math.max(0, (now - oldest) / 1000),
      lastHeardAt: s.last_heard_at,
      silentForMs: s.last_heard_at === null ? null : Math.max(0, now - s.last_heard_at),
      syncLagMs: s.sync_lag_ms,
      highestSeq: s.highest_seq,
      droppedRollups: s.dropped_rollups,
      equipment: { total: Number(e?.total ?? 0), offline: Number(e?.offline ?? 0) },
      config: {
        latestVersion: v?.latest ?? null,
        appliedVersion: s.config_applied_version,
        lastReport: s.config_last_report ? ConfigApplyReport.parse(JSON.parse(s.config_last_report)) : null,
      },
      lifecycle: { state: StoreLifecycleState.parse(s.state), since: Number(s.state_since) },
    };
  });
}
