import { sql } from 'kysely';
import type {
  ChainStatus,
  ComplianceFigures,
  FoodSafetyOverview,
  RegionFoodSafety,
  StoreFoodSafety,
} from '../../../shared/central/food-safety-api';
import type { StoreScope } from '../auth/caller';
import type { CentralDb } from '../db/central-db';
import { inScope } from '../db/scope-filter';
import { type StoreHeader, storesInScope } from '../stock/scoped-stores';
import { checkTallies } from './store-checks';
import { coolingTallies } from './store-cooling';

/** Sums as both dialects return them: PostgreSQL's bigint sums and counts arrive as strings. */
type Sum = number | string | bigint | null;
const n = (value: Sum): number => (value === null ? 0 : Number(value));

/** The minutes behind a compliance figure, summed in SQL per store. */
interface MinuteTally {
  storeDays: number;
  controlPointDays: number;
  minutes: number;
  inLimitMin: number;
  excusedMin: number;
  outOfLimitMin: number;
  noDataMin: number;
  daysFailed: number;
  excursions: number;
  missedChecks: number;
}

const NO_MINUTES: MinuteTally = {
  storeDays: 0,
  controlPointDays: 0,
  minutes: 0,
  inLimitMin: 0,
  excusedMin: 0,
  outOfLimitMin: 0,
  noDataMin: 0,
  daysFailed: 0,
  excursions: 0,
  missedChecks: 0,
};

/**
 * Compliance weighted by minutes: every minute of every control point counts once, so a
 * store with ten cold rooms weighs ten times one with a single cooler, and a region's
 * figure is its minutes in limit over all its minutes. An average of daily percentages
 * would let a short day (a clock change) or a store with one control point count as much
 * as a full one and could not be summed up to the region.
 */
export function complianceOf(tally: MinuteTally): ComplianceFigures {
  const compliant = tally.inLimitMin + tally.excusedMin;
  return {
    ...tally,
    compliancePct: tally.minutes === 0 ? null : Math.round((compliant / tally.minutes) * 1000) / 10,
  };
}

function addTallies(a: MinuteTally, b: MinuteTally): MinuteTally {
  return {
    storeDays: a.storeDays + b.storeDays,
    controlPointDays: a.controlPointDays + b.controlPointDays,
    minutes: a.minutes + b.minutes,
    inLimitMin: a.inLimitMin + b.inLimitMin,
    excusedMin: a.excusedMin + b.excusedMin,
    outOfLimitMin: a.outOfLimitMin + b.outOfLimitMin,
    noDataMin: a.noDataMin + b.noDataMin,
    daysFailed: a.daysFailed + b.daysFailed,
    excursions: a.excursions + b.excursions,
    missedChecks: a.missedChecks + b.missedChecks,
  };
}

/**
 * Every store in scope with its food-safety figures: the closed
 * days that started in [from, to), its corrective actions and excursions open now, and its
 * chain's state. One query per table over the whole scope, merged here.
 */
