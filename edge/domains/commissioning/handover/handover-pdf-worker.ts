import { parentPort, workerData } from 'node:worker_threads';
import type { Locale } from '../../../../shared/localized-text';
import { HandoverError } from './handover-errors';
import { renderHandoverPdf } from './handover-pdf';
import type { HandoverReport } from './handover-report';

/** What the thread answers: the file, or why not (a HandoverError keeps its code and both messages). */
export type HandoverPdfReply =
  | { ok: true; pdf: Uint8Array }
  | { ok: false; message: string; handover?: Pick<HandoverError, 'code' | 'messages'> };

const job = workerData as { report: HandoverReport; lang: Locale };
renderHandoverPdf(job.report, job.lang).then(
  (pdf) => parentPort?.postMessage({ ok: true, pdf } satisfies HandoverPdfReply),
  (err: unknown) =>
    parentPort?.postMessage({
      ok: false,
      message: err instanceof Error ? err.message : String(err),
      ...(err instanceof HandoverError ? { handover: { code: err.code, messages: err.messages } } : {}),
    } satisfies HandoverPdfReply),
);
