import { z } from 'zod';
import { SlugId } from '../ids';

export const PartNumber = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/,
    'a part number: letters, digits, ".", "_" and "-" (it appears in URLs)',
  );

/** A spare part the store keeps; its stock level lives in the database, not here. */
export const SparePart = z.object({
  partNumber: PartNumber,
  name: z.string().min(1).max(200),
  equipmentTypes: z.array(SlugId).default([]).describe('equipment types the part fits'),
  unit: z.string().min(1).max(20).default('pcs'),
  reorderPoint: z.number().nonnegative().describe('stock below this raises a purchase request'),
  reorderQuantity: z.number().positive().describe('how much a purchase request asks for'),
  initialStock: z
    .number()
    .nonnegative()
    .default(0)
    .describe('stock when the part first appears in the config'),
});
export type SparePart = z.infer<typeof SparePart>;

export const SpareParts = z.array(SparePart).default([]);

/** Part numbers unique and fitting known equipment types. */
export function crossCheckParts(
  config: { equipmentTypes: Record<string, unknown> },
  parts: unknown,
  ctx: z.RefinementCtx,
): void {
  if (!Array.isArray(parts)) return;
  const seen = new Set<string>();
  parts.forEach((part: Partial<SparePart> | null, i) => {
    if (typeof part !== 'object' || part === null) return;
    if (typeof part.partNumber === 'string') {
      if (seen.has(part.partNumber)) {
        ctx.addIssue({
          code: 'custom',
          path: ['parts', i, 'partNumber'],
          message: `duplicate part number "${part.partNumber}"`,
        });
      }
      seen.add(part.partNumber);
    }
    (part.equipmentTypes ?? []).forEach((type, j) => {
      if (!(type in config.equipmentTypes)) {
        ctx.addIssue({
          code: 'custom',
          path: ['parts', i, 'equipmentTypes', j],
          message: `unknown equipment type "${type}"`,
        });
      }
    });
  });
}
