import {
  alarmView,
  batchOf,
  event,
  http,
  postBatch,
} from '../../cloud-sync/central/testing/central-test-kit';
import type { AlarmFeed } from '../../shared/central/api';

const FEED_PAGE = 500;

export interface IngestClientsJob {
  url: string;
  /** a session token for the regional feed poller */
  admin: string;
  stores: { id: string; token: string }[];
  timeoutMs: number;
}

export interface IngestClientsResult {
  /** POST sent → alarm seen in the feed, per store that was seen */
  visibleMs: number[];
  ackMs: number[];
  failed: number;
  seconds: number;
}

/**
 * The client side of the central ingest bench: every store posts one batch (a critical
 * alarm) at the same moment while a regional page polls the alarm feed with its cursor.
 * Runs in the bench's process or in a child process of its own (see the bench), since
 * in the field the 1 000 edges and the browser are not on central's event loop.
 */
export async function runIngestClients(job: IngestClientsJob): Promise<IngestClientsResult> {
  const sentAt = new Map<string, number>();
  const seenAt = new Map<string, number>();
  let polling = true;
  let cursor = 0;
  const poller = (async () => {
    while (polling && seenAt.size < job.stores.length) {
      // The feed is newest first: when a page is full, page back (before=) to the last cursor.
      let before: number | undefined;
      let newest: number | undefined;
      for (;;) {
        const page = await http<AlarmFeed>(
          `${job.url}/api/alarms?after=${cursor}&limit=${FEED_PAGE}${before === undefined ? '' : `&before=${before}`}`,
          { token: job.admin },
        );
        const now = performance.now();
        for (const entry of page.body.entries) if (!seenAt.has(entry.storeId)) seenAt.set(entry.storeId, now);
        newest ??= page.body.cursor;
        const oldest = page.body.entries.at(-1)?.id;
        if (page.body.entries.length < FEED_PAGE || oldest === undefined) break;
        before = oldest;
      }
      cursor = newest;
    }
  })();

  const started = performance.now();
  const ackMs: number[] = [];
  let failed = 0;
  const statuses = new Map<number, number>();
  await Promise.all(
    job.stores.map(async ({ id, token }) => {
      const t0 = performance.now();
      sentAt.set(id, t0);
      const answer = await postBatch(job.url, token, batchOf(id, [event(1, 'alarm.raised', 1, alarmView())]));
      if (answer.status !== 200) {
        failed++;
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      }
      ackMs.push(performance.now() - t0);
    }),
  );
  const deadline = Date.now() + job.timeoutMs;
  while (seenAt.size < job.stores.length - failed && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 5));
  polling = false;
  await poller;
  if (statuses.size > 0) process.stderr.write(`failed posts by status: ${JSON.stringify([...statuses])}\n`);
  return {
    visibleMs: [...seenAt].map(([id, at]) => at - (sentAt.get(id) ?? at)),
    ackMs,
    failed: failed + (job.stores.length - failed - seenAt.size),
    seconds: (performance.now() - started) / 1000,
  };
}

// As a child process: one job in over IPC, its result out, then exit.
if (process.send && process.argv.includes('--ingest-clients')) {
  process.once('message', (job: IngestClientsJob) => {
    runIngestClients(job).then(
      (result) => process.send?.(result, () => process.exit(0)),
      (err: unknown) => {
        process.stderr.write(`${String(err)}\n`);
        process.exit(1);
      },
    );
  });
}
