import { type ChecklistStepView, WorkOrderView } from '../../../shared/api/maintenance';
import type { SyncHealth } from '../../../shared/sync/sync-protocol';

export const T0 = Date.UTC(2026, 0, 5, 2, 0);

export function step(
  part: Partial<ChecklistStepView> & Pick<ChecklistStepView, 'stepId'>,
): ChecklistStepView {
  return {
    position: 0,
    title: { en: `Step ${part.stepId}`, 'zh-CN': `步骤 ${part.stepId}` },
    required: true,
    measure: null,
    value: null,
    inRange: null,
    signedAt: null,
    signedBy: null,
    note: null,
    ...part,
  };
}

/** A work order as the edge answers it, checked by the shared schema so fixtures cannot drift. */
export function workOrder(part: Partial<WorkOrderView> & Pick<WorkOrderView, 'id'>): WorkOrderView {
  return WorkOrderView.parse({
    kind: 'preventive',
    planId: 'fryer-filter',
    equipmentId: 'fryer-1',
    title: { en: 'Clean the fryer filter', 'zh-CN': '清洁炸炉滤网' },
    severity: 'info',
    status: 'open',
    assignee: 'store',
    assignedTo: null,
    dueAt: T0,
    graceUntil: T0 + 3_600_000,
    overdue: false,
    escalation: 'none',
    dueReason: { trigger: 'weekly' },
    openedAt: T0 - 3_600_000,
    startedAt: null,
    resolvedAt: null,
    resolvedBy: null,
    verifiedAt: null,
    verifiedBy: null,
    closedAt: null,
    parts: [],
    resolutionNotes: null,
    checklist: [step({ stepId: 'clean' })],
    updatedAt: T0,
    ...part,
  });
}

export function syncHealth(part: Partial<SyncHealth> = {}): SyncHealth {
  return {
    enabled: true,
    centralUrl: 'https://central.example/',
    backlog: { high: 0, low: 0 },
    lastAckedSeq: 10,
    highestSeq: 10,
    lagMs: null,
    lastSuccessAt: T0 - 3 * 60_000,
    lastAttemptAt: T0 - 3 * 60_000,
    lastError: null,
    consecutiveFailures: 0,
    droppedRollups: 0,
    configVersion: 3,
    ...part,
  };
}
