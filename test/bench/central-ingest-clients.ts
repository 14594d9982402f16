import { Agent, request } from 'node:http';
import { alarmView, batchOf, event } from '../../cloud-sync/central/testing/central-test-kit';
import type { AlarmFeed } from '../../shared/central/api';
import { SYNC_ROUTES } from '../../shared/sync/sync-protocol';

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

export interface Answer {
  status: number;
  text: string;
}

/**
 * One HTTP exchange with node:http. The load generator stands in for 1 000 edge boxes,
 * each with a CPU of its own; here they share the machine with central, so they use
 * the cheapest client there is (fetch's streams cost the clients more than central
 * spent on the requests) and nothing of theirs is on the measured path but the request.
 */
export function exchange(
  url: URL,
  agent: Agent,
  init: { method: 'GET' | 'POST'; token: string; body?: string },
) {
  return new Promise<Answer>((resolve, reject) => {
    const headers: Record<string, string | number> = { authorization: `Bearer ${init.token}` };
    if (init.body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(init.body);
    }
    const req = request(url, { method: init.method, headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/**
 * The client side of the central ingest bench: every store posts one batch (a critical
 * alarm) at the same moment while a regional page polls the alarm feed with its cursor.
 * Runs in the bench's process or in a child process of its own (see the bench), since
 * in the field the 1 000 edges and the browser are not on central's event loop.
 */
export async function runIngestClients(job: IngestClientsJob): Promise<IngestClientsResult> {
  // Every edge its own connection, as in the field; the poller keeps one alive.
  const storesAgent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const pollerAgent = new Agent({ keepAlive: true, maxSockets: 1 });
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
        const answer = await exchange(
          new URL(
            `/api/alarms?after=${cursor}&limit=${FEED_PAGE}${before === undefined ? '' : `&before=${before}`}`,
            job.url,
          ),
          pollerAgent,
          { method: 'GET', token: job.admin },
        );
        const now = performance.now();
        const page = JSON.parse(answer.text) as AlarmFeed;
        for (const entry of page.entries) if (!seenAt.has(entry.storeId)) seenAt.set(entry.storeId, now);
        newest ??= page.cursor;
        const oldest = page.entries.at(-1)?.id;
        if (page.entries.length < FEED_PAGE || oldest === undefined) break;
        before = oldest;
      }
      cursor = newest;
    }
  })();

  // Each edge has its batch serialised before it posts.
  const batchUrl = new URL(SYNC_ROUTES.batches, job.url);
  const posts = job.stores.map(({ id, token }) => ({
    id,
    token,
    body: JSON.stringify(batchOf(id, [event(1, 'alarm.raised', 1, alarmView())])),
  }));
  const started = performance.now();
  const ackMs: number[] = [];
  let failed = 0;
  const statuses = new Map<number, number>();
  await Promise.all(
    posts.map(async ({ id, token, body }) => {
      const t0 = performance.now();
      sentAt.set(id, t0);
      const answer = await exchange(batchUrl, storesAgent, { method: 'POST', token, body }).catch(() => ({
        status: 0,
        text: '',
      }));
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
  storesAgent.destroy();
  pollerAgent.destroy();
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
