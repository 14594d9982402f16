import { z } from 'zod';
import { Bound, PackAuthority } from '../config/food-safety';
import { LocalizedText } from '../localized-text';

/** So a screen reads the whole food-safety contract from this one module. */
export { Bound, PackAuthority };

/**
 * Food-safety records over HTTP and to central: the holding log of each control point
 * (one record per recording interval, half-open [startTs, endTs)), its daily
 * compliance, excursions and the corrective actions they open. Temperatures are °C to
 * a hundredth, as stored.
 */

const TempC = z.number().min(-60).max(300);
/** Up to the year 9999: later is a clock gone wrong. */
const EpochMs = z.number().int().nonnegative().max(253_402_300_799_999);
const Seq = z
  .number()
  .int()
  .positive()
  .max(Number.MAX_SAFE_INTEGER)
  .describe('the record’s place in the store’s hash chain');
const RowId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const StoreDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a store-local day, YYYY-MM-DD');

/**
 * `in_limit`, `out_of_limit`; `excused`: out of limit only while the equipment said it
 * was defrosting or its door was open (or in the recovery after), as its alarm rule
 * excuses it; `no_data`: no reading in the interval.
 */
export const IntervalStatus = z.enum(['in_limit', 'out_of_limit', 'excused', 'no_data']);
export type IntervalStatus = z.infer<typeof IntervalStatus>;

/** The limit in force for a stretch of records, as it was recorded (later config changes add a new one). */
export const LimitRecordView = z.object({
  seq: Seq,
  controlPointId: z.string(),
  equipmentId: z.string(),
  metric: z.string(),
  pack: z.string(),
  packEdition: z.string(),
  authority: PackAuthority,
  limitId: z.string(),
  clause: z.string(),
  bound: Bound,
  limitC: TempC,
  alertDelayMin: z.number().int().min(0).max(240),
  recordEveryMin: z.number().int().min(1).max(60),
  recordedAt: EpochMs,
});
export type LimitRecordView = z.infer<typeof LimitRecordView>;

export const IntervalRecordView = z.object({
  seq: Seq,
  startTs: EpochMs,
  endTs: EpochMs.describe('exclusive'),
  status: IntervalStatus,
  valueC: TempC.nullable().describe(
    'the worst reading: the highest under an at-most limit, the lowest under an at-least one',
  ),
  minC: TempC.nullable(),
  maxC: TempC.nullable(),
  readings: z.number().int().min(0).max(100_000),
  excusedBy: z.string().nullable().describe('what excused it, e.g. defrost_on, door_open, window:defrost'),
  limitSeq: Seq.describe('the limit record in force'),
});
export type IntervalRecordView = z.infer<typeof IntervalRecordView>;

export const ExcursionView = z.object({
  id: Seq.describe('the seq of the record that opened it'),
  controlPointId: z.string(),
  equipmentId: z.string(),
  startedAt: EpochMs,
  endedAt: EpochMs.nullable().describe('null while still out of limit'),
  minutes: z.number().int().min(0).max(5_256_000),
  worstC: TempC.nullable(),
  limitSeq: Seq,
  bound: Bound,
  limitC: TempC,
  alertDelayMin: z.number().int().min(0).max(240),
  title: LocalizedText,
});
export type ExcursionView = z.infer<typeof ExcursionView>;

export const MinuteLog = z.object({
  controlPointId: z.string(),
  day: StoreDay,
  from: EpochMs,
  to: EpochMs,
  limits: z.array(LimitRecordView).describe('every limit the records of the day point at'),
  records: z.array(IntervalRecordView),
});
export type MinuteLog = z.infer<typeof MinuteLog>;

export const DailyCompliance = z.object({
  controlPointId: z.string(),
  day: StoreDay,
  from: EpochMs,
  to: EpochMs,
  minutesInDay: z.number().int().min(1380).max(1500),
  inLimitMin: z.number().int().min(0).max(1500),
  excusedMin: z.number().int().min(0).max(1500),
  outOfLimitMin: z.number().int().min(0).max(1500),
  noDataMin: z.number().int().min(0).max(1500),
  notYetMin: z.number().int().min(0).max(1500).describe('minutes of the day still to come'),
  compliancePct: z
    .number()
    .min(0)
    .max(100)
    .describe('minutes in limit (excused ones included) over the minutes of the day, one decimal'),
  pass: z.boolean().describe('false on any excursion longer than the alert delay during the day'),
  excursions: z.array(ExcursionView),
  verdict: LocalizedText,
});
export type DailyCompliance = z.infer<typeof DailyCompliance>;

