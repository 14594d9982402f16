import { WorkOrderView } from '../../../shared/api/maintenance';
import { DailyMaintenanceMetrics } from '../../../shared/api/maintenance-metrics';
import { PurchaseRequestView } from '../../../shared/api/parts';
import {
  type CentralPurchaseRequest,
  type CentralPurchasesQuery,
  type CentralWorkOrder,
  type CentralWorkOrdersQuery,
  DEFAULT_METRICS_RANGE_MS,
  type MaintenanceOverview,
  type MaintenanceOverviewQuery,
  type StoreMaintenanceMetrics,
} from '../../../shared/central/maintenance-api';
import type { Logger } from '../../../shared/server/runtime/logger';
import type { StoreScope } from '../auth/caller';
import type { CentralDb } from '../db/central-db';
import { inScope } from '../db/scope-filter';
import { rollUp, type StoreDay } from './maintenance-rollup';
import { runningDays } from './running-day';

/** The `pm.*` events whose payload carries the whole work order (opened is the view itself). */
const WORK_ORDER_TYPES = ['pm.opened', 'pm.transition', 'pm.escalated'];
const PURCHASE_TYPES = ['purchase.requested', 'purchase.approved', 'purchase.rejected', 'purchase.received'];
const UNFINISHED_PM = new Set(['open', 'acknowledged', 'assigned', 'in_progress']);

interface LatestRow {
  store_id: string;
  store_name: string;
  region_id: string;
  entity_id: string;
  type: string;
  seq: number;
  payload: string;
}

/**
 * The newest event of each (store, entity) among `types`, inside the caller's scope:
 * the central view of a work order, a purchase request or a store-day is the last
 * thing the edge said about it.
 */
async function latestPerEntity(
  db: CentralDb,
  scope: StoreScope,
  types: readonly string[],
  options: { storeId?: string | undefined; tsAfter?: number; tsAtMost?: number },
): Promise<LatestRow[]> {
  let q = db
    .selectFrom('sync_events as e')
    .innerJoin('stores', 'stores.id', 'e.store_id')
    .where('e.type', 'in', [...types])
    .where((eb) => inScope(eb, scope))
    .where(({ eb, selectFrom }) =>
      eb(
        'e.seq',
        '=',
        selectFrom('sync_events as n')
          .select(({ fn }) => fn.max('n.seq').as('seq'))
          .whereRef('n.store_id', '=', 'e.store_id')
          .whereRef('n.entity_id', '=', 'e.entity_id')
          .where('n.type', 'in', [...types]),
      ),
    )
    .select([
      'e.store_id',
      'stores.name as store_name',
      'stores.region_id',
      'e.entity_id',
      'e.type',
      'e.seq',
      'e.payload',
    ]);
  if (options.storeId !== undefined) q = q.where('e.store_id', '=', options.storeId);
  if (options.tsAfter !== undefined) q = q.where('e.ts', '>', options.tsAfter);
  if (options.tsAtMost !== undefined) q = q.where('e.ts', '<=', options.tsAtMost);
  return q.orderBy('e.store_id').orderBy('e.seq').execute();
}

function parsePayload<T>(
  row: LatestRow,
  parse: (value: unknown) => { success: true; data: T } | { success: false },
  log: Logger,
): T | undefined {
  const result = parse(JSON.parse(row.payload));
  if (result.success) return result.data;
  // Kept as history by ingest; an edge on another version may send a shape we do not read.
  log.warn({ storeId: row.store_id, seq: row.seq, type: row.type }, 'synced payload does not fit; skipped');
  return undefined;
}

