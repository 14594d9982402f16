import type { ExcursionView, LimitRecordView, MinuteLog } from '../../../../shared/api/food-safety';
import type { Bound } from '../../../../shared/config/food-safety';
import type { ReportRange } from './report-source';

/** What one pixel column of the chart shows: the extremes of every record that falls in it. */
export interface ChartBucket {
  minC: number;
  maxC: number;
  /** the worst reading: the highest under an at-most limit, the lowest under an at-least one */
  worstC: number;
  /** a record in the column was out of limit (not excused) */
  out: boolean;
}

/** A stretch of time under one limit record, for the limit's step line. */
export interface LimitStep {
  from: number;
  to: number;
  limit: LimitRecordView;
}

export interface ChartSeries {
  range: ReportRange;
  columns: number;
  buckets: (ChartBucket | null)[];
  limitSteps: LimitStep[];
  /** every limit record the range's records point at, oldest first */
  limits: LimitRecordView[];
  /** [from, to) of every excursion, clipped to the range; never fewer than were given */
  excursions: { from: number; to: number }[];
  records: number;
}

/**
 * Folds a holding log into one bucket per pixel column (min and max of each, so a
 * one-minute spike survives a month squeezed into 500 columns). One pass, constant
 * memory per column: a month of minute records never sits in memory at once.
 */
export function chartSeries(
  logs: Iterable<MinuteLog>,
  range: ReportRange,
  columns: number,
  bound: Bound,
  excursions: readonly ExcursionView[],
): ChartSeries {
  const span = range.to - range.from;
  const buckets: (ChartBucket | null)[] = new Array(columns).fill(null);
  const limitSteps: LimitStep[] = [];
  const limits = new Map<number, LimitRecordView>();
  const worse = bound === 'at_most' ? Math.max : Math.min;
  let records = 0;
  for (const log of logs) {
    for (const limit of log.limits) limits.set(limit.seq, limit);
    for (const r of log.records) {
      records++;
      const limit = limits.get(r.limitSeq);
      const last = limitSteps[limitSteps.length - 1];
      if (limit && last?.limit.seq === limit.seq) last.to = Math.max(last.to, Math.min(r.endTs, range.to));
      else if (limit)
        limitSteps.push({ from: Math.max(r.startTs, range.from), to: Math.min(r.endTs, range.to), limit });
      if (r.valueC === null) continue;
      const lo = r.minC ?? r.valueC;
      const hi = r.maxC ?? r.valueC;
      // A record spanning several columns (a 15-minute interval on a one-day chart) fills each.
      const first = column(r.startTs, range.from, span, columns);
      const lastColumn = column(Math.max(r.startTs, r.endTs - 1), range.from, span, columns);
      for (let c = first; c <= lastColumn; c++) {
        const b = buckets[c];
        if (b) {
          if (lo < b.minC) b.minC = lo;
          if (hi > b.maxC) b.maxC = hi;
          b.worstC = worse(b.worstC, r.valueC);
          if (r.status === 'out_of_limit') b.out = true;
        } else buckets[c] = { minC: lo, maxC: hi, worstC: r.valueC, out: r.status === 'out_of_limit' };
      }
    }
  }
  return {
    range,
    columns,
    buckets,
    limitSteps,
    limits: [...limits.values()].sort((a, b) => a.seq - b.seq),
    excursions: excursions.map((e) => ({
      from: Math.max(range.from, e.startedAt),
      to: Math.min(range.to, e.endedAt ?? range.to),
    })),
    records,
  };
}

function column(ts: number, from: number, span: number, columns: number): number {
  const c = Math.floor(((ts - from) / span) * columns);
  return c < 0 ? 0 : c >= columns ? columns - 1 : c;
}
