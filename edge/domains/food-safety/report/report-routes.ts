import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ApiHttpError } from '../../../../shared/server/http/errors';
import { defineRoute, type EdgeRoute } from '../../../api/edge-route';
import { type FoodSafetyReport, gatherFoodSafetyReport } from './food-safety-report';
import { LocalTime } from './local-time';
import { renderReportCsv } from './report-csv';
import { FoodSafetyReportError } from './report-errors';
import { renderReportPdf } from './report-pdf';
import { FoodSafetyReportQuery, type ReportFormat, resolveReportRange } from './report-query';
import type { FoodSafetyReportSource } from './report-source';

export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
};

function asHttpError(err: FoodSafetyReportError): ApiHttpError {
  const missing = err.code === 'CONTROL_POINT_NOT_FOUND' || err.code === 'BATCH_NOT_FOUND';
  const status = missing ? 404 : err.code === 'FONT_MISSING' ? 503 : 400;
  const code = missing ? 'not_found' : err.code === 'FONT_MISSING' ? 'font_missing' : 'bad_request';
  return new ApiHttpError(status, code, err.message, undefined, {}, { messages: err.messages });
}

async function answer<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw err instanceof FoodSafetyReportError ? asHttpError(err) : err;
  }
}

/** `food-safety_demo-sh-001_2026-11-01_2026-11-30.pdf`: the store and the local days it covers. */
export function reportFileName(report: FoodSafetyReport, format: ReportFormat, narrowedTo?: string): string {
  const time = new LocalTime(report.store.timeZone);
  const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '-');
  const parts = [
    'food-safety',
    safe(report.store.id),
    ...(narrowedTo === undefined ? [] : [safe(narrowedTo)]),
    time.day(report.range.from),
    time.day(report.range.to - 1),
  ];
  return `${parts.join('_')}.${format}`;
}

/**
 * The registry sets one content type per route after the handler returns, and this one
 * answers PDF or CSV by the query: so it sends itself and returns once the response is
 * written, leaving nothing for the registry to send.
 */
async function sendFile(
  reply: FastifyReply,
  type: string,
  fileName: string,
  body: Buffer | Readable,
): Promise<void> {
  reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'no-store');
  const written = finished(reply.raw);
  reply.send(body);
  await written.catch((err: unknown) => {
    // The reader went away mid-download: nothing is left to answer, only to note.
    reply.log.info({ err, file: fileName }, 'report download ended early');
  });
}

/**
 * `GET /api/food-safety/report`: the store's food-safety records for a range as a PDF to
 * file or hand an inspector, or a CSV of every table and minute record. The person in
 * charge reads it (managers and admins); the kitchen sees the live records on the board.
 */
export function foodSafetyReportRoutes(deps: {
  source: FoodSafetyReportSource;
  clock: { now(): number };
}): EdgeRoute[] {
  const { source, clock } = deps;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/food-safety/report',
      summary: 'The store’s food-safety records (HACCP) for a range, as a PDF or CSV file',
      description:
        'PDF (A4, in `lang`): summary per control point, missed checks, then per control point its limit and clause, ' +
        'a temperature chart, daily compliance and every excursion with its corrective action and who signed it; ' +
        'then every cooling batch started in the range (product, probe, start, each stage passed or failed with its time ' +
        'and temperature, the corrective action, product disposition and who signed). ' +
        '`controlPoint` narrows it to one control point (and the batches cooled on its unit), `batch` to one cooling batch. ' +
        'every footer carries the generation time and the record chain head (seq and hash prefix) to check a printout ' +
        'against `npx galley food-safety verify`. CSV (UTF-8 with BOM): one section per table, the minute log last. ' +
        'At most 400 days. Records written after the chain head the report was made at are left out. ' +
        'A refusal carries `messages` in en and zh-CN.',
      tags: ['food-safety'],
      access: 'food_safety.report',
      querystring: FoodSafetyReportQuery,
      response: z.string().optional().describe('the file: application/pdf, or text/csv with format=csv'),
      contentType: REPORT_CONTENT_TYPES.pdf,
      errors: [400, 404, 503],
      handler: async ({ query, reply }) => {
        const report = await answer(() => {
          const range = resolveReportRange(query.from, query.to, source.store().timeZone);
          return gatherFoodSafetyReport(
            source,
            { ...range, controlPointId: query.controlPoint, batchId: query.batch },
            clock.now(),
          );
        });
        const fileName = reportFileName(
          report,
          query.format,
          query.batch === undefined ? query.controlPoint : `batch-${query.batch}`,
        );
        const body =
          query.format === 'csv'
            ? Readable.from(renderReportCsv(report, query.lang))
            : await answer(() => renderReportPdf(report, query.lang));
        await sendFile(reply, REPORT_CONTENT_TYPES[query.format], fileName, body);
        return undefined;
      },
    }),
  ];
}
