import { z } from 'zod';
import { CoolingBatchView, CorrectiveActionView, ExcursionView, StoreDay } from '../api/food-safety';
import { CheckRecordView } from '../api/food-safety-checks';
import { StoreId } from '../ids';
import { Locale, LocalizedText } from '../localized-text';

/**
 * Food safety (食品安全, HACCP) across the caller's stores, from what the edges sync:
 * `food_safety.excursion` and `food_safety.corrective_action` (the newest version of each,
 * shared/api/food-safety.ts), `food_safety.chain_head` (every head, so central holds hashes
 * the box's past must still lead to) and `food_safety.day` below, one per control point
 * and closed store day; `food_safety.cooling`, each cooling batch's newest version
 * (CoolingBatchView).
 */

/** Central routes of this room, beside CENTRAL_ROUTES (shared/central/api.ts). */
export const FOOD_SAFETY_ROUTES = {
  overview: '/api/regional/food-safety',
  store: '/api/regional/food-safety/stores/:storeId',
  tamperAlerts: '/api/regional/food-safety/tamper-alerts',
  /** what central holds of one store as a CSV, for when the store's own report cannot be fetched */
  storeRecordsCsv: '/api/regional/food-safety/stores/:storeId/records.csv',
} as const;

/** `food_safety.cooling`, `entityId` = the batch id: every version of a cooling batch as it changes. */
export const FOOD_SAFETY_COOLING_EVENT = 'food_safety.cooling';
/** A manual check's record: a value measured, or a slot missed (payload: CheckRecordView). */
export const FOOD_SAFETY_CHECK_EVENT = 'food_safety.check';

// ── food_safety.day: sent by the store when a store day closes ─────────────────────

export const FOOD_SAFETY_DAY_EVENT = 'food_safety.day';

const Minutes = z.number().int().min(0).max(1500);

/**
 * One control point's closed store day, `entityId` = `${controlPointId}/${day}`. Sent once
 * when the day closes, and again (a later seq wins) should the store recompute it, e.g.
 * after records of the day arrived late. The four minute counts cover the whole day.
 */
export const FoodSafetyDayPayload = z
  .object({
    controlPointId: z.string().min(1).max(64),
    name: LocalizedText.describe('the control point as the store names it'),
    equipmentId: z.string().min(1),
    day: StoreDay,
    from: z.number().int().nonnegative().describe('epoch ms: the store day’s local midnight'),
    to: z.number().int().nonnegative().describe('epoch ms, exclusive: the next local midnight'),
    minutesInDay: z.number().int().min(1380).max(1500).describe('1380 or 1500 on a clock-change day'),
    inLimitMin: Minutes,
    excusedMin: Minutes.describe(
      'out of limit while defrosting or with the door open, as the alarm rule excuses it',
    ),
    outOfLimitMin: Minutes,
    noDataMin: Minutes,
    compliancePct: z
      .number()
      .min(0)
      .max(100)
      .describe('(in limit + excused) over the minutes of the day, one decimal, as the store shows it'),
    pass: z.boolean().describe('false on any excursion (out longer than the alert delay) touching the day'),
    excursions: z.number().int().min(0).max(1500).describe('excursions touching the day'),
    missedChecks: z.number().int().min(0).max(1500).describe('checks due that day and not done'),
  })
  .refine((d) => d.to > d.from, { message: '`to` must be after `from`', path: ['to'] })
  .refine((d) => d.inLimitMin + d.excusedMin + d.outOfLimitMin + d.noDataMin === d.minutesInDay, {
    message: 'in limit + excused + out of limit + no data must add up to minutesInDay: the day is closed',
    path: ['minutesInDay'],
  });
export type FoodSafetyDayPayload = z.infer<typeof FoodSafetyDayPayload>;

// ── queries ──────────────────────────────────────────────────────────────────────

const DAY_MS = 24 * 60 * 60 * 1000;
export const FOOD_SAFETY_DEFAULT_RANGE_MS = 7 * DAY_MS;
/** A quarter: what an inspection or an audit asks for. */
export const FOOD_SAFETY_MAX_RANGE_MS = 92 * DAY_MS;

const epochMs = z.coerce.number().int().nonnegative();

export const FoodSafetyRangeQuery = z.object({
  from: epochMs
    .optional()
    .describe(
      'epoch ms: store days starting at or after, excursions and actions from; default `to` − 7 days',
    ),
  to: epochMs.optional().describe('epoch ms, exclusive; default now'),
});
export type FoodSafetyRangeQuery = z.infer<typeof FoodSafetyRangeQuery>;

export const FoodSafetyRecordsQuery = FoodSafetyRangeQuery.extend({
  lang: Locale.default('zh-CN').describe('the language of the headings and words in the file'),
});
export type FoodSafetyRecordsQuery = z.infer<typeof FoodSafetyRecordsQuery>;

// ── answers ──────────────────────────────────────────────────────────────────────

const StoreHeader = z.object({
  storeId: StoreId,
  storeName: z.string(),
  regionId: z.string(),
  regionName: z.string(),
});

