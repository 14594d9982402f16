import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { alarmView, batchOf, event } from '../../cloud-sync/central/testing/central-test-kit';
import { SYNC_ROUTES, type SyncBatch } from '../../shared/sync/sync-protocol';

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

/** A header the shipped HAProxy configuration adds: the name of the process that answered. */
export const SERVED_BY_HEADER = 'x-galley-server';

/** A batch carrying a critical alarm, acknowledged: when it was sent and who took it. */
export interface AckedAlarm {
  storeId: string;
  alarmId: number;
  /** when the batch was first sent (epoch ms): a cut post and its resends count as one */
  sentAt: number;
  ackedAt: number;
  /** the process that took it, as the load balancer names it (undefined without one) */
  server: string | undefined;
}

export interface StoreTrafficOptions {
  /**
   * A store's sync interval: one batch every this many ms, the stores staggered over it, as
   * edges are. Without it each store posts back-to-back (30 ms apart), as fast as it is served.
   */
  intervalMs?: number;
  /** Every this many batches a store raises a further critical alarm; by default only its first. */
  alarmEveryBatches?: number;
  /** Told of each acknowledged batch that carries a critical alarm. */
  onAlarmAcked?: (alarm: AckedAlarm) => void;
}

/**
 * Each store posts batches of consecutive seqs through `url`, one after the other, as the
 * edge's outbox does: a batch is acknowledged by a 2xx, and anything else (a 502 from the
 * load balancer, a cut connection) sends the same batch again. Each store's first event is
 * a critical alarm (for the webhooks), and with `alarmEveryBatches` more follow. Runs until
 * `scenario` ends.
 */
export async function syncStoresUntil(
  url: string,
  tokens: Map<string, string>,
  scenario: () => Promise<void>,
  options: StoreTrafficOptions = {},
): Promise<{ acked: Map<string, number[]>; failedPosts: number; failures: Map<string, number> }> {
  const acked = new Map<string, number[]>();
  let failedPosts = 0;
  /** why posts failed: an HTTP status, or the error of a cut connection */
  const failures = new Map<string, number>();
  let stop = false;
  const every = options.alarmEveryBatches ?? Number.POSITIVE_INFINITY;
  const store = async (storeId: string, token: string, offsetMs: number) => {
    const mine: number[] = [];
    acked.set(storeId, mine);
    if (offsetMs > 0) await new Promise((resolve) => setTimeout(resolve, offsetMs));
    let next = 1;
    let batchNo = 0;
    let due = Date.now();
    let firstSentAt: number | undefined;
    while (!stop) {
      // Batch 0 raises alarm 1 (the store's first event); batch b (b a multiple of `every`) alarm b + 1.
      const alarmId = batchNo === 0 || batchNo % every === 0 ? batchNo + 1 : undefined;
      const events = Array.from({ length: EVENTS_PER_BATCH }, (_, i) =>
        i === 0 && alarmId !== undefined
          ? event(next, 'alarm.raised', alarmId, alarmView({ id: alarmId }))
          : event(next + i, 'probe.tick', `tick-${next + i}`, { n: next + i }),
      );
      firstSentAt ??= Date.now();
      const answer = await postTraced(url, token, batchOf(storeId, events)).catch((err: unknown) => {
        const why = failureReason(err);
        failures.set(why, (failures.get(why) ?? 0) + 1);
        return undefined;
      });
      if (answer && (answer.status < 200 || answer.status >= 300))
        failures.set(String(answer.status), (failures.get(String(answer.status)) ?? 0) + 1);
      if (answer && answer.status >= 200 && answer.status < 300) {
        mine.push(...events.map((e) => e.seq));
        next += EVENTS_PER_BATCH;
        batchNo++;
        if (alarmId !== undefined)
          options.onAlarmAcked?.({
            storeId,
            alarmId,
            sentAt: firstSentAt,
            ackedAt: Date.now(),
            server: answer.server,
          });
        firstSentAt = undefined;
        if (options.intervalMs === undefined) await new Promise((resolve) => setTimeout(resolve, 30));
        else {
          due += options.intervalMs;
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
        }
      } else {
        failedPosts++;
        await new Promise((resolve) => setTimeout(resolve, 50));
        if (options.intervalMs === undefined) await new Promise((resolve) => setTimeout(resolve, 30));
      }
    }
  };
  const stagger = options.intervalMs ?? 0;
  const running = [...tokens].map(([storeId, token], i) =>
    store(storeId, token, (i * stagger) / tokens.size),
  );
  try {
    await scenario();
  } finally {
    stop = true;
    await Promise.all(running);
  }
  return { acked, failedPosts, failures };
}

/** fetch's "fetch failed" says little; its cause says how the connection ended. */
function failureReason(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message;
}

/** A sync POST, answering its status and the process that served it. */
async function postTraced(url: string, token: string, batch: SyncBatch) {
  const response = await fetch(`${url}${SYNC_ROUTES.batches}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(batch),
  });
  await response.arrayBuffer();
  return { status: response.status, server: response.headers.get(SERVED_BY_HEADER) ?? undefined };
}
