import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Locale } from '../../../../shared/localized-text';
import { answerFromThread } from '../../../../shared/server/runtime/one-shot-thread';
import { HandoverError } from './handover-errors';
import type { HandoverPdfReply } from './handover-pdf-worker';
import type { HandoverReport } from './handover-report';

const WORKER_SOURCE = 'edge/domains/commissioning/handover/handover-pdf-worker.ts';

/**
 * The thread's entry as a source file: beside this module when it runs from source, and
 * found from the checkout's root when it runs inside the compiled edge (.build/edge/).
 */
function workerEntry(): string {
  const beside = new URL('./handover-pdf-worker.ts', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside.href;
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, WORKER_SOURCE);
    if (existsSync(candidate)) return pathToFileURL(candidate).href;
  }
  throw new Error(`the handover PDF thread's source ${WORKER_SOURCE} is missing`);
}
// The ESM build of tsx's API sits next to the CommonJS one require() finds.
const TSX_API = pathToFileURL(
  createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs'),
).href;
// A worker does not inherit the parent's loader hooks: it registers tsx before its entry.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi)
  .then((tsx) => { tsx.register(); return import(workerData.entry); })
  .catch((err) => { process.nextTick(() => { throw err; }); });
`;

/**
 * Renders the handover PDF on a thread of its own. Loading the CJK font and embedding its
 * subset is one synchronous stretch of about a second that cannot be split; on the main
 * thread it would hold /healthz, the displays and MQTT acknowledgements behind it.
 */
export async function renderHandoverPdfOffThread(report: HandoverReport, lang: Locale): Promise<Buffer> {
  const reply = await answerFromThread<HandoverPdfReply>('the handover PDF thread', BOOTSTRAP, {
    report,
    lang,
    entry: workerEntry(),
    tsxApi: TSX_API,
  });
  if (reply.ok) return Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength);
  if (reply.handover) throw new HandoverError(reply.handover.code, reply.handover.messages);
  throw new Error(`the handover PDF failed: ${reply.message}`);
}