/**
 * `ok`: heads only ever moved forward; `tampered`: a head went backwards or was rewritten
 * (see the tamper alerts); `never_sent`: no head has reached central, so nothing can be said.
 */
export const ChainStatus = z.enum(['ok', 'tampered', 'never_sent']);
export type ChainStatus = z.infer<typeof ChainStatus>;

/** Minutes of the store days in range, summed over control points and days. */
export const ComplianceFigures = z.object({
  storeDays: z.number().int().describe('store days with at least one control point reported'),
  controlPointDays: z.number().int(),
  minutes: z.number().int().describe('minutes of those control-point days'),
  inLimitMin: z.number().int(),
  excusedMin: z.number().int(),
  outOfLimitMin: z.number().int(),
  noDataMin: z.number().int(),
  compliancePct: z
    .number()
    .nullable()
    .describe('(in limit + excused) over all minutes, one decimal; null with no day reported'),
  daysFailed: z.number().int().describe('store days on which at least one control point failed'),
  excursions: z.number().int(),
  missedChecks: z.number().int(),
});
export type ComplianceFigures = z.infer<typeof ComplianceFigures>;

export const StoreFoodSafety = StoreHeader.extend({
  compliance: ComplianceFigures,
  openActions: z.number().int().describe('corrective actions not signed off, whenever opened'),
  oldestOpenSince: z.number().int().nullable().describe('when the oldest of them opened'),
  oldestOpenAgeMs: z.number().int().nullable(),
  overdueActions: z.number().int().describe('open and past their due time, by central’s clock'),
  escalatedToCentral: z.number().int().describe('open actions the store escalated to regional operations'),
  openExcursions: z.number().int().describe('excursions still out of limit'),
  cooling: z.object({
    batches: z.number().int().describe('cooling batches started in the range'),
    failed: z.number().int().describe('of those, batches that missed a stage'),
  }),
  chain: z.object({
    status: ChainStatus,
    headSeq: z.number().int().nullable().describe('the newest head by the store’s sync order'),
    headAt: z.number().int().nullable(),
    alerts: z.number().int(),
  }),
});
export type StoreFoodSafety = z.infer<typeof StoreFoodSafety>;

export const RegionFoodSafety = z.object({
  regionId: z.string(),
  regionName: z.string(),
  stores: z.number().int(),
  compliance: ComplianceFigures,
  openActions: z.number().int(),
  overdueActions: z.number().int(),
  tamperedStores: z.number().int(),
});
export type RegionFoodSafety = z.infer<typeof RegionFoodSafety>;

export const FoodSafetyOverview = z.object({
  from: z.number().int(),
  to: z.number().int(),
  stores: z
    .array(StoreFoodSafety)
    .describe(
      'every store in scope, worst first: tampered chain, overdue actions, lowest compliance, most days ' +
        'failed, most missed checks; stores with nothing reported last',
    ),
  regions: z.array(RegionFoodSafety).describe('the same figures summed over each region’s stores in scope'),
});
export type FoodSafetyOverview = z.infer<typeof FoodSafetyOverview>;

export const ChainHead = z.object({
  eventSeq: z.number().int().describe('the store’s sync seq of the event that carried it'),
  seq: z.number().int().describe('the record’s place in the store’s hash chain'),
  hash: z.string(),
  at: z.number().int(),
});
export type ChainHead = z.infer<typeof ChainHead>;

/**
 * Two heads the store sent in this order (`earlier` synced before `later`) that no honest
 * chain can produce: `went_back`, the later one has a lower seq; `rewritten`, the same seq
 * with another hash. Both stay at central whatever the box does next.
 */
export const TamperAlert = StoreHeader.extend({
  kind: z.enum(['went_back', 'rewritten']),
  earlier: ChainHead,
  later: ChainHead,
  detectedAt: z.number().int().nullable().describe('when central received the later of the two'),
});
export type TamperAlert = z.infer<typeof TamperAlert>;

export const TamperAlertList = z.object({
  alerts: z.array(TamperAlert).describe('newest first'),
});
export type TamperAlertList = z.infer<typeof TamperAlertList>;

export const StoreFoodSafetyDetail = z.object({
  store: StoreFoodSafety,
  excursions: z
    .array(ExcursionView)
    .describe('overlapping the range or still out of limit, the newest version of each, newest first'),
  correctiveActions: z
    .array(CorrectiveActionView)
    .describe('every open one (oldest first), then those signed off that opened in the range, newest first'),
  tamperAlerts: z.array(TamperAlert),
  cooling: z
    .array(CoolingBatchView)
    .describe(
      'cooling batches started in the range, newest version of each: those that missed a stage first, then newest first',
    ),
  checks: z
    .array(CheckRecordView)
    .default([])
    .describe(
      'manual-check records of slots due in the range: missed and out of limit first, then newest first',
    ),
});
export type StoreFoodSafetyDetail = z.infer<typeof StoreFoodSafetyDetail>;
