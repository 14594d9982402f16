import type {
  ControlPointView,
  CorrectiveActionView,
  DailyCompliance,
  ExcursionView,
  MinuteLog,
} from '../../../../shared/api/food-safety';
import { localDayOf } from '../../maintenance-metrics/local-day';
import { type CoolingReportBatch, gatherCooling } from './report-cooling';
import { FoodSafetyReportError } from './report-errors';
import {
  type CheckReportEntry,
  gatherChecks,
  gatherTimeBatches,
  type TimeReportBatch,
} from './report-manual';
import type { FoodSafetyReportSource, ReportRange, ReportStore } from './report-source';

export interface ControlPointSummary {
  /** minutes in limit (excused included) over the minutes gone by, one decimal; null before any */
  compliancePct: number | null;
  daysPassed: number;
  daysFailed: number;
  /** days not over yet that have not failed */
  daysPending: number;
  excursions: number;
  openActions: number;
}

export interface ControlPointReport {
  controlPoint: ControlPointView;
  /** the store-local days the range touches, each whole */
  days: DailyCompliance[];
  summary: ControlPointSummary;
}

/**
 * What a food-safety report says, in neither language yet. The minute log is not held:
 * a month of a large store is close to a million records, so the renderers read it
 * from the source a day at a time, as `minuteLogs` gives it.
 */
export interface FoodSafetyReport {
  store: ReportStore;
  range: ReportRange;
  generatedAt: number;
  /** the chain head the report was made at; records after it are left out, so a copy can be reproduced */
  chainHead: { seq: number; hash: string; at: number };
  controlPoints: ControlPointReport[];
  excursions: ExcursionView[];
  actions: CorrectiveActionView[];
  /** manual-check slots due in the range, oldest first: values, missed ones, and the actions out-of-limit values opened */
  checks: CheckReportEntry[];
  /** batches held under time as the control during the range, oldest first */
  timeBatches: TimeReportBatch[];
  /** cooling batches started in the range, oldest first, each with the corrective action a missed stage opened */
  cooling: CoolingReportBatch[];
  /** The holding log of one control point over the range, a day at a time, clipped to the range and the chain head. */
  minuteLogs(controlPointId: string): Iterable<MinuteLog>;
  /** `Wang Li (mgr-1)` for a user id, the id alone when the source knows no name, null for nobody. */
  signer(by: string | null): string | null;
}

