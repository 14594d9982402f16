import { meterOf } from '../../../shared/config/maintenance';
import { MaintenanceError } from './maintenance-errors';
import type { PmOutbox } from './pm-outbox';
import type { PmStateStore } from './pm-state-store';
import type { PlanTarget } from './resolve-plans';

export interface MeterResetRequest {
  equipmentId: string;
  meter: string;
  by: string;
  ticketId: number | null;
  at: number;
}

/** The meters the plans on one piece of equipment count, e.g. `compressor_on_run_hours`. */
export function metersOf(targets: readonly PlanTarget[], equipmentId: string): string[] {
  const meters = new Set<string>();
  for (const { plan, equipmentId: id } of targets) {
    const meter = id === equipmentId ? meterOf(plan.trigger) : undefined;
    if (meter) meters.add(meter);
  }
  return [...meters];
}

/**
 * Restarts a meter (compressor replaced → run-hours from 0) and the plans that count
 * it, as if just done; inside the caller's transaction. A meter a plan counts but that
 * has seen no reading yet is reset all the same: it starts at 0 either way, and the
 * repair that asked for it must not fail on a quiet machine.
 */
export function resetMeter(
  state: PmStateStore,
  outbox: PmOutbox,
  targets: readonly PlanTarget[],
  request: MeterResetRequest,
): void {
  const { equipmentId, meter, at } = request;
  const row = state.meter(equipmentId, meter);
  if (!row && !metersOf(targets, equipmentId).includes(meter))
    throw new MaintenanceError('PM_UNKNOWN_METER', `no meter "${meter}" on ${equipmentId}`);
  state.putMeter({
    equipment_id: equipmentId,
    meter,
    value: 0,
    last_ts: row?.last_ts ?? null,
    last_raw: row?.last_raw ?? null,
    updated_at: at,
  });
  for (const { plan, equipmentId: id } of targets) {
    const trigger = plan.trigger;
    if (id !== equipmentId || meterOf(trigger) !== meter) continue;
    if (trigger.kind !== 'run_hours' && trigger.kind !== 'cycles') continue;
    const schedule = state.schedule(plan.id, equipmentId);
    if (!schedule) continue;
    const every = trigger.kind === 'run_hours' ? trigger.everyHours : trigger.every;
    state.putSchedule({ ...schedule, next_due_meter: every, last_done_at: at, updated_at: at });
  }
  outbox.append('pm.meter_reset', equipmentId, at, {
    equipmentId,
    meter,
    by: request.by,
    ticketId: request.ticketId,
    previous: row?.value ?? 0,
  });
}
