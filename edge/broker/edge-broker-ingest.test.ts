import type { MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../shared/server/runtime/fake-clock';
import { collect, connectClient, grantedCodes, within } from '../../shared/server/testing/mqtt-clients';
import type { EdgeEvents } from '../runtime/event-bus';
import { type MqttEdge, startMqttEdge } from '../testing/mqtt-edge';

function telemetry(value: number, ts = Date.now()): string {
  return JSON.stringify({ ts, readings: { oil_temp_c: value } });
}

function readingCount(edge: MqttEdge, equipmentId: string): number {
  const row = edge.db
    .prepare('SELECT count(*) AS n FROM readings WHERE equipment_id = ?')
    .get(equipmentId) as {
    n: number;
  };
  return row.n;
}

function nextStatus(edge: MqttEdge, equipmentId: string): Promise<EdgeEvents['deviceStatus']> {
  return within(
    new Promise((resolve) => {
      const off = edge.bus.on('deviceStatus', (s) => {
        if (s.equipmentId !== equipmentId) return;
        off();
        resolve(s);
      });
    }),
    5000,
    `deviceStatus of ${equipmentId}`,
  );
}

describe('EdgeBroker with the ingest pipeline', () => {
  let edge: MqttEdge;
  const clients: MqttClient[] = [];
  const secrets = new Map<string, string>();
  async function device(equipmentId: string, extra: Parameters<typeof connectClient>[1] = {}) {
    const secret = secrets.get(equipmentId) ?? edge.provision(equipmentId);
    secrets.set(equipmentId, secret);
    const client = await connectClient(edge.port, { username: equipmentId, password: secret, ...extra });
    clients.push(client);
    return client;
  }

  beforeEach(async () => {
    // A long group-commit delay: a PUBACK sent before the commit would be caught out.
    edge = await startMqttEdge({ storage: { groupCommitMaxDelayMs: 150 } });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.end(true);
    secrets.clear();
    await edge.stop();
  });

  it('acknowledges QoS 1 telemetry only once it is in the database', async () => {
    const fryer = await device('fryer-1');
    const t = `galley/${edge.storeId}/fryer-1/telemetry`;
    await fryer.publishAsync(t, telemetry(178), { qos: 1 });
    expect(readingCount(edge, 'fryer-1')).toBe(1);
    expect(edge.broker.stats().messagesIn).toBe(1);
  });

  it('takes ts as ISO 8601 on telemetry and events, stored as the same epoch ms', async () => {
    const fryer = await device('fryer-1');
    const at = Math.floor(Date.now() / 1000) * 1000 - 60_000;
    const inShanghai = new Date(at + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
    const root = `galley/${edge.storeId}/fryer-1`;
    await fryer.publishAsync(
      `${root}/telemetry`,
      JSON.stringify({ ts: inShanghai, readings: { oil_temp_c: 178 } }),
      {
        qos: 1,
      },
    );
    await fryer.publishAsync(
      `${root}/event`,
      JSON.stringify({ ts: new Date(at).toISOString(), code: 'E2' }),
      {
        qos: 1,
      },
    );
    expect(edge.db.prepare("SELECT ts FROM readings WHERE equipment_id = 'fryer-1'").all()).toEqual([
      { ts: at },
    ]);
    expect(
      edge.db.prepare("SELECT ts, code FROM device_events WHERE equipment_id = 'fryer-1'").all(),
    ).toEqual([{ ts: at, code: 'E2' }]);
  });

  it('a device cannot publish as another nor subscribe to its topics', async () => {
    const a = await device('fryer-1');
    const b = await device('fryer-2');
    const bReceives = collect(b);
    expect(await grantedCodes(b, [`galley/${edge.storeId}/fryer-2/#`])).toEqual([0]);
    expect(
      await grantedCodes(a, [`galley/${edge.storeId}/fryer-2/telemetry`, `galley/${edge.storeId}/fryer-1/#`]),
    ).toEqual([128, 0]);
    await a.publishAsync(`galley/${edge.storeId}/fryer-2/telemetry`, telemetry(180), { qos: 1 });
    // b's own message shows that anything forged before it would have arrived first
    await b.publishAsync(`galley/${edge.storeId}/fryer-2/telemetry`, telemetry(181), { qos: 1 });
    const [first] = await bReceives.waitFor(1);
    expect(JSON.parse(first?.payload.toString() ?? '{}').readings.oil_temp_c).toBe(181);
    expect(readingCount(edge, 'fryer-2')).toBe(1);
    expect(edge.pipeline.rejections.count('fryer-1', 'topic_not_allowed')).toBe(1);
    expect(edge.broker.stats().messagesDropped).toEqual({ topic_not_allowed: 1 });
    expect(a.connected).toBe(true);
  });

  it('drops invalid payloads without forwarding them and keeps the client connected', async () => {
    const fryer = await device('fryer-1');
    const watcher = await device('fryer-1', { clientId: 'fryer-1-watch' });
    const seen = collect(watcher);
    await watcher.subscribeAsync(`galley/${edge.storeId}/fryer-1/#`);
    const t = `galley/${edge.storeId}/fryer-1/telemetry`;
    await fryer.publishAsync(t, 'not json', { qos: 1 });
    await fryer.publishAsync(t, JSON.stringify({ ts: Date.now(), readings: { oil_temp_c: 'hot' } }), {
      qos: 1,
    });
    await fryer.publishAsync(t, telemetry(175), { qos: 1 });
    await seen.waitFor(1);
    expect(seen.messages.map((m) => JSON.parse(m.payload.toString()).readings.oil_temp_c)).toEqual([175]);
    expect(edge.pipeline.rejections.count('fryer-1', 'invalid_json')).toBe(1);
    expect(readingCount(edge, 'fryer-1')).toBe(1);
    expect(fryer.connected).toBe(true);
  });

  it('refuses retained telemetry, oversized payloads, and counts them', async () => {
    await edge.stop();
    secrets.clear();
    edge = await startMqttEdge({ limits: { maxPayloadBytes: 1024 } });
    const fryer = await device('fryer-1');
    const t = `galley/${edge.storeId}/fryer-1/telemetry`;
    await fryer.publishAsync(t, telemetry(170), { qos: 1, retain: true });
    await fryer.publishAsync(t, Buffer.alloc(2048, 0x20), { qos: 1 });
    await fryer.publishAsync(t, telemetry(171), { qos: 1 });
    expect(readingCount(edge, 'fryer-1')).toBe(1);
    expect(edge.broker.stats().messagesDropped).toEqual({ retained_not_allowed: 1, payload_too_large: 1 });
    expect(fryer.connected).toBe(true);
  });

  it('does not acknowledge when the commit fails: the client is closed and can retransmit', async () => {
    const fryer = await device('fryer-1');
    const closed = new Promise<void>((resolve) => fryer.once('close', () => resolve()));
    let acked = false;
    edge.pipeline.stop(); // storage refuses writes from here on
    fryer.publish(`galley/${edge.storeId}/fryer-1/telemetry`, telemetry(179), { qos: 1 }, (err) => {
      if (!err) acked = true;
    });
    await within(closed, 5000, 'connection close');
    expect(acked).toBe(false);
    expect(readingCount(edge, 'fryer-1')).toBe(0);
  });

  it('rate-limits each client: QoS 0 over the rate is dropped, QoS 1 over the rate is refused unacknowledged', async () => {
    await edge.stop();
    secrets.clear();
    const clock = new FakeClock();
    edge = await startMqttEdge({ brokerClock: clock, limits: { messagesPerSecond: 2, messageBurst: 3 } });
    const fryer = await device('fryer-1');
    const t = `galley/${edge.storeId}/fryer-1/telemetry`;
    const base = Date.now();
    for (let i = 0; i < 5; i++) await fryer.publishAsync(t, telemetry(170, base + i), { qos: 0 });
    await within(
      (async () => {
        while (edge.pipeline.rejections.count('fryer-1', 'rate_limited') < 2)
          await new Promise((r) => setTimeout(r, 10));
      })(),
      5000,
      'two QoS 0 messages refused',
    );
    clock.advance(500); // one token
    await fryer.publishAsync(t, telemetry(170, base + 5), { qos: 1 });
    expect(readingCount(edge, 'fryer-1')).toBe(4);
    expect(edge.pipeline.rejections.count('fryer-1', 'rate_limited')).toBe(2);
    expect(fryer.connected).toBe(true);

    const closed = new Promise<void>((resolve) => fryer.once('close', () => resolve()));
    let acked = false;
    fryer.publish(t, telemetry(170, base + 6), { qos: 1 }, (err) => {
      if (!err) acked = true;
    });
    await within(closed, 5000, 'connection close');
    expect(acked).toBe(false);
    expect(readingCount(edge, 'fryer-1')).toBe(4);
    expect(edge.pipeline.rejections.count('fryer-1', 'rate_limited')).toBe(3);
  });

  it('records presence: connect, status messages, Last Will on a dropped connection', async () => {
    const status = `galley/${edge.storeId}/fryer-1/status`;
    const online = nextStatus(edge, 'fryer-1');
    const fryer = await device('fryer-1', {
      will: { topic: status, payload: Buffer.from('{"online":false}'), qos: 1, retain: true },
    });
    expect(await online).toMatchObject({ online: true, cause: 'connect' });

    const watcher = await device('fryer-1', { clientId: 'fryer-1-watch' });
    const seen = collect(watcher);
    await watcher.subscribeAsync(status);
    const willSeen = nextStatus(edge, 'fryer-1');
    fryer.stream.destroy(); // the socket dies without DISCONNECT
    expect(await willSeen).toMatchObject({ online: false, cause: 'last_will' });
    const [will] = await seen.waitFor(1);
    expect(will?.payload.toString()).toBe('{"online":false}');
    const row = edge.db.prepare('SELECT online FROM device_status WHERE equipment_id = ?').get('fryer-1') as {
      online: number;
    };
    expect(row.online).toBe(0);
  });

  it('a clean disconnect records offline without publishing the Last Will', async () => {
    const status = `galley/${edge.storeId}/fryer-1/status`;
    const watcher = await device('fryer-1', { clientId: 'fryer-1-watch' });
    await watcher.subscribeAsync(status);
    const seen = collect(watcher);
    const fryer = await connectClient(edge.port, {
      username: 'fryer-1',
      password: edge.credentials.rotate('fryer-1'),
      will: { topic: status, payload: Buffer.from('{"online":false}'), qos: 1, retain: true },
    });
    await fryer.publishAsync(status, '{"online":true}', { qos: 1, retain: true });
    await seen.waitFor(1);
    // the watcher holds the other connection of fryer-1; close it first so the device really is offline
    await watcher.endAsync();
    const offline = nextStatus(edge, 'fryer-1');
    await fryer.endAsync();
    expect(await offline).toMatchObject({ online: false, cause: 'disconnect' });
    expect(seen.messages.map((m) => m.payload.toString())).toEqual(['{"online":true}']);
  });
});