export const ControlPointView = z.object({
  id: z.string(),
  name: LocalizedText,
  equipmentId: z.string(),
  metric: z.string(),
  pack: z.object({ id: z.string(), title: LocalizedText, authority: PackAuthority, edition: z.string() }),
  limit: z.object({
    id: z.string(),
    title: LocalizedText,
    bound: Bound,
    limitC: TempC,
    clause: z.object({ ref: z.string(), title: LocalizedText, quote: z.string() }),
  }),
  alertDelayMin: z.number().int().min(0).max(240),
  recordEveryMin: z.number().int().min(1).max(60),
  excusedWhile: z.array(z.string()).describe('the flags and windows that excuse it (defrost, door open)'),
  lastRecord: IntervalRecordView.nullable(),
  openExcursion: ExcursionView.nullable(),
});
export type ControlPointView = z.infer<typeof ControlPointView>;

export const ControlPointParams = z.object({ controlPointId: z.string().min(1).max(64) });
export const DayQuery = z.object({ day: StoreDay });

/** `reheat_recool`: a cooling batch that missed a stage, reheated and cooled again as a new batch. */
export const Disposition = z.enum(['kept', 'moved', 'discarded', 'reheat_recool']);
export type Disposition = z.infer<typeof Disposition>;

export const QuantityUnit = z.enum(['kg', 'g', 'l', 'ml', 'portion', 'each']);
export type QuantityUnit = z.infer<typeof QuantityUnit>;

export const ProductQuantity = z.object({
  amount: z
    .number()
    .min(0)
    .max(100_000)
    .refine((n) => Math.round(n * 1000) === n * 1000, 'at most 3 decimals'),
  unit: QuantityUnit,
});
export type ProductQuantity = z.infer<typeof ProductQuantity>;

export const CorrectiveActionState = z.enum(['open', 'signed_off']);
export type CorrectiveActionState = z.infer<typeof CorrectiveActionState>;

export const CorrectiveActionEscalation = z.enum(['none', 'manager', 'central']);
export type CorrectiveActionEscalation = z.infer<typeof CorrectiveActionEscalation>;

/** A version of a corrective action: each change is a new record pointing at the one it amends. */
export const CorrectiveActionView = z.object({
  id: Seq.describe('the seq of the record that opened it'),
  seq: Seq.describe('this version'),
  amends: Seq.nullable(),
  change: z.enum(['opened', 'escalated', 'signed_off']),
  controlPointId: z.string(),
  equipmentId: z.string(),
  excursionId: Seq.describe('the excursion; for a cooling failure, the cooling batch (as `coolingBatchId`)'),
  coolingBatchId: Seq.optional().describe('set when a cooling batch missed a stage'),
  checkRecordId: Seq.optional().describe('set when a manual check read out of limit'),
  timeBatchId: Seq.optional().describe(
    'set when a batch held under time as the control expired or ran too warm',
  ),
  alarmId: RowId.nullable(),
  ticketId: RowId.nullable(),
  state: CorrectiveActionState,
  title: LocalizedText,
  openedAt: EpochMs,
  dueAt: EpochMs,
  escalation: CorrectiveActionEscalation,
  whatDone: z.string().nullable(),
  disposition: Disposition.nullable(),
  quantity: ProductQuantity.nullable(),
  movedTo: z.string().nullable(),
  note: z.string().nullable(),
  by: z.string().nullable().describe('who signed it off (the person in charge), or system'),
  at: EpochMs,
});
export type CorrectiveActionView = z.infer<typeof CorrectiveActionView>;

