import { z } from 'zod';
import { MetricName, SlugId } from '../ids';

/**
 * Cooling of cooked food against a cooling limit of a pack (the FDA's 3-501.14: 57 → 21 °C
 * within 2 h, → 5 °C within 6 h in total), measured by a probe in the food. `probes` names
 * the units whose °C metric may be put in a batch, one unit or every unit of some types
 * (as control points do, so a config cut down to some equipment stays valid); a cook
 * starts a batch on one of them.
 */
export const CoolingProbe = z
  .strictObject({
    equipment: SlugId.optional().describe('one unit'),
    types: z.array(SlugId).min(1).optional().describe('every unit of these equipment types'),
    metric: MetricName.default('temp_c').describe('a °C metric of the equipment type, read as the food core'),
  })
  .refine((p) => (p.equipment === undefined) !== (p.types === undefined), {
    message: 'give either `equipment` (one unit) or `types` (every unit of them), not both',
    path: ['equipment'],
  });
export type CoolingProbe = z.infer<typeof CoolingProbe>;

export const CoolingSettings = z.strictObject({
  pack: SlugId.describe('a built-in pack id or one of `foodSafety.packs`'),
  limit: SlugId.describe('a cooling limit of that pack'),
  probes: z.array(CoolingProbe).min(1).max(50),
  warnWindowMin: z
    .number()
    .int()
    .min(2)
    .max(60)
    .default(15)
    .describe('the projection fits a line to this many minutes of the newest readings'),
});
export type CoolingSettings = z.infer<typeof CoolingSettings>;

/** The units a cooling section makes probes of, each once, with its metric. */
export function expandCoolingProbes(
  probes: readonly CoolingProbe[],
  equipment: readonly { id: string; type: string }[],
): { equipment: string; metric: string }[] {
  const found = new Map<string, string>();
  for (const probe of probes)
    for (const unit of equipment)
      if ((probe.equipment === unit.id || probe.types?.includes(unit.type)) && !found.has(unit.id))
        found.set(unit.id, probe.metric);
  return [...found].map(([id, metric]) => ({ equipment: id, metric }));
}