export interface ReportRequest extends ReportRange {
  /** one control point only */
  controlPointId?: string | undefined;
  /** one cooling batch only: its record, without the holding log */
  batchId?: number | undefined;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Lets timers and I/O run between slices of a long report. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The store-local days [from, to) touches, each named YYYY-MM-DD. */
export function daysOf(range: ReportRange, timeZone: string): string[] {
  const days: string[] = [];
  for (let day = localDayOf(range.from, timeZone); day.start < range.to; day = localDayOf(day.end, timeZone))
    days.push(day.day);
  return days;
}

function summarize(
  days: readonly DailyCompliance[],
  excursions: number,
  openActions: number,
): ControlPointSummary {
  let inLimit = 0;
  let elapsed = 0;
  let daysPassed = 0;
  let daysFailed = 0;
  let daysPending = 0;
  for (const day of days) {
    inLimit += day.inLimitMin + day.excusedMin;
    elapsed += day.minutesInDay - day.notYetMin;
    if (!day.pass) daysFailed++;
    else if (day.notYetMin > 0) daysPending++;
    else daysPassed++;
  }
  return {
    compliancePct: elapsed > 0 ? round1((inLimit / elapsed) * 100) : null,
    daysPassed,
    daysFailed,
    daysPending,
    excursions,
    openActions,
  };
}

/**
 * Reads what the report needs for [from, to) (one control point or all): each day's
 * compliance, the excursions and their corrective actions, the missed checks, and the
 * chain head first, so nothing newer than it slips in.
 */
export async function gatherFoodSafetyReport(
  source: FoodSafetyReportSource,
  request: ReportRequest,
  now: number,
): Promise<FoodSafetyReport> {
  const head = source.chainHead();
  const store = source.store();
  const range: ReportRange = { from: request.from, to: request.to };
  const all = source.controlPoints();
  if (request.controlPointId !== undefined && request.batchId !== undefined)
    throw new FoodSafetyReportError('QUERY_INVALID', {
      en: 'ask for one control point or one cooling batch, not both',
      'zh-CN': '请只指定一个控制点或一个冷却批次，不能同时指定',
    });
  const points =
    request.batchId !== undefined
      ? []
      : request.controlPointId === undefined
        ? all
        : all.filter((cp) => cp.id === request.controlPointId);
  if (request.controlPointId !== undefined && points.length === 0)
    throw new FoodSafetyReportError('CONTROL_POINT_NOT_FOUND', {
      en: `no control point "${request.controlPointId}"; known: ${all.map((cp) => cp.id).join(', ') || 'none'}`,
      'zh-CN': `没有控制点 "${request.controlPointId}"；现有：${all.map((cp) => cp.id).join('、') || '无'}`,
    });
  const wanted = new Set(points.map((cp) => cp.id));
  const byStart = <T extends { controlPointId: string }>(a: T, b: T, at: (x: T) => number) =>
    at(a) - at(b) || a.controlPointId.localeCompare(b.controlPointId);
  const excursions = source
    .excursions(range)
    .filter((e) => wanted.has(e.controlPointId))
    .sort((a, b) => byStart(a, b, (e) => e.startedAt));
  const actions = source
    .correctiveActions(range)
    .filter((a) => wanted.has(a.controlPointId))
    .sort((a, b) => byStart(a, b, (x) => x.openedAt));
  const days = daysOf(range, store.timeZone);
  // A control point's report carries the batches cooled on its unit; a batch's, that batch alone.
  const cooling = gatherCooling(source, range, head.seq, {
    batchId: request.batchId,
    equipmentIds:
      request.controlPointId === undefined ? undefined : new Set(points.map((cp) => cp.equipmentId)),
  });

  // A control point's report carries the checks on its unit; a cooling batch's, none.
  const manualFilter = {
    none: request.batchId !== undefined,
    equipmentIds:
      request.controlPointId === undefined ? undefined : new Set(points.map((cp) => cp.equipmentId)),
  };
  const checks = gatherChecks(source, range, head.seq, manualFilter);
  const timeBatches = gatherTimeBatches(source, range, head.seq, manualFilter);

  const controlPoints: ControlPointReport[] = [];
  for (const controlPoint of points) {
    // A month of a large store takes seconds to read: the box keeps ingesting in between.
    if (controlPoints.length > 0) await yieldToEventLoop();
    const compliance = days.map((day) => source.compliance(controlPoint.id, day));
    const open = actions.filter((a) => a.controlPointId === controlPoint.id && a.state === 'open').length;
    const count = excursions.filter((e) => e.controlPointId === controlPoint.id).length;
    controlPoints.push({ controlPoint, days: compliance, summary: summarize(compliance, count, open) });
  }

  function* minuteLogs(controlPointId: string): Iterable<MinuteLog> {
    for (const day of days) {
      const log = source.minuteLog(controlPointId, day);
      const records = log.records.filter(
        (r) => r.startTs < range.to && r.endTs > range.from && r.seq <= head.seq,
      );
      yield records.length === log.records.length ? log : { ...log, records };
    }
  }

  const report: FoodSafetyReport = {
    store,
    range,
    generatedAt: now,
    chainHead: { seq: head.seq, hash: head.hash, at: head.at },
    controlPoints,
    excursions,
    actions,
    checks,
    timeBatches,
    cooling,
    minuteLogs,
    signer: (by) => {
      if (by === null) return null;
      const name = source.personName?.(by);
      return name && name !== by ? `${name} (${by})` : by;
    },
  };
  return report;
}
