import {
  type FigureValue,
  type RegionMedians,
  SCORECARD_FIGURES,
  type Scorecard,
  type ScorecardFigureKey,
  type StoreFigure,
  type StoreScorecard,
  WEEK_MS,
} from '../../../shared/central/scorecard';
import type { Logger } from '../../../shared/server/runtime/logger';
import type { StoreScope } from '../auth/caller';
import type { CentralDatabase } from '../db/central-db';
import { type MeterWeek, meterWeeksFor } from './scorecard-energy-source';
import { type FigureWindow, figuresOf, type StoreFacts } from './scorecard-figures';
import { compare, mainMeter, median, medianMoney, meterUse, weekWindows } from './scorecard-maths';
import { repairSpendsFor } from './scorecard-repair-spend-source';
import {
  alarmsFor,
  foodSafetyDaysFor,
  pmDaysFor,
  type ScorecardStore,
  scorecardStores,
  ticketsFor,
  unitsOf,
} from './scorecard-sources';

export interface ScorecardRange {
  from: number;
  to: number;
  now: number;
  regionId?: string | undefined;
}

type Figures = Record<ScorecardFigureKey, FigureValue>;

/**
 * Every store in scope (of one region when asked) with its figures over the range and
 * per week, each beside the median of its region's open stores. Stores that are not open
 * (planned, commissioning, closed …) get their figures but do not move the median.
 */
export async function scorecard(
  database: Pick<CentralDatabase, 'db'>,
  scope: StoreScope,
  range: ScorecardRange,
  log: Logger,
): Promise<Scorecard> {
  const { db } = database;
  const { from, to, now } = range;
  const stores = await scorecardStores(db, scope, range.regionId);
  const ids = stores.map((s) => s.storeId);
  const weeks = weekWindows(from, to);
  const windows: FigureWindow[] = weeks.map((w, i) => ({ ...w, weekIndexes: [i] }));
  const whole: FigureWindow = { from, to, weekIndexes: weeks.map((_, i) => i) };

  const [units, alarms, tickets, pmDays, fsDays, meterWeeks, spends] = await Promise.all([
    unitsOf(db, ids),
    alarmsFor(db, ids, from, to, log),
    ticketsFor(db, ids, from, to, log),
    pmDaysFor(db, ids, from, to, log),
    foodSafetyDaysFor(db, ids, from, to),
    meterWeeksFor(db, ids, from, to, WEEK_MS),
    repairSpendsFor(db, ids, from, to, log),
  ]);
  const energy = storeEnergy(meterWeeks, weeks.length);
  const computed = stores.map((store) => {
    const mine = <T extends { storeId: string }>(rows: readonly T[]) =>
      rows.filter((r) => r.storeId === store.storeId);
    const facts: StoreFacts = {
      units: units.get(store.storeId) ?? new Set(),
      alarms: mine(alarms),
      tickets: mine(tickets),
      pmDays: mine(pmDays),
      foodSafetyDays: mine(fsDays),
      repairSpends: mine(spends),
      energy: energy.get(store.storeId),
    };
    return {
      store,
      units: facts.units.size,
      range: figuresOf(facts, whole, now),
      weekly: windows.map((w) => figuresOf(facts, w, now)),
    };
  });

  const regions: (RegionMedians & { moneyMedian: string | null })[] = [];
  for (const regionId of [...new Set(stores.map((s) => s.regionId))]) {
    const open = computed.filter((c) => c.store.regionId === regionId && c.store.state === 'open');
    const first = stores.find((s) => s.regionId === regionId) as ScorecardStore;
    regions.push({
      regionId,
      regionName: first.regionName,
      openStores: open.length,
      medians: byFigure((key) => median(open.map((c) => c.range[key].value))),
      moneyMedian: medianMoney(open.map((c) => c.range.repairSpend.money?.perUnit)),
      weekly: byFigure((key) =>
        weeks.map((_, i) => median(open.map((c) => c.weekly[i]?.[key].value ?? null))),
      ),
    });
  }

  const cards: StoreScorecard[] = computed.map((c) => {
    const region = regions.find((r) => r.regionId === c.store.regionId) as (typeof regions)[number];
    return {
      ...c.store,
      units: c.units,
      figures: byFigure(
        (key): StoreFigure => ({
          ...c.range[key],
          regionMedian: region.medians[key],
          ...(key === 'repairSpend' ? { regionMedianMoney: region.moneyMedian } : {}),
          comparison: compare(key, c.range[key].value, region.medians[key]),
          trend: c.weekly.map((w: Figures) => w[key]),
        }),
      ),
    };
  });
  const medians = regions.map(({ moneyMedian: _exact, ...r }): RegionMedians => r);
  return { from, to, weeks, regions: medians, stores: cards };
}

function byFigure<T>(make: (key: ScorecardFigureKey) => T): Record<ScorecardFigureKey, T> {
  return Object.fromEntries(SCORECARD_FIGURES.map((key) => [key, make(key)])) as Record<
    ScorecardFigureKey,
    T
  >;
}

/** Per store, the main meter's use per week (oldest first); stores without energy readings are absent. */
function storeEnergy(rows: readonly MeterWeek[], weekCount: number) {
  const meters = new Map<string, { storeId: string; windows: (MeterWeek | undefined)[] }>();
  for (const row of rows) {
    const key = `${row.storeId}\u0000${row.equipmentId}`;
    const meter = meters.get(key) ?? { storeId: row.storeId, windows: new Array(weekCount).fill(undefined) };
    meter.windows[weekCount - 1 - row.weeksBack] = row;
    meters.set(key, meter);
  }
  const byStore = new Map<string, { uses: ReturnType<typeof meterUse> }[]>();
  for (const meter of meters.values())
    byStore.set(meter.storeId, [...(byStore.get(meter.storeId) ?? []), { uses: meterUse(meter.windows) }]);
  const main = new Map<string, ReturnType<typeof meterUse>>();
  for (const [storeId, list] of byStore) {
    const chosen = mainMeter(list);
    if (chosen) main.set(storeId, chosen.uses);
  }
  return main;
}
