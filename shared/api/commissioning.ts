import { z } from 'zod';
import { LocalizedText } from '../localized-text';

/**
 * The commissioning checklist (GET /api/commissioning/checklist): what must be proven
 * from live data before a store's first service, each item with its progress
 * ("17 of 20 reporting") and what it still waits for, by name.
 */
export const ChecklistItemId = z.enum([
  'reporting',
  'cold_pulldown',
  'test_alarms',
  'display',
  'sync',
  'users',
  'food_safety',
]);
export type ChecklistItemId = z.infer<typeof ChecklistItemId>;

export const ChecklistWaiting = z.object({
  /** The equipment, user or part it waits for; absent for the store as a whole. */
  subject: z.string().optional(),
  reason: LocalizedText,
});
export type ChecklistWaiting = z.infer<typeof ChecklistWaiting>;

export const ChecklistItem = z.object({
  id: ChecklistItemId,
  title: LocalizedText,
  complete: z.boolean(),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** "17 of 20 reporting, 3 waiting: fryer-2, ric-1, wic-1" */
  progress: LocalizedText,
  waiting: z.array(ChecklistWaiting),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const CommissioningChecklist = z.object({
  storeId: z.string(),
  checkedAt: z.number().int().describe('epoch ms the live data was read'),
  complete: z.boolean().describe('every item complete'),
  items: z.array(ChecklistItem),
});
export type CommissioningChecklist = z.infer<typeof CommissioningChecklist>;
