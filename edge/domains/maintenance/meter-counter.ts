import type { PmPlan } from '../../../shared/config/maintenance';
import { meterOf } from '../../../shared/config/maintenance';
import type { ReadingValue } from '../../../shared/device-messages';
import type { MeterRow, PmStateStore } from './pm-state-store';

/** A gap longer than this is the device being silent, not running: it is not counted. */
export const MAX_RUN_GAP_MS = 15 * 60_000;

interface MeterSpec {
  meter: string;
  metric: string;
  counting: 'run_hours' | 'rising_edge' | 'counter';
}

/** The meters a set of plans needs on one piece of equipment (a meter shared by plans counts once). */
export function meterSpecs(plans: readonly PmPlan[]): MeterSpec[] {
  const specs = new Map<string, MeterSpec>();
  for (const { trigger } of plans) {
    const meter = meterOf(trigger);
    if (!meter) continue;
    if (trigger.kind === 'run_hours')
      specs.set(meter, { meter, metric: trigger.metric, counting: 'run_hours' });
    else if (trigger.kind === 'cycles')
      specs.set(meter, { meter, metric: trigger.metric, counting: trigger.counting });
  }
  return [...specs.values()];
}

const asNumber = (v: ReadingValue): number => (typeof v === 'boolean' ? (v ? 1 : 0) : v);

/**
 * Advances one meter by one reading. Run-hours add the time since the previous reading
 * while the metric was on; rising edges count off → on; counters add their increase
 * (a counter that went down was reset or replaced: counting resumes from there).
 * Readings older than the last one counted are ignored, so a replayed batch counts once.
 */
export function advanceMeter(row: MeterRow, spec: MeterSpec, ts: number, value: ReadingValue): boolean {
  if (row.last_ts !== null && ts <= row.last_ts) return false;
  const now = asNumber(value);
  const before = row.last_raw;
  if (before !== null && row.last_ts !== null) {
    if (spec.counting === 'run_hours' && before !== 0 && ts - row.last_ts <= MAX_RUN_GAP_MS)
      row.value += (ts - row.last_ts) / 3_600_000;
    else if (spec.counting === 'rising_edge' && before === 0 && now !== 0) row.value += 1;
    else if (spec.counting === 'counter' && now > before) row.value += now - before;
  }
  row.last_raw = now;
  row.last_ts = ts;
  row.updated_at = ts;
  return true;
}

/** Counts committed readings into the persisted meters of one equipment. */
export function countReadings(
  state: PmStateStore,
  equipmentId: string,
  specs: readonly MeterSpec[],
  readings: readonly { ts: number; readings: Record<string, ReadingValue> }[],
): Map<string, number> {
  const touched = new Map<string, number>();
  for (const spec of specs) {
    const row: MeterRow = state.meter(equipmentId, spec.meter) ?? {
      equipment_id: equipmentId,
      meter: spec.meter,
      value: 0,
      last_ts: null,
      last_raw: null,
      updated_at: 0,
    };
    let changed = false;
    for (const r of readings) {
      const value = r.readings[spec.metric];
      if (value !== undefined && advanceMeter(row, spec, r.ts, value)) changed = true;
    }
    if (changed) {
      state.putMeter(row);
      touched.set(spec.meter, row.value);
    }
  }
  return touched;
}