export const CorrectiveActionsQuery = z.object({
  state: z.enum(['open', 'all']).default('open'),
  controlPointId: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type CorrectiveActionsQuery = z.infer<typeof CorrectiveActionsQuery>;

export const CorrectiveActionParams = z.object({
  actionId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

/**
 * `POST /api/food-safety/corrective-actions/{id}/sign-off`: signed by the person in
 * charge (a manager or admin) with their PIN, whoever's session sends it. `whatDone`,
 * `disposition` and `quantity` (and `movedTo` when moved) are required, but checked only
 * after the PIN, so a wrong PIN answers the same whatever else the body holds.
 */
export const CorrectiveActionSignOff = z.object({
  user: z.string().min(1).max(64),
  pin: z.string().min(1).max(64),
  whatDone: z.string().trim().min(1).max(2000).optional().describe('required: what was done'),
  disposition: Disposition.optional().describe('required: what became of the product'),
  quantity: ProductQuantity.optional().describe('required: how much product was kept, moved or discarded'),
  movedTo: z.string().trim().min(1).max(200).optional().describe('where it went; required when moved'),
  note: z.string().trim().max(2000).optional(),
});
export type CorrectiveActionSignOff = z.infer<typeof CorrectiveActionSignOff>;

/** `food_safety.chain_head`, entityId = store id: the newest record's seq and hash, so the box cannot rewrite its past unseen. */
export const ChainHeadEvent = z.object({
  seq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: EpochMs,
});
export type ChainHeadEvent = z.infer<typeof ChainHeadEvent>;

/**
 * Cooling logs: a batch of cooked food cooled against a pack's cooling limit, measured
 * by a probe. Cooling starts (t0) when the probe first reads the limit's `fromC` or
 * more; each stage must reach its temperature within its minutes of t0.
 */
export const CoolingStageResult = z.enum(['pending', 'passed', 'failed', 'skipped']);
export type CoolingStageResult = z.infer<typeof CoolingStageResult>;

export const CoolingState = z.enum(['waiting', 'cooling', 'passed', 'failed', 'discarded']);
export type CoolingState = z.infer<typeof CoolingState>;

export const CoolingStageView = z.object({
  toC: TempC,
  withinMin: z.number().int().min(1).max(1440).describe('minutes from t0'),
  deadline: EpochMs.nullable().describe('t0 + withinMin; null while waiting for t0'),
  result: CoolingStageResult,
  at: EpochMs.nullable().describe('when it passed (the reading) or failed (the deadline)'),
  valueC: TempC.nullable().describe('the reading that passed it, or the last one before it failed'),
  warnedAt: EpochMs.nullable().describe('when the curve first projected a miss'),
  projectedAt: EpochMs.nullable().describe('where the curve then reached the temperature; null: never'),
});
export type CoolingStageView = z.infer<typeof CoolingStageView>;

export const CoolingProjection = z.object({
  stage: z.number().int().min(1).max(4),
  at: EpochMs.nullable().describe(
    'when the line through the newest readings reaches the stage temperature; null: never',
  ),
  miss: z.boolean(),
  slopeCPerH: z.number(),
});
export type CoolingProjection = z.infer<typeof CoolingProjection>;

export const CoolingBatchView = z.object({
  id: Seq.describe('the seq of the record that started it'),
  seq: Seq.describe('this version'),
  amends: Seq.nullable(),
  change: z.enum(['started', 'cooling_began', 'stage_passed', 'stage_failed', 'warned', 'discarded']),
  product: z.string(),
  quantity: ProductQuantity.nullable(),
  equipmentId: z.string().describe('the probe'),
  metric: z.string(),
  pack: z.string(),
  packEdition: z.string(),
  limitId: z.string(),
  clause: z.string(),
  fromC: TempC,
  startedAt: EpochMs,
  t0: EpochMs.nullable().describe('when the probe first read fromC or more; null while waiting'),
  state: CoolingState,
  stages: z.array(CoolingStageView),
  actionId: Seq.nullable().describe('the corrective action a missed stage opened'),
  by: z.string().nullable(),
  note: z.string().nullable(),
  at: EpochMs,
  latest: z
    .object({ ts: EpochMs, valueC: TempC })
    .nullable()
    .describe('the newest probe reading this process has seen'),
  projection: CoolingProjection.nullable(),
  title: LocalizedText,
});
export type CoolingBatchView = z.infer<typeof CoolingBatchView>;

/** A unit a batch may be cooled on (`foodSafety.cooling.probes`), with the limit it is cooled to. */
export const CoolingProbeView = z.object({
  equipmentId: z.string(),
  name: LocalizedText,
  metric: z.string(),
  busyWith: Seq.nullable().describe('the batch cooling on it, if any'),
});
export type CoolingProbeView = z.infer<typeof CoolingProbeView>;

export const CoolingStart = z.object({
  product: z.string().trim().min(1).max(200),
  quantity: ProductQuantity.optional(),
  equipmentId: z.string().min(1).max(64).describe('a cooling probe of `foodSafety.cooling.probes`'),
  note: z.string().trim().max(2000).optional(),
});
export type CoolingStart = z.infer<typeof CoolingStart>;

export const CoolingQuery = z.object({
  state: z.enum(['active', 'all']).default('active'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type CoolingQuery = z.infer<typeof CoolingQuery>;

export const CoolingParams = z.object({
  batchId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

export const CoolingDiscard = z.object({
  note: z.string().trim().max(2000).optional(),
});
export type CoolingDiscard = z.infer<typeof CoolingDiscard>;
