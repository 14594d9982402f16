import { z } from 'zod';
import { QueryTime } from '../../../../shared/api/query-time';
import { Locale } from '../../../../shared/localized-text';
import { localDayOf } from '../../maintenance-metrics/local-day';
import { FoodSafetyReportError } from './report-errors';
import type { ReportRange } from './report-source';

/** The longest range one report covers: a year and a month, what an annual inspection asks for. */
export const MAX_REPORT_DAYS = 400;
const DAY_MS = 86_400_000;
const STORE_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A bound of the range: an instant, or a whole store-local day whose zone only the store knows. */
export type ReportTime = { instant: number } | { day: string };

const isCalendarDay = (text: string): boolean => {
  const m = STORE_DAY.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
};

export const ReportTimeParam = z
  .string()
  .trim()
  .transform((text, ctx): ReportTime => {
    if (isCalendarDay(text)) return { day: text };
    const instant = QueryTime.safeParse(text);
    if (instant.success) return { instant: instant.data };
    ctx.addIssue({
      code: 'custom',
      message:
        `a store day (2026-11-01), epoch milliseconds or ISO 8601 with a zone (2026-11-01T00:00:00+08:00); got "${text}"` +
        ` / 应为门店日期（2026-11-01）、毫秒时间戳或带时区的 ISO 8601 时间（2026-11-01T00:00:00+08:00）；收到 "${text}"`,
    });
    return z.NEVER;
  });

export const ReportFormat = z.enum(['csv', 'pdf']);
export type ReportFormat = z.infer<typeof ReportFormat>;

export const FoodSafetyReportQuery = z.object({
  from: ReportTimeParam.describe(
    'epoch ms, ISO 8601 with a zone, or a store-local day YYYY-MM-DD (from its start)',
  ),
  to: ReportTimeParam.describe(
    'exclusive: epoch ms or ISO 8601 with a zone; a store-local day YYYY-MM-DD includes that day (to its end)',
  ),
  format: ReportFormat.default('pdf').describe(
    'pdf: A4 for filing; csv: every table and record, UTF-8 with BOM',
  ),
  lang: Locale.default('zh-CN').describe('the language of the document'),
  controlPoint: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe('one control point only: its holding records and the cooling batches measured on its unit'),
  batch: z.coerce
    .number()
    .int()
    .positive()
    .max(Number.MAX_SAFE_INTEGER)
    .optional()
    .describe(
      'one cooling batch only (its id, as GET /api/food-safety/cooling lists it); not with controlPoint',
    ),
});
export type FoodSafetyReportQuery = z.infer<typeof FoodSafetyReportQuery>;

/** The store-local day named YYYY-MM-DD, as the instants [start, end). */
function storeDay(day: string, timeZone: string): { start: number; end: number } {
  const [y = 1970, m = 1, d = 1] = day.split('-').map(Number);
  // Noon UTC of a date is that date, or the one either side, in every zone: step to it.
  let found = localDayOf(Date.UTC(y, m - 1, d, 12), timeZone);
  if (found.day < day) found = localDayOf(found.end, timeZone);
  else if (found.day > day) found = localDayOf(found.start - 1, timeZone);
  return found;
}

/**
 * The instants a query names, in the store's zone: a day as `from` starts the range
 * and as `to` ends it inclusive (from=2026-11-01&to=2026-11-30 is November, as people
 * say it). Refused when reversed, empty or longer than MAX_REPORT_DAYS.
 */
export function resolveReportRange(from: ReportTime, to: ReportTime, timeZone: string): ReportRange {
  const start = 'day' in from ? storeDay(from.day, timeZone).start : from.instant;
  const end = 'day' in to ? storeDay(to.day, timeZone).end : to.instant;
  if (end <= start)
    throw new FoodSafetyReportError('RANGE_INVALID', {
      en: '`to` must be after `from`',
      'zh-CN': '结束时间 `to` 必须晚于开始时间 `from`',
    });
  if (end - start > MAX_REPORT_DAYS * DAY_MS)
    throw new FoodSafetyReportError('RANGE_INVALID', {
      en: `a report covers at most ${MAX_REPORT_DAYS} days; this range is ${Math.ceil((end - start) / DAY_MS)}: split it`,
      'zh-CN': `一份报告最多覆盖 ${MAX_REPORT_DAYS} 天，此范围为 ${Math.ceil((end - start) / DAY_MS)} 天：请分段导出`,
    });
  return { from: start, to: end };
}
