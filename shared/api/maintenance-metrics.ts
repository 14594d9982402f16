import { z } from 'zod';
import { QueryTime } from './query-time';

export const MetricsGrouping = z.enum(['store', 'type', 'equipment']);
export type MetricsGrouping = z.infer<typeof MetricsGrouping>;

export const MaintenanceMetricsQuery = z.object({
  from: QueryTime.optional().describe('epoch ms or ISO 8601; default 30 days before `to`'),
  to: QueryTime.optional().describe('epoch ms or ISO 8601, exclusive; default now'),
  groupBy: MetricsGrouping.default('store'),
  equipmentId: z.string().optional(),
  type: z.string().optional().describe('equipment type'),
});
export type MaintenanceMetricsQuery = z.infer<typeof MaintenanceMetricsQuery>;

export const PartConsumption = z.object({
  partNumber: z.string(),
  quantity: z.number(),
  uses: z.number().int().describe('work orders it was used on'),
});
export type PartConsumption = z.infer<typeof PartConsumption>;

export const SlaCompliance = z.object({
  tracked: z.number().int().describe('repair tickets assigned under an SLA'),
  met: z.number().int(),
  breached: z.number().int(),
  pending: z.number().int(),
  compliance: z.number().nullable().describe('met / (met + breached)'),
});
export type SlaCompliance = z.infer<typeof SlaCompliance>;

export const PmPerformance = z.object({
  due: z.number().int().describe('work orders due in the window and decided (done, skipped or past grace)'),
  onTime: z.number().int().describe('done by the end of their grace window'),
  onTimeRate: z.number().nullable(),
  backlog: z.number().int().describe('unfinished at the end of the window'),
  overdue: z.number().int().describe('of the backlog, past their grace window'),
});
export type PmPerformance = z.infer<typeof PmPerformance>;

/** Repair and maintenance performance of one store, equipment type or piece of equipment. */
export const MaintenanceMetricsGroup = z.object({
  scope: MetricsGrouping,
  key: z.string().describe('store id, equipment type or equipment id'),
  repairs: z.number().int().describe('repair tickets opened in the window'),
  firstResponseAvgS: z.number().nullable().describe('opened → first acknowledged by a person'),
  mttrAvgS: z.number().nullable().describe('opened → resolved'),
  mtbfAvgS: z.number().nullable().describe('between automatic repair tickets of the same equipment'),
  repeatRepairRate: z.number().nullable(),
  pm: PmPerformance,
  sla: SlaCompliance,
  partsConsumed: z.array(PartConsumption),
});
export type MaintenanceMetricsGroup = z.infer<typeof MaintenanceMetricsGroup>;

export const TechnicianSlaCompliance = SlaCompliance.extend({ technicianId: z.string() });

export const MaintenanceMetrics = z.object({
  from: z.number().int(),
  to: z.number().int(),
  groupBy: MetricsGrouping,
  groups: z.array(MaintenanceMetricsGroup),
  byTechnician: z.array(TechnicianSlaCompliance),
});
export type MaintenanceMetrics = z.infer<typeof MaintenanceMetrics>;

/** `metrics.daily`: one store-local day, synced to central on the low-priority lane. */
export const DailyMaintenanceMetrics = z.object({
  day: z.string().describe('YYYY-MM-DD in the store time zone'),
  from: z.number().int(),
  to: z.number().int(),
  store: MaintenanceMetricsGroup,
  byType: z.array(MaintenanceMetricsGroup),
  byEquipment: z.array(MaintenanceMetricsGroup),
  byTechnician: z.array(TechnicianSlaCompliance),
});
export type DailyMaintenanceMetrics = z.infer<typeof DailyMaintenanceMetrics>;
