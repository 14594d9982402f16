import { z } from 'zod';
import { QueryTime } from '../api/query-time';
import { StoreId } from '../ids';
import { CurrencyCode } from '../sync/ticket-repair-spend';
import { StoreLifecycleState } from './store-lifecycle';

/**
 * The store scorecard (门店对比): per store, over a period, the figures a regional
 * manager compares stores by, each beside its region's median with a weekly trend.
 * Every figure is computed by central from what the stores sync; a figure central is
 * not told enough for is `null` with a `noData` reason, never estimated.
 */

export const SCORECARD_ROUTES = {
  region: '/api/scorecard',
  store: '/api/stores/:storeId/scorecard',
} as const;

const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;
export const SCORECARD_DEFAULT_RANGE_MS = 30 * DAY_MS;
/** A quarter: rollups (energy) are kept 35 days, the rest for longer; 13 weekly points still read on a chart. */
export const SCORECARD_MAX_RANGE_MS = 92 * DAY_MS;

export const ScorecardQuery = z.strictObject({
  region: z.string().min(1).max(64).optional().describe('one region id; default every region in scope'),
  from: QueryTime.optional().describe('epoch ms or ISO 8601; default 30 days before `to`'),
  to: QueryTime.optional().describe('epoch ms or ISO 8601, exclusive; default now'),
});
export type ScorecardQuery = z.infer<typeof ScorecardQuery>;

export const StoreScorecardQuery = ScorecardQuery.omit({ region: true });
export type StoreScorecardQuery = z.infer<typeof StoreScorecardQuery>;

export const StoreScorecardParams = z.object({ storeId: StoreId });

/**
 * The figures, in the order the page shows them. Definitions (the README repeats them):
 * - uptime: % of unit-time in the period with no active critical alarm and no open
 *   out-of-service ticket on the unit (down from raise to clear, from report to verify);
 * - alarmsPerUnit / ticketsPerUnit: alarms raised / repair tickets opened in the period
 *   per unit known to central;
 * - mttrH: hours from opened to resolved (verified when no resolve was recorded), mean
 *   over the tickets resolved in the period;
 * - pmOnTimePct: preventive work orders done by the end of their grace window over those
 *   due and decided, from the stores' synced maintenance days;
 * - repairSpend: what the repairs resolved in the period cost (each ticket's latest spend the
 *   store synced: its quote, else its parts at the prices paid or listed) per unit; `money`
 *   carries it as exact text with the currency;
 * - energyKwhPerDay: kWh the store's main meter counted per day (see `energyUse`);
 * - foodSafetyPct: minutes in limit or excused over all control-point minutes.
 */
export const SCORECARD_FIGURES = [
  'uptimePct',
  'alarmsPerUnit',
  'ticketsPerUnit',
  'mttrH',
  'pmOnTimePct',
  'repairSpend',
  'energyKwhPerDay',
  'foodSafetyPct',
] as const;
export const ScorecardFigureKey = z.enum(SCORECARD_FIGURES);
export type ScorecardFigureKey = z.infer<typeof ScorecardFigureKey>;

/** Which way is better: more uptime is better, more alarms per unit is worse. */
export const FIGURE_BETTER: Record<ScorecardFigureKey, 'higher' | 'lower'> = {
  uptimePct: 'higher',
  alarmsPerUnit: 'lower',
  ticketsPerUnit: 'lower',
  mttrH: 'lower',
  pmOnTimePct: 'higher',
  repairSpend: 'lower',
  energyKwhPerDay: 'lower',
  foodSafetyPct: 'higher',
};

/**
 * Why a figure is empty: `no_units` (central knows no equipment of the store), `nothing_in_period`
 * (nothing to average: no ticket resolved, no PM due), `not_synced` (the store sent nothing this
 * figure is built from in the period: no maintenance days, no control-point days, no energy
 * readings — rollups are kept 35 days; a repair resolved in the period whose spend the store did not
 * send, as boxes before repair spend was synced).
 */
export const NoDataReason = z.enum(['no_units', 'nothing_in_period', 'not_synced']);
export type NoDataReason = z.infer<typeof NoDataReason>;

export const Comparison = z.enum(['better', 'same', 'worse']);
export type Comparison = z.infer<typeof Comparison>;

/** A money figure as exact decimal text; `value` is the same per-unit amount as a number, for charts and medians. */
export const ScorecardMoney = z.object({
  perUnit: z.string().describe('per unit, 2 decimals, e.g. "667.25"'),
  total: z.string().describe('the store’s sum, exact, e.g. "1334.49"'),
  currency: CurrencyCode.nullable().describe('null when the store never synced a spend (its total is 0)'),
});
export type ScorecardMoney = z.infer<typeof ScorecardMoney>;

export const FigureValue = z.object({
  value: z.number().nullable(),
  noData: NoDataReason.nullable(),
  money: ScorecardMoney.optional().describe('money figures only (repairSpend), when there is a value'),
});
export type FigureValue = z.infer<typeof FigureValue>;

export const StoreFigure = FigureValue.extend({
  regionMedian: z.number().nullable().describe("median of the region's open stores that have the figure"),
  regionMedianMoney: z
    .string()
    .nullable()
    .optional()
    .describe('money figures only: the median per unit as exact text, 2 decimals'),
  comparison: Comparison.nullable().describe('against the median, in the figure’s better direction'),
  trend: z.array(FigureValue).describe('one per week of `weeks`, oldest first'),
});
export type StoreFigure = z.infer<typeof StoreFigure>;

export const ScorecardWeek = z.object({ from: z.number().int(), to: z.number().int() });
export type ScorecardWeek = z.infer<typeof ScorecardWeek>;

export const StoreScorecard = z.object({
  storeId: z.string(),
  storeName: z.string(),
  regionId: z.string(),
  regionName: z.string(),
  state: StoreLifecycleState,
  units: z.number().int().describe('equipment central knows of the store'),
  figures: z.record(ScorecardFigureKey, StoreFigure),
});
export type StoreScorecard = z.infer<typeof StoreScorecard>;

export const RegionMedians = z.object({
  regionId: z.string(),
  regionName: z.string(),
  openStores: z.number().int().describe('open stores in scope: the medians are over these'),
  medians: z.record(ScorecardFigureKey, z.number().nullable()),
  weekly: z.record(ScorecardFigureKey, z.array(z.number().nullable())).describe('median per week'),
});
export type RegionMedians = z.infer<typeof RegionMedians>;

export const Scorecard = z.object({
  from: z.number().int(),
  to: z.number().int(),
  weeks: z
    .array(ScorecardWeek)
    .describe('7-day windows ending at `to`, oldest first; the first may be shorter'),
  regions: z.array(RegionMedians),
  stores: z.array(StoreScorecard),
});
export type Scorecard = z.infer<typeof Scorecard>;

export const StoreScorecardAnswer = z.object({
  from: z.number().int(),
  to: z.number().int(),
  weeks: z.array(ScorecardWeek),
  region: RegionMedians,
  store: StoreScorecard,
});
export type StoreScorecardAnswer = z.infer<typeof StoreScorecardAnswer>;
