import { finished } from 'node:stream/promises';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  HANDOVER_ROUTES,
  HandoverReportQuery,
  type HandoverSignature,
  HandoverSignRequest,
  HandoverStatus,
  SignedHandover,
} from '../../../../shared/api/commissioning-handover';
import { ApiHttpError } from '../../../../shared/server/http/errors';
import { defineRoute, type EdgeRoute } from '../../../api/edge-route';
import { type PinGate, pinOriginOf } from '../../../api/pin-gate';
import { renderHandoverCsv } from './handover-csv';
import { HandoverError } from './handover-errors';
import { renderHandoverPdfOffThread } from './handover-pdf-thread';
import type { HandoverReport } from './handover-report';
import type { HandoverService } from './handover-service';

const STATUS: Record<HandoverError['code'], [number, string]> = {
  INCOMPLETE: [409, 'checklist_incomplete'],
  ALREADY_SIGNED: [409, 'already_signed'],
  NOT_IN_CHARGE: [403, 'forbidden'],
  OVERRIDE_NOT_ADMIN: [403, 'forbidden'],
  FONT_MISSING: [503, 'font_missing'],
};

/** Refusals answer with both languages; an incomplete checklist also lists its open items. */
function asHttpError(err: HandoverError, report?: () => HandoverReport): ApiHttpError {
  const [status, code] = STATUS[err.code];
  const openItems =
    err.code === 'INCOMPLETE' && report
      ? report()
          .checklist.items.filter((i) => !i.complete)
          .map((i) => ({ id: i.id, title: i.title, progress: i.progress }))
      : undefined;
  return new ApiHttpError(
    status,
    code,
    err.message,
    undefined,
    {},
    {
      messages: err.messages,
      ...(openItems ? { openItems } : {}),
    },
  );
}

async function answer<T>(fn: () => T | Promise<T>, report?: () => HandoverReport): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw err instanceof HandoverError ? asHttpError(err, report) : err;
  }
}

/** The route answers the file itself (its name in content-disposition) and returns once it is written. */
async function sendFile(
  reply: FastifyReply,
  type: string,
  fileName: string,
  body: Buffer | string,
): Promise<void> {
  reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'no-store');
  const written = finished(reply.raw);
  reply.send(body);
  await written.catch((err: unknown) => {
    reply.log.info({ err, file: fileName }, 'handover download ended early');
  });
}

/** The screen shows who signed; the checklist signed on is in the files. */
function withoutChecklist(signed: SignedHandover): HandoverSignature {
  const { checklist: _signedOn, ...signature } = signed;
  return signature;
}

const fileName = (report: HandoverReport, lang: string, ext: string) =>
  `handover_${report.store.id.replace(/[^A-Za-z0-9._-]+/g, '-')}_${lang}.${ext}`;

const REPORT_DESCRIPTION =
  'The store, every piece of equipment installed (id, type, names, station, location, protocol, serial number, ' +
  'asset fields), the first reading of each with whether it was in range, each cold unit’s pull-down, the test-alarm ' +
  'round trip per unit (raised at the box → known at central, in seconds), every checklist item with its evidence, ' +
  'and who signed (or NOT SIGNED). Read by whoever reads the checklist.';

/**
 * The handover on the box: its report as PDF and CSV, and the one signature. Reading is
 * the checklist's permission; signing is a manager's or an admin's, with their PIN, and an
 * override of open items an admin's with a reason.
 */
export function handoverRoutes(deps: { handover: HandoverService; pinGate: PinGate }): EdgeRoute[] {
  const { handover, pinGate } = deps;
  return [
    defineRoute({
      method: 'GET',
      url: HANDOVER_ROUTES.status,
      summary: 'The handover as a screen shows it: who signed and when, and the test-alarm round trips',
      description:
        'The signature (null until signed) and, per unit, its test alarm raised at the box and seen at central with ' +
        'the round trip in seconds, gathered as the report gathers them. Read by whoever reads the checklist.',
      tags: ['commissioning'],
      access: 'diagnostics.read',
      response: HandoverStatus,
      handler: () => {
        const report = handover.report();
        return {
          signature: report.signature ? withoutChecklist(report.signature) : null,
          testAlarms: report.testAlarms.map(({ alarmId: _alarmId, ...trip }) => trip),
        };
      },
    }),
    defineRoute({
      method: 'GET',
      url: HANDOVER_ROUTES.pdf,
      summary: 'The commissioning handover report as a PDF (A4 landscape, en or zh-CN)',
      description: REPORT_DESCRIPTION,
      tags: ['commissioning'],
      access: 'diagnostics.read',
      querystring: HandoverReportQuery,
      response: z.string().optional().describe('the file: application/pdf'),
      contentType: 'application/pdf',
      errors: [503],
      handler: async ({ query, reply }) => {
        const report = handover.report();
        const body = await answer(() => renderHandoverPdfOffThread(report, query.lang));
        await sendFile(reply, 'application/pdf', fileName(report, query.lang, 'pdf'), body);
        return undefined;
      },
    }),
    defineRoute({
      method: 'GET',
      url: HANDOVER_ROUTES.csv,
      summary: 'The commissioning handover report as CSV (UTF-8 with BOM, RFC 4180)',
      description: REPORT_DESCRIPTION,
      tags: ['commissioning'],
      access: 'diagnostics.read',
      querystring: HandoverReportQuery,
      response: z.string().optional().describe('the file: text/csv'),
      contentType: 'text/csv; charset=utf-8',
      handler: async ({ query, reply }) => {
        const report = handover.report();
        await sendFile(
          reply,
          'text/csv; charset=utf-8',
          fileName(report, query.lang, 'csv'),
          renderHandoverCsv(report, query.lang),
        );
        return undefined;
      },
    }),
    defineRoute({
      method: 'POST',
      url: HANDOVER_ROUTES.sign,
      summary: 'Sign the commissioning handover (manager or admin, with PIN); recorded once',
      description:
        'Refused (409, `openItems` and `messages` in en and zh-CN) while checklist items are open, unless an admin ' +
        'gives `overrideReason`. A second signature is refused (409). The signature, the checklist it was signed on ' +
        'and its sha256 are kept and sent to central as `commissioning.handover`, where a store in commissioning opens.',
      tags: ['commissioning'],
      access: 'commissioning.handover.sign',
      body: HandoverSignRequest,
      response: SignedHandover,
      status: 201,
      errors: [403, 409, 429],
      handler: async ({ body, request }) => {
        const signer = await pinGate.check(
          { user: body.user, pin: body.pin },
          pinOriginOf(request),
          'sign_off',
        );
        return answer(
          () => handover.sign(signer, body.overrideReason),
          () => handover.report(),
        );
      },
    }),
  ];
}
