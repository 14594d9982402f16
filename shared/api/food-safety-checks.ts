import { z } from 'zod';
import { CheckMeasure } from '../config/food-safety-check-limit';
import { LocalizedText } from '../localized-text';
import { StoreDay } from './food-safety';
import { QueryTime } from './query-time';

export { CheckMeasure };

/**
 * Manual checks (`foodSafety.checks`): each scheduled time of a store day is a slot. A
 * value entered within the slot's window is its record, in limit or not (out of limit
 * opens a corrective action); a slot nobody filled is recorded as missed when its window
 * closes. Both are records of the hash chain.
 */

/** A hand probe's reading, °C. */
const ProbeC = z.number().min(-60).max(150);
const EpochMs = z.number().int().nonnegative().max(253_402_300_799_999);
const Seq = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const CheckRecordStatus = z.enum(['done', 'missed']);
export type CheckRecordStatus = z.infer<typeof CheckRecordStatus>;

export const CheckRecordView = z.object({
  id: Seq.describe('the record’s seq in the chain'),
  checkId: z.string(),
  title: LocalizedText.describe('the check’s name'),
  equipmentId: z.string().nullable(),
  slotAt: EpochMs.describe('when the check was due'),
  closesAt: EpochMs.describe('the end of its window: missed after this'),
  pack: z.string(),
  packEdition: z.string(),
  limitId: z.string(),
  clause: z.string(),
  measure: CheckMeasure.describe('the limit in force when it was recorded'),
  status: CheckRecordStatus,
  valueC: ProbeC.nullable().describe('what was measured; null when missed'),
  inLimit: z.boolean().nullable(),
  actionId: Seq.nullable().describe('the corrective action an out-of-limit value opened'),
  by: z.string().nullable().describe('who measured; system for a missed check'),
  note: z.string().nullable(),
  at: EpochMs,
});
export type CheckRecordView = z.infer<typeof CheckRecordView>;

/**
 * `upcoming`: not yet due; `due`: its window is open; `done` / `missed`: recorded (a
 * window that just closed shows missed until the next minute's sweep records it);
 * `not_kept`: its window closed before this box began keeping the check.
 */
export const CheckSlotState = z.enum(['upcoming', 'due', 'done', 'missed', 'not_kept']);
export type CheckSlotState = z.infer<typeof CheckSlotState>;

export const CheckSlotView = z.object({
  checkId: z.string(),
  name: LocalizedText,
  instruction: LocalizedText,
  equipmentId: z.string().nullable(),
  time: z.string().describe('HH:MM, store time'),
  slotAt: EpochMs,
  closesAt: EpochMs,
  state: CheckSlotState,
  limit: z.object({
    pack: z.string(),
    limitId: z.string(),
    clause: z.string(),
    title: LocalizedText,
    measure: CheckMeasure,
  }),
  record: CheckRecordView.nullable(),
});
export type CheckSlotView = z.infer<typeof CheckSlotView>;

export const ChecksQuery = z.object({ day: StoreDay.optional().describe('omitted: today, store time') });
export type ChecksQuery = z.infer<typeof ChecksQuery>;

export const CheckParams = z.object({ checkId: z.string().min(1).max(64) });

/**
 * `POST /api/food-safety/checks/{checkId}/records`: the person who measured, with their
 * PIN, whoever's session sends it; `slotAt` names the slot (from the day's list). `slotAt`
 * and `valueC` are required but checked only after the PIN, so a wrong PIN answers the
 * same whatever else the body holds.
 */
export const CheckEntry = z.object({
  user: z.string().min(1).max(64),
  pin: z.string().min(1).max(64),
  slotAt: EpochMs.optional().describe('required: the slot, as the day’s list gives it'),
  valueC: ProbeC.optional().describe('required: what was measured, °C'),
  note: z.string().trim().max(2000).optional(),
});
export type CheckEntry = z.infer<typeof CheckEntry>;

/** Slots due in [from, to); each time epoch ms or ISO 8601 with its zone. */
export const CheckRecordsQuery = z
  .object({
    from: QueryTime,
    to: QueryTime,
    status: CheckRecordStatus.optional(),
  })
  .refine((q) => q.to > q.from, { message: '`to` comes after `from`', path: ['to'] })
  .refine((q) => q.to - q.from <= 400 * 86_400_000, {
    message: 'at most 400 days at a time',
    path: ['to'],
  });
export type CheckRecordsQuery = z.infer<typeof CheckRecordsQuery>;
