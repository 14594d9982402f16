import { z } from 'zod';
import { SlugId } from '../ids';
import {
  decimalPlaces,
  MAX_QUANTITY_MOVED,
  MAX_STOCK_LEVEL,
  precisionMessage,
  QUANTITY_DECIMALS,
  quantity,
  unitDecimals,
} from '../quantity';

export const PartNumber = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/,
    'a part number: letters, digits, ".", "_" and "-" (it appears in URLs)',
  );

/** A spare part the store keeps; its stock level lives in the database, not here. */
export const SparePart = z.strictObject({
  partNumber: PartNumber,
  name: z.string().min(1).max(200),
  equipmentTypes: z.array(SlugId).default([]).describe('equipment types the part fits'),
  unit: z
    .string()
    .trim()
    .min(1)
    .max(20)
    .default('pcs')
    .describe('kg, l and m keep 3 decimals; pcs, box, g, ml and other units are whole numbers'),
  decimals: z
    .number()
    .int()
    .min(0)
    .max(QUANTITY_DECIMALS)
    .optional()
    .describe("decimals a quantity of this part may have, when its unit's default does not fit"),
  reorderPoint: quantity({ sign: 'nonnegative', max: MAX_STOCK_LEVEL, what: 'a reorder point' }).describe(
    'stock below this raises a purchase request',
  ),
  reorderQuantity: quantity({ sign: 'positive', max: MAX_QUANTITY_MOVED, what: 'a purchase' }).describe(
    'how much a purchase request asks for',
  ),
  initialStock: quantity({ sign: 'nonnegative', max: MAX_STOCK_LEVEL, what: 'a stock level' })
    .default(0)
    .describe('stock when the part first appears in the config'),
});
export type SparePart = z.infer<typeof SparePart>;

export const SpareParts = z.array(SparePart).default([]);

/** Decimals a quantity of this part may have (from its unit, or its own `decimals`). */
export function partDecimals(part: Pick<SparePart, 'unit' | 'decimals'>): number {
  return unitDecimals(part.unit, part.decimals);
}

const QUANTITY_FIELDS = ['reorderPoint', 'reorderQuantity', 'initialStock'] as const;

/** Part numbers unique, fitting known equipment types, quantities as precise as the unit allows. */
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
    if (typeof part.unit === 'string') {
      const decimals = unitDecimals(part.unit, part.decimals);
      for (const field of QUANTITY_FIELDS) {
        const value = part[field];
        if (typeof value === 'number' && decimalPlaces(value) > decimals) {
          ctx.addIssue({
            code: 'custom',
            path: ['parts', i, field],
            message: `${value}: ${precisionMessage(part.unit, decimals)} (set "decimals" for another precision)`,
          });
        }
      }
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
