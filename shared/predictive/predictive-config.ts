import { z } from 'zod';
import { SlugId } from '../ids';
import { PredictiveSettings } from './predictive-settings';
import { PrescriptiveRule } from './prescriptive';

/** Equipment types watched when the config says nothing: the cold boxes and the fryers. */
export const DEFAULT_PREDICTIVE_TYPES = [
  'walk_in_cooler',
  'walk_in_freezer',
  'reach_in_cooler',
  'reach_in_freezer',
  'fryer',
] as const;

/** ¥ per kWh with at most 4 decimals; no kitchen pays more than ¥100 a kWh. */
const Tariff = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,4})?$/, 'a price per kWh like "1.4" (at most 4 decimals)')
  .refine((v) => Number(v) > 0 && Number(v) <= 100, 'between 0 and 100 per kWh');

/**
 * `predictive:` in the store config (optional): which equipment the box watches for slow
 * degradation, the tuning of the checks, and the repair-or-replace rule with the store's
 * electricity tariff. Strict: a misspelt key is an error, not a silently ignored setting.
 */
export const PredictiveConfig = z
  .strictObject({
    enabled: z.boolean().default(true).describe('false: no predictive checks on this box'),
    equipmentTypes: z
      .array(SlugId)
      .max(100)
      .default([...DEFAULT_PREDICTIVE_TYPES])
      .describe(
        'equipment types watched (the box knows how to read walk-in/reach-in coolers and freezers and fryers)',
      ),
    /** Equipment left out by id (a unit on its way out, a loaner). */
    excludeEquipment: z.array(SlugId).max(1000).default([]),
    settings: PredictiveSettings.prefault({}),
    repairOrReplace: PrescriptiveRule.prefault({}),
    tariffPerKwh: Tariff.optional().describe(
      'electricity price per kWh, for the energy penalty; omitted: no energy penalty is priced',
    ),
  })
  .describe('predictive maintenance on the box');
export type PredictiveConfig = z.infer<typeof PredictiveConfig>;
export type PredictiveConfigInput = z.input<typeof PredictiveConfig>;