/** Per store the newest synced day and the range roll-up; per region the roll-up of its stores. */
export async function maintenanceOverview(
  db: CentralDb,
  scope: StoreScope,
  now: number,
  query: MaintenanceOverviewQuery,
  log: Logger,
): Promise<MaintenanceOverview> {
  const to = query.to ?? now + 1;
  const from = query.from ?? to - DEFAULT_METRICS_RANGE_MS;
  let storesQ = db
    .selectFrom('stores')
    .select(['id', 'name', 'region_id'])
    .where((eb) => inScope(eb, scope))
    .orderBy('region_id')
    .orderBy('id');
  if (query.storeId !== undefined) storesQ = storesQ.where('id', '=', query.storeId);
  const stores = await storesQ.execute();
  // A day is in the range when it ended inside it (the event's ts is the day's end).
  const rows = await latestPerEntity(db, scope, ['metrics.daily'], {
    storeId: query.storeId,
    tsAfter: from,
    tsAtMost: to,
  });
  const daysOf = new Map<string, { day: DailyMaintenanceMetrics; storeDay: StoreDay }[]>();
  for (const row of rows) {
    const day = parsePayload(row, (v) => DailyMaintenanceMetrics.safeParse(v), log);
    if (!day) continue;
    const list = daysOf.get(row.store_id) ?? [];
    list.push({ day, storeDay: { storeId: row.store_id, day: day.day, group: day.store } });
    daysOf.set(row.store_id, list);
  }
  const newestOf = (storeId: string) =>
    (daysOf.get(storeId) ?? []).reduce<DailyMaintenanceMetrics | undefined>(
      (best, d) => (!best || d.day.day > best.day ? d.day : best),
      undefined,
    );
  // The running day starts where the newest synced day ended, even one older than the range.
  const newestEver = new Map<string, number>();
  for (const row of await latestPerEntity(db, scope, ['metrics.daily'], { storeId: query.storeId })) {
    const day = DailyMaintenanceMetrics.safeParse(JSON.parse(row.payload));
    if (day.success) newestEver.set(row.store_id, Math.max(newestEver.get(row.store_id) ?? 0, day.data.to));
  }
  const workOrders = await openWorkOrders(db, scope, now, { storeId: query.storeId, limit: 100_000 }, log);
  const today = await runningDays(
    db,
    stores.map((s) => s.id),
    now,
    (storeId) => newestEver.get(storeId),
    workOrders,
  );
  const perStore: StoreMaintenanceMetrics[] = stores.map((store) => {
    const days = daysOf.get(store.id) ?? [];
    const newest = newestOf(store.id);
    return {
      storeId: store.id,
      storeName: store.name,
      regionId: store.region_id,
      latestDay: newest?.day ?? null,
      latest: newest?.store ?? null,
      latestByTechnician: newest?.byTechnician ?? [],
      range: rollUp(days.map((d) => d.storeDay)),
      today: today(store.id),
    };
  });
  const regionIds = [...new Set(stores.map((s) => s.region_id))];
  return {
    from,
    to,
    stores: perStore,
    regions: regionIds.map((regionId) => {
      const inRegion = stores.filter((s) => s.region_id === regionId);
      const days = inRegion.flatMap((s) => (daysOf.get(s.id) ?? []).map((d) => d.storeDay));
      return { regionId, stores: inRegion.length, range: rollUp(days) };
    }),
  };
}

/** Preventive work orders not yet done across the caller's stores: overdue first (longest first), then by due date. */
export async function openWorkOrders(
  db: CentralDb,
  scope: StoreScope,
  now: number,
  query: CentralWorkOrdersQuery,
  log: Logger,
): Promise<CentralWorkOrder[]> {
  const rows = await latestPerEntity(db, scope, WORK_ORDER_TYPES, { storeId: query.storeId });
  const orders: CentralWorkOrder[] = [];
  for (const row of rows) {
    const view = parsePayload(
      row,
      (v) => WorkOrderView.safeParse(row.type === 'pm.opened' ? v : (v as { workOrder?: unknown }).workOrder),
      log,
    );
    if (!view || !UNFINISHED_PM.has(view.status)) continue;
    // The edge's flag is as of the event; central decides with its own clock.
    const overdueS = Math.max(0, (now - view.graceUntil) / 1000);
    orders.push({
      storeId: row.store_id,
      storeName: row.store_name,
      regionId: row.region_id,
      overdue: overdueS > 0,
      overdueS,
      workOrder: view,
    });
  }
  orders.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      b.overdueS - a.overdueS ||
      a.workOrder.dueAt - b.workOrder.dueAt ||
      a.storeId.localeCompare(b.storeId),
  );
  return orders.slice(0, query.limit);
}

/** Purchase requests by status (default: waiting for approval), oldest first. */
export async function purchaseRequests(
  db: CentralDb,
  scope: StoreScope,
  now: number,
  query: CentralPurchasesQuery,
  log: Logger,
): Promise<CentralPurchaseRequest[]> {
  const rows = await latestPerEntity(db, scope, PURCHASE_TYPES, { storeId: query.storeId });
  const wanted = (status: string) =>
    query.status === 'all' || status === 'requested' || (query.status === 'open' && status === 'approved');
  const requests: CentralPurchaseRequest[] = [];
  for (const row of rows) {
    const request = parsePayload(row, (v) => PurchaseRequestView.safeParse(v), log);
    if (!request || !wanted(request.status)) continue;
    requests.push({
      storeId: row.store_id,
      storeName: row.store_name,
      regionId: row.region_id,
      ageS: Math.max(0, (now - request.requestedAt) / 1000),
      request,
    });
  }
  requests.sort(
    (a, b) => a.request.requestedAt - b.request.requestedAt || a.storeId.localeCompare(b.storeId),
  );
  return requests.slice(0, query.limit);
}
