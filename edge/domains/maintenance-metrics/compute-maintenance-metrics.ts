import type {
  MaintenanceMetricsGroup,
  MetricsGrouping,
  PartConsumption,
  PmPerformance,
  SlaCompliance,
} from '../../../shared/api/maintenance-metrics';
import type { Severity } from '../../../shared/config/rules';
import type { StoreConfig } from '../../../shared/config/store-config';
import { computeTicketSla } from '../technicians/ticket-sla';
import { computeTicketMetrics } from '../tickets/ticket-metrics';
import type { MetricsHistory, PartUseRow, PmRow, TransitionRow } from './metrics-source';

export interface MetricsWindow {
  from: number;
  to: number;
}

/** Each repair ticket's SLA outcome at the end of the window, with whose SLA it was. */
export function slaOutcomes(history: MetricsHistory, config: StoreConfig, window: MetricsWindow) {
  const byTicket = new Map<number, Pick<TransitionRow, 'to' | 'at'>[]>();
  for (const t of history.repairTransitions) {
    const list = byTicket.get(t.ticket_id) ?? [];
    list.push(t);
    byTicket.set(t.ticket_id, list);
  }
  return history.repairs.flatMap((row) => {
    const sla = computeTicketSla(
      {
        id: row.id,
        severity: row.severity as Severity,
        assignedTo: row.assigned_to,
        assignedAt: row.assigned_at,
      },
      byTicket.get(row.id) ?? [],
      config.technicians,
      window.to,
    );
    return sla.state && sla.technicianId
      ? [{ equipmentId: row.equipment_id, technicianId: sla.technicianId, state: sla.state }]
      : [];
  });
}

export function slaCompliance(states: readonly { state: 'pending' | 'met' | 'breached' }[]): SlaCompliance {
  const count = (s: string) => states.filter((x) => x.state === s).length;
  const met = count('met');
  const breached = count('breached');
  return {
    tracked: states.length,
    met,
    breached,
    pending: count('pending'),
    compliance: met + breached ? met / (met + breached) : null,
  };
}

function pmPerformance(
  due: readonly PmRow[],
  backlog: MetricsHistory['pmBacklog'],
  to: number,
): PmPerformance {
  // Decided: done, skipped (closed undone), or past its grace window still undone.
  const decided = due.filter((w) => w.resolved_at !== null || w.closed_at !== null || w.grace_until < to);
  const onTime = decided.filter((w) => w.resolved_at !== null && w.resolved_at <= w.grace_until).length;
  return {
    due: decided.length,
    onTime,
    onTimeRate: decided.length ? onTime / decided.length : null,
    backlog: backlog.length,
    overdue: backlog.filter((w) => w.grace_until < to).length,
  };
}

function partsConsumed(uses: readonly PartUseRow[]): PartConsumption[] {
  const byPart = new Map<string, PartConsumption>();
  for (const use of uses) {
    const entry = byPart.get(use.partNumber) ?? { partNumber: use.partNumber, quantity: 0, uses: 0 };
    entry.quantity += -use.delta;
    entry.uses++;
    byPart.set(use.partNumber, entry);
  }
  return [...byPart.values()].sort((a, b) => a.partNumber.localeCompare(b.partNumber));
}

/** Which group each piece of equipment falls in. */
export function groupKeys(config: StoreConfig, grouping: MetricsGrouping): Map<string, string> {
  return new Map(
    config.equipment.map((e) => [
      e.id,
      grouping === 'store' ? config.store.id : grouping === 'type' ? e.type : e.id,
    ]),
  );
}

/**
 * Every figure from recorded timestamps: repair tickets opened in the window (first
 * response, MTTR, MTBF, repeats, SLA), work orders due in it (on-time rate), the
 * backlog at its end, and parts that left the stock on work orders in it.
 */
export function computeMaintenanceMetrics(
  history: MetricsHistory,
  config: StoreConfig,
  window: MetricsWindow,
  grouping: MetricsGrouping,
  include: (equipmentId: string) => boolean = () => true,
): MaintenanceMetricsGroup[] {
  const keyOf = groupKeys(config, grouping);
  const sla = slaOutcomes(history, config, window);
  const keys = [...new Set(config.equipment.filter((e) => include(e.id)).map((e) => keyOf.get(e.id)!))];
  return keys.map((key) => {
    const inGroup = (equipmentId: string | null) =>
      equipmentId !== null && include(equipmentId) && keyOf.get(equipmentId) === key;
    const repairs = history.repairs.filter((r) => inGroup(r.equipment_id));
    const ticketMetrics = computeTicketMetrics(repairs, window.to);
    return {
      scope: grouping,
      key,
      repairs: repairs.length,
      firstResponseAvgS: ticketMetrics.firstResponseAvgS,
      mttrAvgS: ticketMetrics.mttrAvgS,
      mtbfAvgS: ticketMetrics.mtbfAvgS,
      repeatRepairRate: ticketMetrics.repeatRepairRate,
      pm: pmPerformance(
        history.pmDue.filter((w) => inGroup(w.equipment_id)),
        history.pmBacklog.filter((w) => inGroup(w.equipment_id)),
        window.to,
      ),
      sla: slaCompliance(sla.filter((s) => inGroup(s.equipmentId))),
      partsConsumed: partsConsumed(history.partsUsed.filter((u) => inGroup(u.equipmentId))),
    };
  });
}
