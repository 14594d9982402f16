import { z } from 'zod';
import { LocalizedText } from '../localized-text';
import { ChecklistItemId } from './commissioning';

/**
 * The commissioning checklist's progress as central gets it: the box sends
 * `commissioning.progress` when an item's count or what it waits for changes (and once
 * when it starts), until the handover is signed. Only what is stable goes: counts and the
 * subjects waited for, not the reasons ("silent for 12 min" changes every minute).
 */
export const COMMISSIONING_PROGRESS_EVENT = 'commissioning.progress';

/** At most this many subjects per item: a line on a regional page, not the box's full list. */
export const PROGRESS_SUBJECTS_MAX = 60;

export const ChecklistProgressItem = z.object({
  id: ChecklistItemId,
  title: LocalizedText,
  complete: z.boolean(),
  done: z.number().int().nonnegative().max(10_000),
  total: z.number().int().nonnegative().max(10_000),
  /** "17 of 20 reporting, 3 waiting: fryer-2, ric-1, wic-1", as the box words it */
  progress: LocalizedText,
  waiting: z
    .array(z.string().min(1).max(64))
    .max(PROGRESS_SUBJECTS_MAX)
    .describe('the equipment or users it waits for, by id (the first ones)'),
});
export type ChecklistProgressItem = z.infer<typeof ChecklistProgressItem>;

export const CommissioningProgress = z.object({
  storeId: z.string().min(1),
  checkedAt: z.number().int().describe('epoch ms the box read its live data'),
  complete: z.boolean(),
  items: z.array(ChecklistProgressItem).max(20),
});
export type CommissioningProgress = z.infer<typeof CommissioningProgress>;
