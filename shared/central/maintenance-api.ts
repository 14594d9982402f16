import { z } from 'zod';
import { WorkOrderView } from '../api/maintenance';
import {
  MaintenanceMetricsGroup,
  PartConsumption,
  PmPerformance,
  SlaCompliance,
  TechnicianSlaCompliance,
} from '../api/maintenance-metrics';
import { PurchaseRequestView } from '../api/parts';
import { StoreId } from '../ids';

/**
 * Central's maintenance view (维保) for regional operations, built from what the edges
 * sync: `metrics.daily` (one store-local day each), `pm.*` work orders and `purchase.*`
 * requests. Scoped like every read route: a store outside the caller's scope is 404.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_METRICS_RANGE_MS = 30 * DAY_MS;

export const MaintenanceOverviewQuery = z.object({
  from: z.coerce.number().int().nonnegative().optional().describe('epoch ms; default 30 days before `to`'),
  to: z.coerce.number().int().positive().optional().describe('epoch ms, exclusive; default now'),
  storeId: StoreId.optional(),
});
export type MaintenanceOverviewQuery = z.infer<typeof MaintenanceOverviewQuery>;

/**
 * Several store-days summed: counts add up; averages are weighted by the repairs of
 * each day (the edge does not sync how many samples each average had); the PM backlog
 * is the newest day's of each store, since a backlog is a state, not a flow.
 */
export const MaintenanceRollup = z.object({
  days: z.number().int().describe('store-days that went into it'),
  repairs: z.number().int(),
  firstResponseAvgS: z.number().nullable(),
  mttrAvgS: z.number().nullable(),
  mtbfAvgS: z.number().nullable(),
  repeatRepairRate: z.number().nullable(),
  pm: PmPerformance,
  sla: SlaCompliance,
  partsConsumed: z.array(PartConsumption),
});
export type MaintenanceRollup = z.infer<typeof MaintenanceRollup>;

/**
 * The figures of the store day still running, which no `metrics.daily` covers yet: from
 * the end of the newest synced day (or the last 24 hours when none), computed by central
 * from the tickets and work orders synced so far. Repairs are the tickets opened since.
 */
export const RunningDayMetrics = z.object({
  since: z.number().int().describe('epoch ms: end of the newest synced day, else now − 24 h'),
  repairs: z.number().int().describe('repair tickets opened since'),
  acknowledged: z.number().int(),
  resolved: z.number().int(),
  firstResponseAvgS: z.number().nullable().describe('of those acknowledged so far'),
  mttrAvgS: z.number().nullable().describe('of those resolved so far'),
  repeatRepairRate: z.number().nullable(),
  openTickets: z.number().int().describe('unfinished now, whenever opened'),
  pmBacklog: z.number().int().describe('preventive work orders not yet done'),
  pmOverdue: z.number().int().describe("of the backlog, past their grace window by central's clock"),
});
export type RunningDayMetrics = z.infer<typeof RunningDayMetrics>;

export const StoreMaintenanceMetrics = z.object({
  storeId: z.string(),
  storeName: z.string(),
  regionId: z.string(),
  latestDay: z.string().nullable().describe('YYYY-MM-DD of the newest synced day in the range'),
  latest: MaintenanceMetricsGroup.nullable().describe('that day as the edge computed it'),
  latestByTechnician: z.array(TechnicianSlaCompliance),
  range: MaintenanceRollup,
  today: RunningDayMetrics,
});
export type StoreMaintenanceMetrics = z.infer<typeof StoreMaintenanceMetrics>;

export const RegionMaintenanceMetrics = z.object({
  regionId: z.string(),
  stores: z.number().int(),
  range: MaintenanceRollup,
});
export type RegionMaintenanceMetrics = z.infer<typeof RegionMaintenanceMetrics>;

export const MaintenanceOverview = z.object({
  from: z.number().int(),
  to: z.number().int(),
  stores: z.array(StoreMaintenanceMetrics),
  regions: z.array(RegionMaintenanceMetrics),
});
export type MaintenanceOverview = z.infer<typeof MaintenanceOverview>;

export const CentralWorkOrdersQuery = z.object({
  storeId: StoreId.optional(),
  limit: z.coerce.number().int().positive().max(1000).default(200),
});
export type CentralWorkOrdersQuery = z.infer<typeof CentralWorkOrdersQuery>;

export const CentralWorkOrder = z.object({
  storeId: z.string(),
  storeName: z.string(),
  regionId: z.string(),
  overdue: z.boolean().describe("past due + grace at central's now and not yet done"),
  overdueS: z.number().describe('how long past the grace window (0 when not overdue)'),
  workOrder: WorkOrderView,
});
export type CentralWorkOrder = z.infer<typeof CentralWorkOrder>;
export const CentralWorkOrderList = z.array(CentralWorkOrder);

export const CentralPurchasesQuery = z.object({
  storeId: StoreId.optional(),
  status: z
    .enum(['requested', 'open', 'all'])
    .default('requested')
    .describe('requested: waiting for approval; open: requested or approved (not yet received)'),
  limit: z.coerce.number().int().positive().max(1000).default(200),
});
export type CentralPurchasesQuery = z.infer<typeof CentralPurchasesQuery>;

export const CentralPurchaseRequest = z.object({
  storeId: z.string(),
  storeName: z.string(),
  regionId: z.string(),
  ageS: z.number().describe('since it was requested'),
  request: PurchaseRequestView,
});
export type CentralPurchaseRequest = z.infer<typeof CentralPurchaseRequest>;
export const CentralPurchaseRequestList = z.array(CentralPurchaseRequest);
