import type { CorrectiveActionView } from '../../../../shared/api/food-safety';
import type { CheckMeasure, CheckRecordView } from '../../../../shared/api/food-safety-checks';
import type { TimeBatchView } from '../../../../shared/api/food-safety-time';
import type { FoodSafetyReportSource, ReportRange } from './report-source';
import { celsius } from './report-text';

/** A manual-check record as the report prints it, with the corrective action an out-of-limit value opened. */
export interface CheckReportEntry {
  record: CheckRecordView;
  action: CorrectiveActionView | null;
}

/** A batch held under time as the control, with the corrective action its expiry opened. */
export interface TimeReportBatch {
  batch: TimeBatchView;
  action: CorrectiveActionView | null;
}

/** Which records a report covers: every one, those on some units (a control point's), or none (one cooling batch). */
export interface ManualFilter {
  equipmentIds?: ReadonlySet<string> | undefined;
  none?: boolean;
}

const actionOf = (source: FoodSafetyReportSource, id: number | null) =>
  id === null ? null : (source.correctiveAction?.(id) ?? null);

/**
 * The manual-check records of slots due in the range, missed ones included, oldest
 * first; a record after the chain head the report was made at is left out.
 */
export function gatherChecks(
  source: FoodSafetyReportSource,
  range: ReportRange,
  headSeq: number,
  filter: ManualFilter,
): CheckReportEntry[] {
  if (filter.none) return [];
  return (source.checkRecords?.(range) ?? [])
    .filter((r) => r.slotAt >= range.from && r.slotAt < range.to && r.id <= headSeq)
    .filter(
      (r) =>
        filter.equipmentIds === undefined ||
        (r.equipmentId !== null && filter.equipmentIds.has(r.equipmentId)),
    )
    .sort((a, b) => a.slotAt - b.slotAt || a.checkId.localeCompare(b.checkId))
    .map((record) => ({ record, action: actionOf(source, record.actionId) }));
}

/** The batches held under time as the control during the range, oldest first. */
export function gatherTimeBatches(
  source: FoodSafetyReportSource,
  range: ReportRange,
  headSeq: number,
  filter: ManualFilter,
): TimeReportBatch[] {
  if (filter.none || filter.equipmentIds !== undefined) return [];
  return (source.timeBatches?.(range) ?? [])
    .filter((b) => b.startedAt < range.to && b.id <= headSeq)
    .sort((a, b) => a.startedAt - b.startedAt || a.id - b.id)
    .map((batch) => ({ batch, action: actionOf(source, batch.actionId) }));
}

/** "≥ 63.0 °C", "0.0 °C ± 1.0": the limit a check was judged by. */
export function measureText(measure: CheckMeasure): string {
  return measure.kind === 'temperature'
    ? `${measure.bound === 'at_least' ? '≥' : '≤'} ${celsius(measure.tempC)} °C`
    : `${celsius(measure.referenceC)} °C ± ${measure.toleranceC}`;
}
