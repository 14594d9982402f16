import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { alarmView, batchOf, event, postBatch } from '../../cloud-sync/central/testing/central-test-kit';

export interface ReceivedWebhook {
  idempotencyKey: string | undefined;
  /** The status answered, or null for a request held open and never answered. */
  answered: number | null;
}

/**
 * A chat tool's webhook endpoint. With `holdFirst` it never answers the first request, as
 * when the sending process dies before it hears back; every later one gets 200.
 */
export async function startWebhookReceiver(options: { holdFirst: boolean }) {
  const received: ReceivedWebhook[] = [];
  const held: ServerResponse[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const key = req.headers['idempotency-key'];
      const entry: ReceivedWebhook = {
        idempotencyKey: typeof key === 'string' ? key : undefined,
        answered: null,
      };
      received.push(entry);
      if (options.holdFirst && received.length === 1) {
        held.push(res);
        return;
      }
      entry.answered = 200;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    async waitFor(count: number, what: string, timeoutMs = 10_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline)
          throw new Error(`timed out waiting for ${what} (${received.length} received)`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of held) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Events per batch each simulated store sends. */
export const EVENTS_PER_BATCH = 10;

/**
 * Each store posts batches of consecutive seqs through `url`, one after the other, as the
 * edge's outbox does: a batch is acknowledged by a 2xx, and anything else (a 502 from the
 * load balancer, a cut connection) sends the same batch again. Each store's first event is
 * a critical alarm (for the webhooks). Runs until `scenario` ends.
 */
export async function syncStoresUntil(
  url: string,
  tokens: Map<string, string>,
  scenario: () => Promise<void>,
): Promise<{ acked: Map<string, number[]>; failedPosts: number }> {
  const acked = new Map<string, number[]>();
  let failedPosts = 0;
  let stop = false;
  const store = async (storeId: string, token: string) => {
    const mine: number[] = [];
    acked.set(storeId, mine);
    let next = 1;
    while (!stop) {
      const events = Array.from({ length: EVENTS_PER_BATCH }, (_, i) =>
        next + i === 1
          ? event(1, 'alarm.raised', 1, alarmView())
          : event(next + i, 'probe.tick', `tick-${next + i}`, { n: next + i }),
      );
      const answer = await postBatch(url, token, batchOf(storeId, events)).catch(() => undefined);
      if (answer && answer.status >= 200 && answer.status < 300) {
        mine.push(...events.map((e) => e.seq));
        next += EVENTS_PER_BATCH;
      } else {
        failedPosts++;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
  };
  const running = [...tokens].map(([storeId, token]) => store(storeId, token));
  try {
    await scenario();
  } finally {
    stop = true;
    await Promise.all(running);
  }
  return { acked, failedPosts };
}
