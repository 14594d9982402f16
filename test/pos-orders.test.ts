import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EdgeApp } from '../edge/app/edge-app';
import type { KdsChangeMessage, KdsTicketView } from '../shared/api/kds';
import type { IntakeStats, PosOrderSubmissionInput } from '../shared/api/orders';
import { loadStoreConfig } from '../shared/server/config/load-store-config';
import { silentLogger } from '../shared/server/runtime/logger';
import { topics } from '../shared/topics';

const POS = `Basic ${Buffer.from('pos-demo:pos-demo-secret').toString('base64')}`;

function order(
  externalId: string,
  version: number,
  eventId: string,
  lines: PosOrderSubmissionInput['order']['lines'],
) {
  return {
    source: 'demo-till',
    eventId,
    order: {
      externalId,
      version,
      channel: 'takeaway',
      placedAt: new Date().toISOString(),
      status: 'open',
      lines,
    },
  } satisfies PosOrderSubmissionInput;
}

describe('POS orders into the edge: HTTP Basic and the store-LAN topic, onto the stations', () => {
  let app: EdgeApp;
  let dataDir: string;
  let base: string;
  let mqttPort: number;
  let manager: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'galley-pos-'));
    const config = loadStoreConfig(join(import.meta.dirname, '..', 'config', 'demo-store.yaml'));
    app = new EdgeApp({
      config,
      dataDir,
      mqttPort: 0,
      httpPort: 0,
      host: '127.0.0.1',
      logger: silentLogger(),
    });
    const ports = await app.start();
    base = `http://127.0.0.1:${ports.httpPort}`;
    mqttPort = ports.mqttPort;
    const login = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'mgr-li', pin: '2222' }),
    });
    manager = ((await login.json()) as { token: string }).token;
  });
  afterAll(async () => {
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const post = (body: unknown, authorization = POS) =>
    fetch(`${base}/api/pos/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify(body),
    });
  const station = async (id: string): Promise<KdsTicketView[]> => {
    const res = await fetch(`${base}/api/kds/tickets?station=${id}`, {
      headers: { authorization: `Bearer ${manager}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as KdsTicketView[];
  };

  it('the demo POS posts an order; it is on grill, fry and expo; a redelivery is a duplicate', async () => {
    const event = order('H-1', 1, 'h1-e1', [{ lineId: 'l1', item: 'combo', qty: 2, note: 'peanut allergy' }]);
    const first = await post(event);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ duplicate: false, outcome: 'applied', version: 1 });
    const again = await post(event);
    expect(await again.json()).toMatchObject({ duplicate: true, outcome: 'duplicate' });

    const grill = (await station('grill')).filter((t) => t.orderExternalId === 'H-1');
    expect(grill).toHaveLength(1);
    expect(grill[0]?.lines).toEqual([
      expect.objectContaining({
        lineId: 'l1/burger',
        item: 'burger',
        qty: 2,
        allergy: true,
        partOf: 'combo',
      }),
    ]);
    expect((await station('fry')).filter((t) => t.orderExternalId === 'H-1')[0]?.lines[0]).toMatchObject({
      lineId: 'l1/fries',
      state: 'pending',
    });
    expect((await station('expo')).filter((t) => t.orderExternalId === 'H-1')[0]?.readiness).toHaveLength(2);
  });

  it('refuses a wrong secret (401), a client without the pos role (403) and a bad body (400, counted)', async () => {
    const bad = `Basic ${Buffer.from('pos-demo:wrong').toString('base64')}`;
    expect((await post(order('H-2', 1, 'h2', [{ lineId: 'a', item: 'salad', qty: 1 }]), bad)).status).toBe(
      401,
    );
    const ha = `Basic ${Buffer.from('home-assistant:whatever').toString('base64')}`;
    expect([401, 403]).toContain((await post(order('H-2', 1, 'h2', []), ha)).status);
    const refused = await post({
      source: 'demo-till',
      eventId: 'x',
      order: { externalId: 'H-3', version: 0 },
    });
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { issues: string[] };
    expect(body.issues.join(' ')).toMatch(/body\.order\.version/);
    const stats = await fetch(`${base}/api/pos/intake`, { headers: { authorization: `Bearer ${manager}` } });
    const counts = (await stats.json()) as IntakeStats;
    expect(counts.bySource).toContainEqual(
      expect.objectContaining({ client: 'pos-demo', source: 'demo-till', refused: 1 }),
    );
    // a kitchen screen reads tickets but cannot post orders
    expect((await post(order('H-4', 1, 'h4', []), `Bearer ${manager}`)).status).toBe(403);
    // an unpaired board reads a station but may not bump: every bump names who
    const [ticket] = await station('grill');
    expect((await fetch(`${base}/api/kds/tickets?station=grill`)).status).toBe(200);
    const anonymous = await fetch(`${base}/api/kds/tickets/${ticket?.id}/bump`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
  });

  it('a POS terminal publishes on the store LAN; the PUBACK means stored; screens hear of it', async () => {
    const heard: KdsChangeMessage[] = [];
    const display = await mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, {
      username: 'display',
      password: manager,
      clientId: 'kds-test-screen',
      reconnectPeriod: 0,
    });
    await display.subscribeAsync(topics.edgeKds(app.config.store.id, '+'), { qos: 1 });
    display.on('message', (_topic, payload) =>
      heard.push(JSON.parse(payload.toString()) as KdsChangeMessage),
    );
    const pos = await mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, {
      username: 'pos-demo',
      password: 'pos-demo-secret',
      clientId: 'till-1',
      reconnectPeriod: 0,
    });
    const topic = topics.posOrders(app.config.store.id, 'pos-demo');
    await pos.publishAsync(
      topic,
      JSON.stringify(order('M-1', 1, 'm1', [{ lineId: 'a', item: 'salad', qty: 3 }])),
      {
        qos: 1,
      },
    );
    // acknowledged: it is stored and on its station now
    expect((await station('prep')).find((t) => t.orderExternalId === 'M-1')?.lines[0]?.qty).toBe(3);
    await pos.publishAsync(topic, '{"not": "an order"}', { qos: 1 });
    await pos.publishAsync(topics.posOrders(app.config.store.id, 'someone-else'), '{}', { qos: 1 });
    const deadline = Date.now() + 2000;
    while (!heard.some((m) => m.station === 'prep') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(heard).toContainEqual(expect.objectContaining({ station: 'prep', change: 'opened' }));
    const stats = (await (
      await fetch(`${base}/api/pos/intake`, { headers: { authorization: `Bearer ${manager}` } })
    ).json()) as IntakeStats;
    expect(stats.bySource).toContainEqual(
      expect.objectContaining({ client: 'pos-demo', source: '(unreadable)', refused: 1 }),
    );
    await pos.endAsync();
    await display.endAsync();
  });
});
