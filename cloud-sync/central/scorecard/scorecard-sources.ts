import { AlarmView } from '../../../shared/api/alarms';
import { DailyMaintenanceMetrics } from '../../../shared/api/maintenance-metrics';
import { CentralTicket } from '../../../shared/central/api';
import { StoreLifecycleState } from '../../../shared/central/store-lifecycle';
import type { Logger } from '../../../shared/server/runtime/logger';
import type { StoreScope } from '../auth/caller';
import type { CentralDb } from '../db/central-db';
import { inScope } from '../db/scope-filter';

/** Sums and extremes as both dialects return them: PostgreSQL's bigint aggregates arrive as strings. */
type Num = number | string | bigint | null;
const n = (value: Num): number => (value === null ? 0 : Number(value));

export interface ScorecardStore {
  storeId: string;
  storeName: string;
  regionId: string;
  regionName: string;
  state: StoreLifecycleState;
}

/** The caller's stores (of one region when asked), by region and id. */
export async function scorecardStores(
  db: CentralDb,
  scope: StoreScope,
  regionId?: string,
): Promise<ScorecardStore[]> {
  let q = db
    .selectFrom('stores')
    .innerJoin('regions', 'regions.id', 'stores.region_id')
    .where((eb) => inScope(eb, scope))
    .select(['stores.id', 'stores.name', 'stores.region_id', 'regions.name as region_name', 'stores.state'])
    .orderBy('stores.region_id')
    .orderBy('stores.id');
  if (regionId !== undefined) q = q.where('stores.region_id', '=', regionId);
  const rows = await q.execute();
  return rows.map((r) => ({
    storeId: r.id,
    storeName: r.name,
    regionId: r.region_id,
    regionName: r.region_name,
    // A state this version does not know reads as open rather than dropping the store.
    state: StoreLifecycleState.catch('open').parse(r.state),
  }));
}

/** Each store's units: the equipment central knows (pushed configs, device status, rollups). */
export async function unitsOf(db: CentralDb, storeIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const units = new Map<string, Set<string>>();
  if (storeIds.length === 0) return units;
  const rows = await db
    .selectFrom('equipment')
    .select(['store_id', 'equipment_id'])
    .where('store_id', 'in', [...storeIds])
    .execute();
  for (const r of rows) units.set(r.store_id, (units.get(r.store_id) ?? new Set()).add(r.equipment_id));
  return units;
}

export interface SyncedAlarm {
  storeId: string;
  alarm: AlarmView;
}

/** Alarms raised in [from, to), and critical ones raised before that may still have been active in it. */
export async function alarmsFor(
  db: CentralDb,
  storeIds: readonly string[],
  from: number,
  to: number,
  log: Logger,
): Promise<SyncedAlarm[]> {
  if (storeIds.length === 0) return [];
  const rows = await db
    .selectFrom('alarms')
    .select(['store_id', 'alarm_id', 'view'])
    .where('store_id', 'in', [...storeIds])
    .where('raised_at', '<', to)
    .where((eb) => eb.or([eb('raised_at', '>=', from), eb('severity', '=', 'critical')]))
    .execute();
  return rows.flatMap((r) => {
    const parsed = AlarmView.safeParse(JSON.parse(r.view));
    if (parsed.success) return [{ storeId: r.store_id, alarm: parsed.data }];
    log.warn(
      { storeId: r.store_id, alarmId: r.alarm_id },
      'alarm view does not fit; left out of the scorecard',
    );
    return [];
  });
}

export interface SyncedTicket {
  storeId: string;
  ticket: CentralTicket;
}

/** Tickets opened before `to` that changed in the period or are still unfinished. */
export async function ticketsFor(
  db: CentralDb,
  storeIds: readonly string[],
  from: number,
  to: number,
  log: Logger,
): Promise<SyncedTicket[]> {
  if (storeIds.length === 0) return [];
  const rows = await db
    .selectFrom('tickets')
    .select(['store_id', 'ticket_id', 'view'])
    .where('store_id', 'in', [...storeIds])
    .where('opened_at', '<', to)
    // A ticket last changed before `from` and finished has nothing inside the period.
    .where((eb) => eb.or([eb('updated_at', '>=', from), eb('unfinished', '=', 1)]))
    .execute();
  return rows.flatMap((r) => {
    const parsed = CentralTicket.safeParse(JSON.parse(r.view));
    if (parsed.success) return [{ storeId: r.store_id, ticket: parsed.data }];
    log.warn(
      { storeId: r.store_id, ticketId: r.ticket_id },
      'ticket view does not fit; left out of the scorecard',
    );
    return [];
  });
}

export interface PmDay {
  storeId: string;
  /** epoch ms the store day ended */
  end: number;
  due: number;
  onTime: number;
}

/** The newest `metrics.daily` of each store day that ended in (from, to]. */
export async function pmDaysFor(
  db: CentralDb,
  storeIds: readonly string[],
  from: number,
  to: number,
  log: Logger,
): Promise<PmDay[]> {
  if (storeIds.length === 0) return [];
  const rows = await db
    .selectFrom('sync_events')
    .select(['store_id', 'entity_id', 'seq', 'payload'])
    .where('store_id', 'in', [...storeIds])
    .where('kind', '=', 'metrics')
    .where('type', '=', 'metrics.daily')
    .where('ts', '>', from)
    .where('ts', '<=', to)
    .orderBy('seq')
    .execute();
  // A day the edge recomputed was sent again: the newest seq is what the store says now.
  const newest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) newest.set(`${r.store_id}\u0000${r.entity_id}`, r);
  return [...newest.values()].flatMap((r) => {
    const parsed = DailyMaintenanceMetrics.safeParse(JSON.parse(r.payload));
    if (!parsed.success) {
      log.warn({ storeId: r.store_id, seq: r.seq }, 'metrics.daily does not fit; left out of the scorecard');
      return [];
    }
    const { pm } = parsed.data.store;
    return [{ storeId: r.store_id, end: parsed.data.to, due: pm.due, onTime: pm.onTime }];
  });
}

export interface ControlPointDay {
  storeId: string;
  dayStart: number;
  minutes: number;
  compliantMin: number;
}

/** Every control point's closed day that started in [from, to). */
export async function foodSafetyDaysFor(
  db: CentralDb,
  storeIds: readonly string[],
  from: number,
  to: number,
): Promise<ControlPointDay[]> {
  if (storeIds.length === 0) return [];
  const rows = await db
    .selectFrom('food_safety_days')
    .select(['store_id', 'day_start', 'minutes_in_day', 'in_limit_min', 'excused_min'])
    .where('store_id', 'in', [...storeIds])
    .where('day_start', '>=', from)
    .where('day_start', '<', to)
    .execute();
  return rows.map((r) => ({
    storeId: r.store_id,
    dayStart: n(r.day_start),
    minutes: n(r.minutes_in_day),
    compliantMin: n(r.in_limit_min) + n(r.excused_min),
  }));
}
