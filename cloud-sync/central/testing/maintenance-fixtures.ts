import type { WorkOrderView } from '../../../shared/api/maintenance';
import type {
  DailyMaintenanceMetrics,
  MaintenanceMetricsGroup,
} from '../../../shared/api/maintenance-metrics';

/** Payloads in the shapes the edge syncs (typed by the same schemas the edge builds them with). */

export function metricsGroup(overrides: Partial<MaintenanceMetricsGroup> = {}): MaintenanceMetricsGroup {
  return {
    scope: 'store',
    key: 'sh-001',
    repairs: 2,
    firstResponseAvgS: 600,
    mttrAvgS: 7200,
    mtbfAvgS: 86_400,
    repeatRepairRate: 0.5,
    pm: { due: 4, onTime: 3, onTimeRate: 0.75, backlog: 2, overdue: 1 },
    sla: { tracked: 2, met: 1, breached: 1, pending: 0, compliance: 0.5 },
    partsConsumed: [{ partNumber: 'GSK-1', quantity: 2, uses: 1 }],
    ...overrides,
  };
}

/** `metrics.daily` of one Asia/Shanghai day (UTC+8, so the day ends at 16:00 UTC). */
export function dailyMetrics(day: string, store: MaintenanceMetricsGroup): DailyMaintenanceMetrics {
  const end = Date.parse(`${day}T16:00:00Z`);
  return {
    day,
    from: end - 86_400_000,
    to: end,
    store,
    byType: [],
    byEquipment: [],
    byTechnician: [
      { technicianId: 'tech-wang', tracked: 2, met: 1, breached: 1, pending: 0, compliance: 0.5 },
    ],
  };
}

export function workOrderView(overrides: Partial<WorkOrderView> = {}): WorkOrderView {
  const dueAt = Date.UTC(2026, 0, 5, 0);
  return {
    id: 1,
    kind: 'preventive',
    planId: 'fryer-oil',
    equipmentId: 'fryer-1',
    title: { en: 'Change fryer oil', 'zh-CN': '更换炸炉油' },
    severity: 'warning',
    status: 'open',
    assignee: 'store',
    assignedTo: null,
    dueAt,
    graceUntil: dueAt + 86_400_000,
    overdue: false,
    escalation: 'none',
    dueReason: { trigger: 'calendar' },
    openedAt: dueAt,
    startedAt: null,
    resolvedAt: null,
    resolvedBy: null,
    verifiedAt: null,
    verifiedBy: null,
    closedAt: null,
    parts: [],
    resolutionNotes: null,
    checklist: [],
    updatedAt: dueAt,
    ...overrides,
  };
}