export async function storeFoodSafety(
  db: CentralDb,
  scope: StoreScope,
  from: number,
  to: number,
  now: number,
): Promise<{ store: StoreFoodSafety; tally: MinuteTally }[]> {
  const stores = await storesInScope(db, scope);
  if (stores.length === 0) return [];

  const days = await db
    .selectFrom('food_safety_days as d')
    .innerJoin('stores', 'stores.id', 'd.store_id')
    .where((eb) => inScope(eb, scope))
    .where('d.day_start', '>=', from)
    .where('d.day_start', '<', to)
    .groupBy('d.store_id')
    .select([
      'd.store_id',
      sql<Sum>`count(distinct d.day)`.as('store_days'),
      sql<Sum>`count(*)`.as('control_point_days'),
      sql<Sum>`sum(d.minutes_in_day)`.as('minutes'),
      sql<Sum>`sum(d.in_limit_min)`.as('in_limit'),
      sql<Sum>`sum(d.excused_min)`.as('excused'),
      sql<Sum>`sum(d.out_of_limit_min)`.as('out_of_limit'),
      sql<Sum>`sum(d.no_data_min)`.as('no_data'),
      sql<Sum>`count(distinct case when d.pass = 0 then d.day end)`.as('days_failed'),
      sql<Sum>`sum(d.excursions)`.as('excursions'),
    ])
    .execute();
  const actions = await db
    .selectFrom('food_safety_actions as a')
    .innerJoin('stores', 'stores.id', 'a.store_id')
    .where((eb) => inScope(eb, scope))
    .where('a.open', '=', 1)
    .groupBy('a.store_id')
    .select([
      'a.store_id',
      sql<Sum>`count(*)`.as('open'),
      sql<Sum>`min(a.opened_at)`.as('oldest'),
      sql<Sum>`sum(case when a.due_at < ${now} then 1 else 0 end)`.as('overdue'),
      sql<Sum>`sum(case when a.escalation = 'central' then 1 else 0 end)`.as('to_central'),
    ])
    .execute();
  const excursions = await db
    .selectFrom('food_safety_excursions as e')
    .innerJoin('stores', 'stores.id', 'e.store_id')
    .where((eb) => inScope(eb, scope))
    .where('e.ended_at', 'is', null)
    .groupBy('e.store_id')
    .select(['e.store_id', sql<Sum>`count(*)`.as('open')])
    .execute();
  const heads = await db
    .selectFrom('food_safety_chain_heads as h')
    .innerJoin('stores', 'stores.id', 'h.store_id')
    .where((eb) => inScope(eb, scope))
    .where(
      'h.event_seq',
      '=',
      sql<number>`(select max(newest.event_seq) from food_safety_chain_heads newest where newest.store_id = h.store_id)`,
    )
    .select(['h.store_id', 'h.chain_seq', 'h.at'])
    .execute();
  const alerts = await db
    .selectFrom('food_safety_tamper_alerts as t')
    .innerJoin('stores', 'stores.id', 't.store_id')
    .where((eb) => inScope(eb, scope))
    .groupBy('t.store_id')
    .select(['t.store_id', sql<Sum>`count(*)`.as('alerts')])
    .execute();

  const coolingOf = await coolingTallies(db, scope, from, to);
  const checksOf = await checkTallies(db, scope, from, to);

  const dayOf = new Map(days.map((d) => [d.store_id, d]));
  const actionsOf = new Map(actions.map((a) => [a.store_id, a]));
  const excursionsOf = new Map(excursions.map((e) => [e.store_id, n(e.open)]));
  const headOf = new Map(heads.map((h) => [h.store_id, h]));
  const alertsOf = new Map(alerts.map((a) => [a.store_id, n(a.alerts)]));

  return stores.map((header: StoreHeader) => {
    const d = dayOf.get(header.storeId);
    // Missed checks are the check records' own: a slot belongs to no control point's day.
    const missedChecks = checksOf.get(header.storeId)?.missed ?? 0;
    const tally: MinuteTally = d
      ? {
          storeDays: n(d.store_days),
          controlPointDays: n(d.control_point_days),
          minutes: n(d.minutes),
          inLimitMin: n(d.in_limit),
          excusedMin: n(d.excused),
          outOfLimitMin: n(d.out_of_limit),
          noDataMin: n(d.no_data),
          daysFailed: n(d.days_failed),
          excursions: n(d.excursions),
          missedChecks,
        }
      : { ...NO_MINUTES, missedChecks };
    const a = actionsOf.get(header.storeId);
    const oldest = a?.oldest === undefined || a.oldest === null ? null : n(a.oldest);
    const head = headOf.get(header.storeId);
    const alertCount = alertsOf.get(header.storeId) ?? 0;
    const status: ChainStatus = alertCount > 0 ? 'tampered' : head ? 'ok' : 'never_sent';
    const store: StoreFoodSafety = {
      ...header,
      compliance: complianceOf(tally),
      openActions: n(a?.open ?? null),
      oldestOpenSince: oldest,
      oldestOpenAgeMs: oldest === null ? null : Math.max(0, now - oldest),
      overdueActions: n(a?.overdue ?? null),
      escalatedToCentral: n(a?.to_central ?? null),
      openExcursions: excursionsOf.get(header.storeId) ?? 0,
      cooling: coolingOf.get(header.storeId) ?? { batches: 0, failed: 0 },
      chain: {
        status,
        headSeq: head ? n(head.chain_seq) : null,
        headAt: head ? n(head.at) : null,
        alerts: alertCount,
      },
    };
    return { store, tally };
  });
}

/**
 * Worst first: a chain that was tampered with, then overdue corrective actions, the lowest
 * compliance, the most failed days, the most missed checks, the most open actions. A store
 * that reported no day sorts after those that did (it has nothing to rank by) and shows its
 * chain status instead.
 */
export function worstFirst(a: StoreFoodSafety, b: StoreFoodSafety): number {
  const tampered = (s: StoreFoodSafety) => (s.chain.status === 'tampered' ? 0 : 1);
  const unreported = (s: StoreFoodSafety) => (s.compliance.compliancePct === null ? 1 : 0);
  return (
    tampered(a) - tampered(b) ||
    b.overdueActions - a.overdueActions ||
    unreported(a) - unreported(b) ||
    (a.compliance.compliancePct ?? 0) - (b.compliance.compliancePct ?? 0) ||
    b.compliance.daysFailed - a.compliance.daysFailed ||
    b.compliance.missedChecks - a.compliance.missedChecks ||
    b.openActions - a.openActions ||
    a.storeId.localeCompare(b.storeId)
  );
}

/** Food safety of every store in scope, worst first, and each region's stores summed up. */
export async function foodSafetyOverview(
  db: CentralDb,
  scope: StoreScope,
  from: number,
  to: number,
  now: number,
): Promise<FoodSafetyOverview> {
  const rows = await storeFoodSafety(db, scope, from, to, now);
  const regions = new Map<string, { region: RegionFoodSafety; tally: MinuteTally }>();
  for (const { store, tally } of rows) {
    const held = regions.get(store.regionId) ?? {
      region: {
        regionId: store.regionId,
        regionName: store.regionName,
        stores: 0,
        compliance: complianceOf(NO_MINUTES),
        openActions: 0,
        overdueActions: 0,
        tamperedStores: 0,
      },
      tally: NO_MINUTES,
    };
    held.tally = addTallies(held.tally, tally);
    held.region.stores += 1;
    held.region.openActions += store.openActions;
    held.region.overdueActions += store.overdueActions;
    if (store.chain.status === 'tampered') held.region.tamperedStores += 1;
    regions.set(store.regionId, held);
  }
  return {
    from,
    to,
    stores: rows.map((r) => r.store).sort(worstFirst),
    regions: [...regions.values()].map(({ region, tally }) => ({
      ...region,
      compliance: complianceOf(tally),
    })),
  };
}
