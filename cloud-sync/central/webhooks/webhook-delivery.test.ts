import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebhookDelivery } from '../../../shared/central/api';
import { silentLogger } from '../../../shared/server/runtime/logger';
import {
  ADMIN_PASSWORD,
  alarmView,
  BACKENDS,
  batchOf,
  event,
  http,
  login,
  postBatch,
  releaseSharedPostgres,
  startTestCentral,
  type TestCentral,
} from '../testing/central-test-kit';
import { WebhookDispatcher } from './webhook-dispatcher';

afterAll(releaseSharedPostgres, 60_000);

interface Received {
  path: string;
  body: unknown;
  status: number;
  idempotencyKey: string | undefined;
}

/** A chat tool's webhook endpoint that fails each path's first request with 502, then accepts. */
async function startFlakyReceiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const seen = new Set<string>();
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    req.on('end', () => {
      const path = req.url ?? '/';
      const status = seen.has(path) ? 200 : 502;
      seen.add(path);
      const key = req.headers['idempotency-key'];
      received.push({
        path,
        body: JSON.parse(text),
        status,
        idempotencyKey: typeof key === 'string' ? key : undefined,
      });
      res.writeHead(status, { 'content-type': 'application/json' }).end('{"errcode":0}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.each(BACKENDS)('central webhooks on %s', (backend) => {
  let central: TestCentral;
  let receiver: Awaited<ReturnType<typeof startFlakyReceiver>>;
  let admin: string;
  let storeToken: string;

  beforeEach(async () => {
    receiver = await startFlakyReceiver();
    central = await startTestCentral(backend);
    admin = await login(central.url, 'admin', ADMIN_PASSWORD);
    await http(`${central.url}/api/admin/stores`, {
      token: admin,
      body: { id: 'sh-001', name: '上海一店', regionId: 'east', state: 'open' },
    });
    await http(`${central.url}/api/admin/stores`, {
      token: admin,
      body: { id: 'bj-001', regionId: 'north', state: 'open' },
    });
    for (const flavour of ['wecom', 'dingtalk', 'slack']) {
      const hook = await http(`${central.url}/api/admin/webhooks`, {
        token: admin,
        body: { regionId: 'east', flavour, url: `${receiver.url}/${flavour}` },
      });
      expect(hook.status).toBe(201);
    }
    storeToken = (
      await http<{ token: string }>(`${central.url}/api/admin/stores/sh-001/tokens`, {
        token: admin,
        method: 'POST',
      })
    ).body.token;
  });
  afterEach(async () => {
    await central.stop();
    await receiver.close();
  });

  const deliveries = async () =>
    (await http<WebhookDelivery[]>(`${central.url}/api/admin/webhooks/deliveries`, { token: admin })).body;

  it('posts a new critical alarm in each flavour, retries after a failure with back-off, even across a restart', async () => {
    const raised = batchOf('sh-001', [
      event(1, 'alarm.raised', 1, alarmView()),
      event(2, 'alarm.raised', 2, alarmView({ id: 2, severity: 'warning' })),
    ]);
    await postBatch(central.url, storeToken, raised);
    await waitFor(() => receiver.received.length === 3, 'the first attempts');
    await central.service.central.dispatcher.idle();

    const pending = await deliveries();
    expect(pending.map((d) => [d.reason, d.alarmId, d.status, d.attempts])).toEqual([
      ['critical_alarm', 1, 'pending', 1],
      ['critical_alarm', 1, 'pending', 1],
      ['critical_alarm', 1, 'pending', 1],
    ]);
    expect(pending[0]?.lastError).toBe('HTTP 502');
    expect(pending[0]?.nextAttemptAt).toBe(central.clock.now() + 2000);

    // The same events again (a retried batch) must not notify again.
    await postBatch(central.url, storeToken, raised);
    expect(await deliveries()).toHaveLength(3);

    await central.restart();
    central.clock.advance(1999);
    await central.service.central.dispatcher.idle();
    expect(receiver.received).toHaveLength(3);
    central.clock.advance(1);
    await waitFor(() => receiver.received.length === 6, 'the retries');
    await waitFor(async () => (await deliveries()).every((d) => d.status === 'delivered'), 'delivered rows');

    // Each webhook's retry carries the key of its first attempt; the three webhooks differ.
    const keysByPath = new Map<string, Set<string | undefined>>();
    for (const r of receiver.received) {
      const keys = keysByPath.get(r.path) ?? new Set();
      keys.add(r.idempotencyKey);
      keysByPath.set(r.path, keys);
    }
    expect([...keysByPath.values()].map((keys) => keys.size)).toEqual([1, 1, 1]);
    const keys = [...keysByPath.values()].flatMap((k) => [...k]);
    expect(new Set(keys).size).toBe(3);
    for (const key of keys) expect(key).toMatch(/^galley-webhook-\d+-\d+$/);

    const bodies = Object.fromEntries(
      receiver.received.filter((r) => r.status === 200).map((r) => [r.path, r.body]),
    );
    expect(bodies['/wecom']).toEqual({
      msgtype: 'markdown',
      markdown: { content: expect.stringContaining('上海一店') },
    });
    expect(bodies['/dingtalk']).toEqual({
      msgtype: 'markdown',
      markdown: {
        title: 'Critical alarm 严重告警: 上海一店',
        text: expect.stringContaining('Walk-in too warm'),
      },
    });
    expect(bodies['/slack']).toEqual({ text: expect.stringContaining('walkin-1') });
  });

  it('notifies on escalation, and not for stores of other regions', async () => {
    const north = (
      await http<{ token: string }>(`${central.url}/api/admin/stores/bj-001/tokens`, {
        token: admin,
        method: 'POST',
      })
    ).body.token;
    await postBatch(central.url, north, batchOf('bj-001', [event(1, 'alarm.raised', 1, alarmView())]));
    await postBatch(
      central.url,
      storeToken,
      batchOf('sh-001', [
        event(5, 'alarm.escalated', 3, alarmView({ id: 3, severity: 'warning', escalation: 'central' })),
      ]),
    );
    await waitFor(() => receiver.received.length === 3, 'the escalation attempts');
    await central.service.central.dispatcher.idle();
    const rows = await deliveries();
    expect(rows.map((d) => [d.storeId, d.reason, d.alarmId])).toEqual([
      ['sh-001', 'escalation', 3],
      ['sh-001', 'escalation', 3],
      ['sh-001', 'escalation', 3],
    ]);
  });

  it('leaves a delivery claimed by a process that died to the others once its lease runs out', async () => {
    const { dispatcher, webhooks } = central.service.central;
    await dispatcher.stop();
    await postBatch(central.url, storeToken, batchOf('sh-001', [event(1, 'alarm.raised', 1, alarmView())]));
    // Another process claims all three and dies before sending: its claims stay in the table.
    const taken = await webhooks.claimDue({
      owner: 'dead-process',
      now: central.clock.now(),
      leaseMs: 60_000,
      limit: 10,
    });
    expect(taken).toHaveLength(3);
    dispatcher.start();
    await dispatcher.idle();
    central.clock.advance(59_000);
    await dispatcher.idle();
    expect(receiver.received).toHaveLength(0);
    central.clock.advance(1_000);
    await waitFor(() => receiver.received.length === 3, 'the taken-over attempts');
    await dispatcher.idle();
    // The dead process's late report no longer counts: the row is this process's now.
    expect(await webhooks.markDelivered(taken[0]?.id ?? 0, central.clock.now(), 'dead-process')).toBe(false);
    expect((await deliveries()).map((d) => [d.status, d.attempts])).toEqual([
      ['pending', 1],
      ['pending', 1],
      ['pending', 1],
    ]);
  });

  it('ends a post before its lease does, so no other process can send the delivery meanwhile', async () => {
    const { dispatcher, webhooks } = central.service.central;
    await dispatcher.stop();
    // A receiver that never answers.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const east = (await webhooks.list()).map((w) => w.id);
      for (const id of east) await webhooks.remove(id);
      await webhooks.create({
        regionId: 'east',
        flavour: 'slack',
        url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/hook`,
      });
      await postBatch(central.url, storeToken, batchOf('sh-001', [event(1, 'alarm.raised', 1, alarmView())]));
      // A sender whose lease (1 s) is far shorter than its request timeout (10 s by default).
      const sender = new WebhookDispatcher(
        { store: webhooks, clock: central.clock, logger: silentLogger() },
        { leaseMs: 1_000 },
      );
      const started = Date.now();
      sender.start();
      await sender.idle();
      await sender.stop();
      // Cut at 0.9 s, not 10 s, and the failure was still its own to record.
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(sender.stats).toMatchObject({ failedAttempts: 1, lostClaims: 0 });
      const [row] = await deliveries();
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      expect(row?.lastError).toMatch(/abort|timeout/i);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
