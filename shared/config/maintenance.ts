import { z } from 'zod';
import { EquipmentId, MetricName, SlugId } from '../ids';
import { LocalizedText } from './localized-text';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time such as "06:00"');
const WEEKDAY_LIST =
  /^(daily|(mon|tue|wed|thu|fri|sat|sun)(,(mon|tue|wed|thu|fri|sat|sun))*) ([01]\d|2[0-3]):[0-5]\d$/;

/** Every N days or weeks from the plan's start, at a local time of day. */
export const CalendarIntervalTrigger = z.strictObject({
  kind: z.literal('calendar'),
  every: z
    .strictObject({
      days: z.number().int().positive().optional(),
      weeks: z.number().int().positive().optional(),
    })
    .refine((e) => (e.days === undefined) !== (e.weeks === undefined), 'give either days or weeks'),
  at: HHMM.default('06:00').describe("local time of day in the store's timezone"),
});

/** A weekly rule in the store's timezone: "mon,thu 06:00" or "daily 06:00". */
export const CalendarRuleTrigger = z.strictObject({
  kind: z.literal('weekly'),
  rule: z.string().regex(WEEKDAY_LIST, 'a rule such as "mon,thu 06:00" or "daily 22:30"'),
});

/** Hours a boolean metric was true (e.g. compressor_on), counted from live telemetry. */
export const RunHoursTrigger = z.strictObject({
  kind: z.literal('run_hours'),
  metric: MetricName,
  everyHours: z.number().positive(),
  meter: SlugId.optional().describe('meter name, default "<metric>_run_hours"; repairs reset it by name'),
});

/** Cycles: rising edges of a boolean (fryer heating_on) or increments of a counter (cycle_count). */
export const CyclesTrigger = z.strictObject({
  kind: z.literal('cycles'),
  metric: MetricName,
  counting: z.enum(['rising_edge', 'counter']),
  every: z.number().int().positive(),
  meter: SlugId.optional().describe('meter name, default "<metric>_cycles"'),
});

const Comparison = z.enum(['<', '<=', '>', '>=']);

/** The latest reading crosses a limit, e.g. oil_life_pct < 20. */
export const ThresholdCondition = z.strictObject({
  kind: z.literal('condition'),
  when: z.literal('threshold'),
  metric: MetricName,
  op: Comparison,
  value: z.number(),
});

/**
 * Too many bad cycles in a window, e.g. final rinse below 82 °C in more than 10 % of
 * this week's cycles. A cycle runs while `cycleMetric` is true; it is bad when
 * `metric` compares to `value` at any point of it.
 */
export const CycleShareCondition = z.strictObject({
  kind: z.literal('condition'),
  when: z.literal('cycle_share'),
  cycleMetric: MetricName,
  metric: MetricName,
  op: Comparison,
  value: z.number(),
  overPct: z.number().min(0).max(100),
  windowDays: z.number().positive().default(7),
  minCycles: z.number().int().positive().default(20).describe('no verdict on fewer cycles'),
});

export const PmTrigger = z.union([
  CalendarIntervalTrigger,
  CalendarRuleTrigger,
  RunHoursTrigger,
  CyclesTrigger,
  z.discriminatedUnion('when', [ThresholdCondition, CycleShareCondition]),
]);
export type PmTrigger = z.infer<typeof PmTrigger>;

export const ChecklistStep = z.strictObject({
  id: SlugId,
  title: LocalizedText,
  required: z.boolean().default(true),
  measure: z
    .strictObject({
      unit: z.string().min(1),
      min: z.number().optional(),
      max: z.number().optional(),
    })
    .optional()
    .describe('the step asks for a measured value, checked against this range'),
});
export type ChecklistStep = z.infer<typeof ChecklistStep>;

export const PmPlan = z
  .strictObject({
    id: SlugId,
    title: LocalizedText,
    equipment: z.array(EquipmentId).optional().describe('these pieces of equipment'),
    types: z.array(SlugId).optional().describe('every piece of equipment of these types'),
    assignee: z
      .enum(['store', 'technician'])
      .default('technician')
      .describe("'store': a staff task on today's list, signed off by PIN"),
    trigger: PmTrigger,
    schedule: z
      .enum(['fixed', 'floating'])
      .default('fixed')
      .describe('fixed: next due counts from the due date; floating: from when the last one was done'),
    startAt: z.iso
      .date()
      .optional()
      .describe(
        'first day of calendar plans (YYYY-MM-DD, store time); default: the day the plan is first seen',
      ),
    graceHours: z.number().nonnegative().default(24).describe('overdue after due + grace'),
    checklist: z.array(ChecklistStep).default([]),
  })
  .refine((p) => p.equipment?.length || p.types?.length, {
    message: 'a plan applies to some equipment or types',
    path: ['equipment'],
  });
export type PmPlan = z.infer<typeof PmPlan>;

export const MaintenanceSettings = z
  .strictObject({
    plans: z.array(PmPlan).default([]),
    checkIntervalS: z.number().positive().default(60).describe('how often due dates and overdue are checked'),
    escalateToCentralAfterH: z
      .number()
      .nonnegative()
      .default(24)
      .describe('overdue work orders escalate to the manager at once, to central after this'),
    repeatRepairs: z
      .strictObject({
        count: z.number().int().min(2).default(3),
        windowDays: z.number().positive().default(90),
      })
      .default({ count: 3, windowDays: 90 })
      .describe('this many repairs of one fault suggest a shorter PM interval'),
  })
  .default({
    plans: [],
    checkIntervalS: 60,
    escalateToCentralAfterH: 24,
    repeatRepairs: { count: 3, windowDays: 90 },
  });
export type MaintenanceSettings = z.infer<typeof MaintenanceSettings>;

/** The meter a run-hours or cycles trigger counts into. */
export function meterOf(trigger: PmTrigger): string | undefined {
  if (trigger.kind === 'run_hours') return trigger.meter ?? `${trigger.metric}_run_hours`;
  if (trigger.kind === 'cycles') return trigger.meter ?? `${trigger.metric}_cycles`;
  return undefined;
}

/** Cross-checks against the equipment list, with paths, for StoreConfig's superRefine. */
export function crossCheckMaintenance(
  config: { equipment: { id: string; type: string }[]; equipmentTypes: Record<string, unknown> },
  plans: unknown,
  ctx: z.RefinementCtx,
): void {
  if (!Array.isArray(plans)) return;
  const ids = new Set(config.equipment.map((e) => e.id));
  const seen = new Set<string>();
  plans.forEach((plan: Partial<PmPlan>, i) => {
    if (typeof plan !== 'object' || plan === null) return;
    const at = ['maintenance', 'plans', i];
    if (plan.id && seen.has(plan.id))
      ctx.addIssue({ code: 'custom', path: [...at, 'id'], message: `duplicate plan id "${plan.id}"` });
    if (plan.id) seen.add(plan.id);
    plan.equipment?.forEach((id, j) => {
      if (!ids.has(id))
        ctx.addIssue({ code: 'custom', path: [...at, 'equipment', j], message: `no equipment "${id}"` });
    });
    plan.types?.forEach((type, j) => {
      if (!config.equipmentTypes[type])
        ctx.addIssue({
          code: 'custom',
          path: [...at, 'types', j],
          message: `unknown equipment type "${type}"`,
        });
    });
    const steps = new Set<string>();
    plan.checklist?.forEach((step, j) => {
      if (steps.has(step.id))
        ctx.addIssue({
          code: 'custom',
          path: [...at, 'checklist', j, 'id'],
          message: `duplicate step "${step.id}"`,
        });
      steps.add(step.id);
    });
  });
}
