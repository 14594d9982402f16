import type { CoolingBatchView, CorrectiveActionView } from '../../../../shared/api/food-safety';
import { FoodSafetyReportError } from './report-errors';
import type { FoodSafetyReportSource, ReportRange } from './report-source';

/** A cooling batch as the report prints it: its record and, when a stage was missed, the action it opened. */
export interface CoolingReportBatch {
  batch: CoolingBatchView;
  /** the corrective action a missed stage opened, in its latest version; null when none was opened */
  action: CorrectiveActionView | null;
}

/** Which batches a report covers: all, those measured on some probes (a control point's unit), or one. */
export interface CoolingFilter {
  /** only batches whose probe is one of these units */
  equipmentIds?: ReadonlySet<string> | undefined;
  /** only this batch; refused when it did not start in the range */
  batchId?: number | undefined;
}

/**
 * The cooling batches started in [from, to), oldest first, each with its corrective
 * action. A batch started after the chain head the report was made at is left out, so
 * the same range at the same head is the same document.
 */
export function gatherCooling(
  source: FoodSafetyReportSource,
  range: ReportRange,
  headSeq: number,
  filter: CoolingFilter,
): CoolingReportBatch[] {
  const started = (source.coolingBatches?.(range) ?? []).filter(
    (b) => b.startedAt >= range.from && b.startedAt < range.to && b.id <= headSeq,
  );
  const wanted = started
    .filter((b) => filter.batchId === undefined || b.id === filter.batchId)
    .filter((b) => filter.equipmentIds === undefined || filter.equipmentIds.has(b.equipmentId))
    .sort((a, b) => a.startedAt - b.startedAt || a.id - b.id);
  if (filter.batchId !== undefined && wanted.length === 0)
    throw new FoodSafetyReportError('BATCH_NOT_FOUND', {
      en: `no cooling batch ${filter.batchId} started in this range; batches started in it: ${started.map((b) => b.id).join(', ') || 'none'}`,
      'zh-CN': `此范围内没有开始的冷却批次 ${filter.batchId}；范围内的批次：${started.map((b) => b.id).join('、') || '无'}`,
    });
  return wanted.map((batch) => ({
    batch,
    action: batch.actionId === null ? null : (source.correctiveAction?.(batch.actionId) ?? null),
  }));
}

/** The stage a batch failed at (1-based), or null when none failed. */
export function failedStage(batch: CoolingBatchView): number | null {
  const index = batch.stages.findIndex((s) => s.result === 'failed');
  return index < 0 ? null : index + 1;
}
