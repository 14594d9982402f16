import { z } from 'zod';
import { ManualCheck } from './food-safety-checks';
import { ControlPoint } from './food-safety-control-point';
import { CoolingSettings } from './food-safety-cooling';
import { CorrectiveActionSettings } from './food-safety-corrective-actions';
import { RulePack } from './food-safety-rule-pack';
import { TimeControlSettings } from './food-safety-time-control';

/**
 * Food safety (HACCP): rule packs name critical limits with the clause each comes
 * from; control points put a piece of equipment under one limit. Packs are data: the
 * built-in ones live in shared/food-safety/packs/, a store adds its own under
 * `foodSafety.packs`, and every pack is checked by the same schema.
 */

export * from './food-safety-control-point';
export * from './food-safety-cooling';
export * from './food-safety-corrective-actions';
export { crossCheckFoodSafety } from './food-safety-cross-check';
export * from './food-safety-limits';
export * from './food-safety-rule-pack';

/** Two years is the floor: records are evidence for inspections long after the day. */
export const MIN_RETENTION_DAYS = 730;

export const FoodSafetySettings = z
  .strictObject({
    packs: z
      .array(RulePack)
      .default([])
      .describe("the store's own packs (company standard, local regulation)"),
    controlPoints: z.array(ControlPoint).default([]),
    correctiveActions: CorrectiveActionSettings,
    cooling: CoolingSettings.optional().describe('omitted: no cooling logs'),
    checks: z.array(ManualCheck).default([]).describe('checks done by hand at set times of day'),
    timeControl: TimeControlSettings.optional().describe(
      'omitted: no batches held under time as the control',
    ),
    retentionDays: z.number().int().min(MIN_RETENTION_DAYS).max(3650).default(MIN_RETENTION_DAYS),
  })
  .default({
    packs: [],
    controlPoints: [],
    correctiveActions: { dueAfterMin: 30, escalateToCentralAfterMin: 30 },
    checks: [],
    retentionDays: MIN_RETENTION_DAYS,
  });
export type FoodSafetySettings = z.infer<typeof FoodSafetySettings>;
