import { finished } from 'node:stream/promises';
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { StoreParams } from '../../../shared/central/api';
import {
  ArchivedReportAck,
  ArchivedReportFileParams,
  ArchivedReportFileQuery,
  ArchivedReportFormat,
  ArchivedReportList,
  ArchivedReportUpload,
  REPORT_ARCHIVE_BODY_LIMIT_BYTES,
  REPORT_ARCHIVE_ROUTES,
} from '../../../shared/central/food-safety-report-archive-api';
import { badRequest, forbidden, notFound } from '../../../shared/server/http/errors';
import { type CentralRoute, centralRoute, storeOf, userOf } from '../api/central-route';
import { EVERYONE } from '../api/roles';
import { scopeOf } from '../auth/caller';
import type { CentralContext } from '../central-context';
import {
  archivedReportFile,
  listArchivedReports,
  ReportUploadError,
  saveArchivedReport,
} from './report-archive-store';

const OUT_OF_SCOPE = 'no such store in your scope';
const CONTENT_TYPES: Record<ArchivedReportFormat, string> = {
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
};

/**
 * Lets the upload route take a month's packed CSV (REPORT_ARCHIVE_BODY_LIMIT_BYTES), every
 * other route keeping the server's limit. Call before the routes are mounted.
 */
export function allowReportArchiveBodies(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (route.url === REPORT_ARCHIVE_ROUTES.upload && route.method === 'POST')
      route.bodyLimit = REPORT_ARCHIVE_BODY_LIMIT_BYTES;
  });
}

/** The stores' monthly food-safety reports: uploaded by the boxes, read by the region. */
export function reportArchiveRoutes(
  ctx: Pick<CentralContext, 'database' | 'clock' | 'directory'>,
): CentralRoute[] {
  const { db } = ctx.database;
  return [
    centralRoute({
      method: 'POST',
      url: REPORT_ARCHIVE_ROUTES.upload,
      summary: 'Archive one file of a closed month’s food-safety report, as the store’s box made it',
      description:
        'The box renders each closed store month (PDF and CSV, zh-CN and en) and sends each file base64 with its ' +
        'sha256, which central checks (400 when the bytes do not match). A token stores only its own store (403). ' +
        'The same file again changes nothing (`stored: false`); a month rendered again is kept beside the first, ' +
        'and the newest is the one listed.',
      tags: ['sync', 'food-safety'],
      access: 'store',
      body: ArchivedReportUpload,
      response: ArchivedReportAck,
      errors: [400, 403, 404, 413],
      handler: async ({ auth: caller, body }) => {
        const store = storeOf(caller);
        if (body.storeId !== store.storeId)
          throw forbidden(`this token belongs to store ${store.storeId}, not ${body.storeId}`);
        try {
          return await saveArchivedReport(db, body, ctx.clock.now());
        } catch (err) {
          if (err instanceof ReportUploadError) throw badRequest(err.message);
          throw err;
        }
      },
    }),
    centralRoute({
      method: 'GET',
      url: REPORT_ARCHIVE_ROUTES.list,
      summary: 'The store’s archived monthly food-safety reports (the box’s own PDF and CSV)',
      description:
        'Newest month first; for each month, format and language the newest upload, with its size, sha256 and the ' +
        'record chain head printed in it. A store outside your scope answers 404, like one that does not exist.',
      tags: ['food-safety'],
      access: EVERYONE,
      params: StoreParams,
      response: ArchivedReportList,
      errors: [404],
      handler: async ({ auth: caller, params }) => {
        if (!(await ctx.directory.store(params.storeId, scopeOf(userOf(caller)))))
          throw notFound(OUT_OF_SCOPE);
        return { storeId: params.storeId, reports: await listArchivedReports(db, params.storeId) };
      },
    }),
    centralRoute({
      method: 'GET',
      url: REPORT_ARCHIVE_ROUTES.file,
      summary: 'Download one archived monthly food-safety report, as the store’s box made it',
      description:
        '`:file` is `YYYY-MM.pdf` or `YYYY-MM.csv`, `lang` the document’s language; the newest upload of it. ' +
        'The answer carries `X-Content-SHA256` (what the box sent) and a Content-Disposition file name. ' +
        'A store outside your scope answers 404, like a month not archived.',
      tags: ['food-safety'],
      access: EVERYONE,
      params: ArchivedReportFileParams,
      querystring: ArchivedReportFileQuery,
      response: z.string().optional().describe('the file: application/pdf or text/csv'),
      contentType: CONTENT_TYPES.pdf,
      errors: [404],
      handler: async ({ auth: caller, params, query, reply, request }) => {
        if (!(await ctx.directory.store(params.storeId, scopeOf(userOf(caller)))))
          throw notFound(OUT_OF_SCOPE);
        const [month = '', extension = ''] = params.file.split('.');
        const format = ArchivedReportFormat.parse(extension);
        const file = await archivedReportFile(db, params.storeId, month, format, query.lang);
        if (!file) throw notFound(`no ${format} report of ${month} in ${query.lang} archived for this store`);
        const safeStore = params.storeId.replace(/[^A-Za-z0-9._-]+/g, '-');
        const name = `food-safety_${safeStore}_${month}_${query.lang}.${format}`;
        reply
          .header('content-type', CONTENT_TYPES[format])
          .header('content-disposition', `attachment; filename="${name}"`)
          .header('x-content-sha256', file.sha256)
          .header('cache-control', 'no-store');
        // Stored packed; sent packed to every client that says it reads gzip (browsers do).
        const acceptsGzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
        if (acceptsGzip) reply.header('content-encoding', 'gzip');
        // The registry sets one content type per route: this one answers PDF or CSV, so it sends itself.
        const written = finished(reply.raw);
        reply.send(acceptsGzip ? file.gzip : gunzipSync(file.gzip));
        await written.catch((err: unknown) =>
          reply.log.info({ err, file: name }, 'report download ended early'),
        );
        return undefined;
      },
    }),
  ];
}
