import { z } from 'zod';
import { LocalizedText } from '../localized-text';
import { ProductQuantity } from './food-safety';

/**
 * Batches held under time as the public health control (`foodSafety.timeControl`): a
 * cook takes food out of temperature control with its temperature, the box keeps its
 * deadline (the option's hours), warns before it, and records the batch served or
 * discarded by a person, or expired at the deadline with a corrective action to
 * discard it. Under an option with a ceiling (6 h, never above 21 °C) a reading above
 * the ceiling fails the batch at once.
 */

const TempC = z.number().min(-60).max(150);
const EpochMs = z.number().int().nonnegative().max(253_402_300_799_999);
const Seq = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const TimeBatchState = z.enum(['holding', 'served', 'discarded', 'expired', 'too_warm']);
export type TimeBatchState = z.infer<typeof TimeBatchState>;

export const TimeBatchChange = z.enum([
  'started',
  'warned',
  'reading',
  'served',
  'discarded',
  'expired',
  'too_warm',
]);
export type TimeBatchChange = z.infer<typeof TimeBatchChange>;

export const TimeBatchView = z.object({
  id: Seq.describe('the seq of the record that started it'),
  seq: Seq.describe('this version'),
  amends: Seq.nullable(),
  change: TimeBatchChange,
  product: z.string(),
  quantity: ProductQuantity.nullable(),
  pack: z.string(),
  packEdition: z.string(),
  limitId: z.string(),
  option: z.string().describe('the time_control option it is held under'),
  clause: z.string(),
  maxHours: z.number(),
  startC: TempC.describe('the temperature when it left temperature control'),
  neverAboveC: TempC.nullable(),
  startedAt: EpochMs,
  discardBy: EpochMs.describe('served or discarded by then'),
  warnAt: EpochMs,
  state: TimeBatchState,
  lastReading: z.object({ valueC: TempC, at: EpochMs }).nullable(),
  actionId: Seq.nullable().describe('the corrective action an expired or too-warm batch opened'),
  by: z.string().nullable(),
  note: z.string().nullable(),
  at: EpochMs,
  title: LocalizedText,
});
export type TimeBatchView = z.infer<typeof TimeBatchView>;

/** The options a batch may be held under, as the display offers them. */
export const TimeControlOptionView = z.object({
  id: z.string(),
  clause: z.string(),
  maxHours: z.number(),
  startAtMostC: TempC.nullable(),
  startAtLeastC: TempC.nullable(),
  neverAboveC: TempC.nullable(),
});
export type TimeControlOptionView = z.infer<typeof TimeControlOptionView>;

export const TimeBatchStart = z.object({
  product: z.string().trim().min(1).max(200),
  quantity: ProductQuantity.optional(),
  option: z.string().min(1).max(64).describe('an option id of the time_control limit'),
  startC: TempC.describe('the food’s temperature as it leaves temperature control, probed'),
  note: z.string().trim().max(2000).optional(),
});
export type TimeBatchStart = z.infer<typeof TimeBatchStart>;

export const TimeBatchReading = z.object({ valueC: TempC });
export type TimeBatchReading = z.infer<typeof TimeBatchReading>;

export const TimeBatchClose = z.object({
  outcome: z.enum(['served', 'discarded']),
  note: z.string().trim().max(2000).optional(),
});
export type TimeBatchClose = z.infer<typeof TimeBatchClose>;

export const TimeBatchQuery = z.object({
  state: z.enum(['active', 'all']).default('active'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type TimeBatchQuery = z.infer<typeof TimeBatchQuery>;

export const TimeBatchParams = z.object({
  batchId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});
