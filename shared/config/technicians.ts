import { z } from 'zod';
import { SlugId, StoreId } from '../ids';
import { Severity } from './rules';

/** How well a technician knows an equipment type: 3 = certified by the maker, 1 = can try. */
export const SkillLevel = z.number().int().min(1).max(3);
export type SkillLevel = z.infer<typeof SkillLevel>;

/** Deadlines counted from the moment the ticket is assigned to the technician. */
export const SlaDeadlines = z.strictObject({
  respondWithinH: z.number().positive().describe('assigned → work started (in_progress)'),
  repairWithinH: z.number().positive().describe('assigned → resolved'),
});
export type SlaDeadlines = z.infer<typeof SlaDeadlines>;

export const TechnicianSla = z.partialRecord(Severity, SlaDeadlines);
export type TechnicianSla = z.infer<typeof TechnicianSla>;

export const Technician = z.strictObject({
  id: SlugId,
  name: z.string().min(1),
  kind: z.enum(['in_house', 'contractor']),
  company: z.string().min(1).optional(),
  userId: SlugId.optional().describe('the store user (role technician) who signs in as this technician'),
  skills: z
    .record(SlugId, SkillLevel)
    .describe('equipment type → skill level 1–3; only these types are suggested to them'),
  stores: z.array(StoreId).default([]).describe('stores covered; empty means this store only'),
  sla: TechnicianSla.optional().describe('per ticket severity; usually agreed with contractors'),
});
export type Technician = z.infer<typeof Technician>;

export const Technicians = z.array(Technician).default([]);

interface CrossCheckInput {
  equipmentTypes: Record<string, unknown>;
  users: readonly { id?: unknown; role?: unknown }[];
}

/** Technician ids unique, skills of known equipment types, linked users exist as technicians. */
export function crossCheckTechnicians(
  config: CrossCheckInput,
  technicians: unknown,
  ctx: z.RefinementCtx,
): void {
  if (!Array.isArray(technicians)) return;
  const seen = new Set<string>();
  technicians.forEach((tech: Partial<Technician> | null, i) => {
    if (typeof tech !== 'object' || tech === null) return;
    if (typeof tech.id === 'string') {
      if (seen.has(tech.id))
        ctx.addIssue({
          code: 'custom',
          path: ['technicians', i, 'id'],
          message: `duplicate technician "${tech.id}"`,
        });
      seen.add(tech.id);
    }
    for (const type of Object.keys(tech.skills ?? {})) {
      if (!(type in config.equipmentTypes)) {
        ctx.addIssue({
          code: 'custom',
          path: ['technicians', i, 'skills', type],
          message: `unknown equipment type "${type}"`,
        });
      }
    }
    if (tech.userId !== undefined) {
      const user = config.users.find((u) => u.id === tech.userId);
      if (user?.role !== 'technician') {
        ctx.addIssue({
          code: 'custom',
          path: ['technicians', i, 'userId'],
          message: `no store user "${tech.userId}" with role technician`,
        });
      }
    }
  });
}
