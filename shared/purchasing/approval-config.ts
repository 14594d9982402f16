import { z } from 'zod';

/**
 * Who approves a purchase request (审批), by amount and category: the store manager (店长)
 * on the box, the region's manager, purchaser and finance at central. The store config's
 * `purchasing.approval` says where each level's authority ends.
 */
export const ApprovalLevel = z.enum(['manager', 'regional_purchaser', 'regional_manager', 'finance']);
export type ApprovalLevel = z.infer<typeof ApprovalLevel>;

/** Decided on the store's box; every other level is decided at central and flows back down. */
export const STORE_LEVELS: readonly ApprovalLevel[] = ['manager'];
export const isStoreLevel = (level: ApprovalLevel): boolean => STORE_LEVELS.includes(level);

/** Amounts in the store's currency as decimal text; a threshold past ¥100 000 000 is a typing error. */
const MAX_THRESHOLD = 100_000_000;
const Threshold = z
  .string()
  .trim()
  .regex(/^\d{1,9}(\.\d{1,2})?$/, 'an amount such as "2000" or "2000.00", at most 2 decimals')
  .refine((s) => Number(s) > 0 && Number(s) <= MAX_THRESHOLD, `above 0 and at most ${MAX_THRESHOLD}`);

/**
 * The most each level may approve alone, gross (VAT included). A request above the
 * manager's limit needs the regional manager too; above the regional manager's, finance
 * as well (finance has no upper limit).
 */
export const ApprovalThresholds = z
  .strictObject({
    manager: Threshold.describe('店长: approves alone up to this gross amount'),
    regional_manager: Threshold.describe('the regional manager: up to this; above it finance approves too'),
  })
  .refine((t) => Number(t.regional_manager) >= Number(t.manager), {
    message: "the regional manager's limit is at least the store manager's",
    path: ['regional_manager'],
  });
export type ApprovalThresholds = z.infer<typeof ApprovalThresholds>;

export const DEFAULT_THRESHOLDS: ApprovalThresholds = { manager: '2000', regional_manager: '10000' };

export const ApprovalSettings = z
  .strictObject({
    thresholds: ApprovalThresholds.default(DEFAULT_THRESHOLDS),
    categories: z
      .strictObject({
        ingredient: ApprovalThresholds.optional(),
        part: ApprovalThresholds.optional(),
      })
      .default({})
      .describe('thresholds of their own for one category; omitted: `thresholds`'),
    overdueAfterHours: z
      .number()
      .int()
      .min(1)
      .max(720)
      .default(48)
      .describe('a step pending longer than this shows as overdue at central'),
  })
  .default({ thresholds: DEFAULT_THRESHOLDS, categories: {}, overdueAfterHours: 48 });
export type ApprovalSettings = z.infer<typeof ApprovalSettings>;
