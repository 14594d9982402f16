import { z } from 'zod';
import { MetricName, SlugId } from '../ids';
import { LocalizedText } from './localized-text';
import { Suppression } from './rules';

/**
 * Which unit is under which limit. `equipment` names one unit (its id is the control
 * point's); `types` puts every unit of those types under it, each its own control point
 * `<equipment id>-<id>`, so a store's coolers are covered as they come and go. A type the
 * store does not have covers nothing (a config cut down to some types stays valid); the
 * control points in force are listed at `GET /api/food-safety/control-points`.
 */
export const ControlPoint = z
  .strictObject({
    id: SlugId.max(40),
    name: LocalizedText.optional().describe("omitted: the equipment's name"),
    equipment: SlugId.optional().describe('one unit'),
    types: z.array(SlugId).min(1).optional().describe('every unit of these equipment types'),
    metric: MetricName.default('temp_c').describe('a °C metric of the equipment type'),
    pack: SlugId.describe('a built-in pack id or one of `foodSafety.packs`'),
    limit: SlugId.describe('a holding limit of that pack'),
    alertDelayMin: z
      .number()
      .int()
      .min(0)
      .max(240)
      .optional()
      .describe(
        "out of limit longer than this is an excursion; omitted: the limit's default (30 for cold holding)",
      ),
    recordEveryMin: z
      .number()
      .int()
      .min(1)
      .max(60)
      .default(1)
      .refine((n) => 60 % n === 0, 'a divisor of 60, so records line up with the hour')
      .describe('the recording interval: one log record per this many minutes'),
    suppress: Suppression.optional().describe(
      'when out of limit is excused (defrost, door open); omitted: as the equipment’s food alarm rule on the metric',
    ),
  })
  .refine((cp) => (cp.equipment === undefined) !== (cp.types === undefined), {
    message: 'give either `equipment` (one unit) or `types` (every unit of them), not both',
    path: ['equipment'],
  });
export type ControlPoint = z.infer<typeof ControlPoint>;

/** The control points a config's entries stand for: one per unit, with the entry it came from. */
export function expandControlPoints<E extends { id: string; type: string }>(
  entries: readonly ControlPoint[],
  equipment: readonly E[],
): { id: string; entry: ControlPoint; unit: E }[] {
  return entries.flatMap((entry) =>
    entry.equipment !== undefined
      ? equipment.filter((e) => e.id === entry.equipment).map((unit) => ({ id: entry.id, entry, unit }))
      : equipment
          .filter((e) => entry.types?.includes(e.type))
          .map((unit) => ({ id: `${unit.id}-${entry.id}`, entry, unit })),
  );
}
