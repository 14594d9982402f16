import type { MeterView } from '../../../shared/api/maintenance';
import type { Database } from '../../store/database';

export interface ScheduleRow {
  plan_id: string;
  equipment_id: string;
  next_due_at: number | null;
  next_due_meter: number | null;
  last_done_at: number | null;
  last_work_order_id: number | null;
  updated_at: number;
}

export interface MeterRow {
  equipment_id: string;
  meter: string;
  value: number;
  last_ts: number | null;
  last_raw: number | null;
  updated_at: number;
}

/** Where each plan stands per equipment, the meters, and the cycle samples of condition plans. */
export class PmStateStore {
  readonly #s;

  constructor(readonly db: Database) {
    this.#s = {
      schedule: db.prepare<[string, string], ScheduleRow>(
        'SELECT * FROM pm_schedule WHERE plan_id = ? AND equipment_id = ?',
      ),
      putSchedule: db.prepare(
        `INSERT INTO pm_schedule (plan_id, equipment_id, next_due_at, next_due_meter, last_done_at,
           last_work_order_id, updated_at)
         VALUES (@plan_id, @equipment_id, @next_due_at, @next_due_meter, @last_done_at, @last_work_order_id,
           @updated_at)
         ON CONFLICT (plan_id, equipment_id) DO UPDATE SET next_due_at = excluded.next_due_at,
           next_due_meter = excluded.next_due_meter, last_done_at = excluded.last_done_at,
           last_work_order_id = excluded.last_work_order_id, updated_at = excluded.updated_at`,
      ),
      meter: db.prepare<[string, string], MeterRow>(
        'SELECT * FROM pm_meters WHERE equipment_id = ? AND meter = ?',
      ),
      meters: db.prepare<[string], MeterRow>('SELECT * FROM pm_meters WHERE equipment_id = ? ORDER BY meter'),
      putMeter: db.prepare(
        `INSERT INTO pm_meters (equipment_id, meter, value, last_ts, last_raw, updated_at)
         VALUES (@equipment_id, @meter, @value, @last_ts, @last_raw, @updated_at)
         ON CONFLICT (equipment_id, meter) DO UPDATE SET value = excluded.value, last_ts = excluded.last_ts,
           last_raw = excluded.last_raw, updated_at = excluded.updated_at`,
      ),
      addSample: db.prepare(
        'INSERT INTO pm_cycle_samples (plan_id, equipment_id, ended_at, bad) VALUES (?, ?, ?, ?)',
      ),
      share: db.prepare<[string, string, number], { cycles: number; bad: number | null }>(
        `SELECT count(*) AS cycles, sum(bad) AS bad FROM pm_cycle_samples
         WHERE plan_id = ? AND equipment_id = ? AND ended_at >= ?`,
      ),
      pruneSamples: db.prepare('DELETE FROM pm_cycle_samples WHERE ended_at < ?'),
    };
  }

  schedule(planId: string, equipmentId: string): ScheduleRow | undefined {
    return this.#s.schedule.get(planId, equipmentId);
  }

  putSchedule(row: ScheduleRow): void {
    this.#s.putSchedule.run(row);
  }

  meter(equipmentId: string, meter: string): MeterRow | undefined {
    return this.#s.meter.get(equipmentId, meter);
  }

  meters(equipmentId: string): MeterView[] {
    return this.#s.meters.all(equipmentId).map((r) => ({
      equipmentId: r.equipment_id,
      meter: r.meter,
      value: r.value,
      updatedAt: r.updated_at,
    }));
  }

  putMeter(row: MeterRow): void {
    this.#s.putMeter.run(row);
  }

  addCycleSample(planId: string, equipmentId: string, endedAt: number, bad: boolean): void {
    this.#s.addSample.run(planId, equipmentId, endedAt, bad ? 1 : 0);
  }

  /** Cycles and bad cycles of a condition plan since `from`. */
  cycleShare(planId: string, equipmentId: string, from: number): { cycles: number; bad: number } {
    const row = this.#s.share.get(planId, equipmentId, from);
    return { cycles: row?.cycles ?? 0, bad: row?.bad ?? 0 };
  }

  pruneSamples(before: number): void {
    this.#s.pruneSamples.run(before);
  }
}
