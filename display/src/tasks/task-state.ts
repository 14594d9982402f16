import type { ChecklistStepView, WorkOrderView } from '../../../shared/api/maintenance';

const DAY_MS = 86_400_000;
const DONE = new Set<WorkOrderView['status']>(['resolved', 'verified', 'closed']);

/** Done is done whatever came after it (verified, closed). */
export function isDone(order: WorkOrderView): boolean {
  return order.resolvedAt !== null || DONE.has(order.status);
}

/** Steps that still need a number typed in: never measured, or measured out of range. */
export function stepsToMeasure(order: WorkOrderView): ChecklistStepView[] {
  return order.checklist.filter((s) => s.measure !== null && (s.signedAt === null || s.inRange === false));
}

/** Whole days past the due date, 0 while not yet a day late. */
export function daysLate(order: WorkOrderView, now: number): number {
  return Math.max(0, Math.floor((now - order.dueAt) / DAY_MS));
}

/** Whole days until due, 0 when due today or already. */
export function daysUntil(order: WorkOrderView, now: number): number {
  return Math.max(0, Math.floor((order.dueAt - now) / DAY_MS));
}

/** Open tasks first (overdue ahead), then the done ones; each group by due time. */
export function taskOrder(a: WorkOrderView, b: WorkOrderView): number {
  const rank = (o: WorkOrderView) => (isDone(o) ? 2 : o.overdue ? 0 : 1);
  return rank(a) - rank(b) || a.dueAt - b.dueAt || a.id - b.id;
}

export type Measurement =
  | { ok: true; value: number }
  | { ok: false; reason: 'empty' | 'not_a_number' | 'out_of_range'; value?: number };

/**
 * A typed value checked against the step's range. Commas and the real minus sign
 * count, as people type them on a kitchen tablet.
 */
export function checkMeasurement(step: Pick<ChecklistStepView, 'measure'>, text: string): Measurement {
  const cleaned = text.trim().replace(',', '.').replace('−', '-');
  if (cleaned === '') return { ok: false, reason: 'empty' };
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return { ok: false, reason: 'not_a_number' };
  const value = Number(cleaned);
  const { min, max } = step.measure ?? {};
  if ((min !== undefined && value < min) || (max !== undefined && value > max))
    return { ok: false, reason: 'out_of_range', value };
  return { ok: true, value };
}

/** "0 – 4 °C", "≥ 82 °C", "≤ 5 °C" or just the unit. */
export function rangeText(measure: NonNullable<ChecklistStepView['measure']>): string {
  const { min, max, unit } = measure;
  const n = (v: number) => String(v).replace(/^-/, '−');
  if (min !== undefined && max !== undefined) return `${n(min)} – ${n(max)} ${unit}`;
  if (min !== undefined) return `≥ ${n(min)} ${unit}`;
  if (max !== undefined) return `≤ ${n(max)} ${unit}`;
  return unit;
}
