import type { MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collect, connackCode, connectClient } from '../../shared/server/testing/mqtt-clients';
import { type MqttEdge, startMqttEdge } from '../testing/mqtt-edge';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A session, a Last Will and a connection slot belong to the identity that authenticated. */
describe('EdgeBroker binds sessions to identities', () => {
  let edge: MqttEdge;
  const clients: MqttClient[] = [];
  const secrets = new Map<string, string>();
  const secret = (id: string) => {
    const known = secrets.get(id) ?? edge.provision(id);
    secrets.set(id, known);
    return known;
  };
  async function device(equipmentId: string, extra: Parameters<typeof connectClient>[1] = {}) {
    const client = await connectClient(edge.port, {
      username: equipmentId,
      password: secret(equipmentId),
      ...extra,
    });
    clients.push(client);
    return client;
  }
  const telemetry = (v: number) => JSON.stringify({ ts: Date.now(), readings: { oil_temp_c: v } });

  beforeEach(async () => {
    edge = await startMqttEdge({
      integrations: [
        { username: 'bms', secret: 'bms-secret', acl: [{ topic: 'galley/%s/+/telemetry', access: 'read' }] },
      ],
    });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.end(true);
    secrets.clear();
    await edge.stop();
  });

  it("another device presenting a device's client id neither disconnects it nor takes its place", async () => {
    const a = await device('fryer-1', { clientId: 'fryer-1-main' });
    let aClosed = false;
    a.on('close', () => {
      aClosed = true;
    });
    for (let i = 0; i < 5; i += 1) {
      const b = await device('fryer-2', { clientId: 'fryer-1-main' });
      b.end(true);
    }
    await sleep(100);
    expect(aClosed).toBe(false);
    await a.publishAsync(`galley/${edge.storeId}/fryer-1/telemetry`, telemetry(178), { qos: 1 });
    expect(a.connected).toBe(true);
  });

  it("with CleanSession=0 another identity gets a fresh session, never the integration's queued messages", async () => {
    const bms = await connectClient(edge.port, {
      username: 'bms',
      password: 'bms-secret',
      clientId: 'bms-feed',
      clean: false,
    });
    await bms.subscribeAsync(`galley/${edge.storeId}/+/telemetry`, { qos: 1 });
    await bms.endAsync();
    // Queued for the integration's offline session.
    const fryer = await device('fryer-1');
    await fryer.publishAsync(`galley/${edge.storeId}/fryer-1/telemetry`, telemetry(181), { qos: 1 });

    const intruder = await device('fryer-2', { clientId: 'bms-feed', clean: false });
    const stolen = collect(intruder);
    await sleep(300);
    expect(stolen.messages).toEqual([]);

    // The integration itself still resumes its session and gets what was queued for it.
    const back = await connectClient(edge.port, {
      username: 'bms',
      password: 'bms-secret',
      clientId: 'bms-feed',
      clean: false,
    });
    clients.push(back);
    const received = collect(back);
    const [first] = await received.waitFor(1);
    expect(JSON.parse(first?.payload.toString() ?? '{}').readings.oil_temp_c).toBe(181);
  });

  it('caps the connections one device identity may hold, without refusing other devices', async () => {
    await device('fryer-1', { clientId: 'c1' });
    await device('fryer-1', { clientId: 'c2' });
    expect(
      await connackCode(edge.port, { username: 'fryer-1', password: secret('fryer-1'), clientId: 'c3' }),
    ).toBe(3);
    // A reconnect with a client id it already holds takes that connection over instead.
    const again = await device('fryer-1', { clientId: 'c2' });
    expect(again.connected).toBe(true);
    await device('fryer-2', { clientId: 'other' });
    expect(edge.broker.stats().refusedConnections.too_many_connections).toBe(1);
  });

  it.each([
    ['on its telemetry topic', 'telemetry', '{"ts":1,"readings":{"oil_temp_c":999}}'],
    ['on another device', 'other', '{"online":false}'],
    ['saying it is online', 'status', '{"online":true}'],
    ['that is not JSON', 'status', 'bye'],
  ])('refuses a CONNECT whose Last Will is %s', async (_name, where, payload) => {
    const topic =
      where === 'other'
        ? `galley/${edge.storeId}/fryer-2/status`
        : `galley/${edge.storeId}/fryer-1/${where === 'telemetry' ? 'telemetry' : 'status'}`;
    const code = await connackCode(edge.port, {
      username: 'fryer-1',
      password: secret('fryer-1'),
      will: { topic, payload: Buffer.from(payload), qos: 1, retain: true },
    });
    expect(code).toBe(5);
    expect(edge.broker.stats().refusedConnections.will_not_allowed).toBe(1);
  });

  it('accepts the Last Will the contract asks for', async () => {
    const status = `galley/${edge.storeId}/fryer-1/status`;
    const client = await device('fryer-1', {
      will: { topic: status, payload: Buffer.from('{"online": false}'), qos: 1, retain: true },
    });
    expect(client.connected).toBe(true);
  });

  it('throttles wrong integration secrets per address and answers "server unavailable"', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 7; i += 1)
      codes.push(await connackCode(edge.port, { username: 'bms', password: 'wrong' }));
    expect(codes.slice(0, 5)).toEqual([4, 4, 4, 4, 4]);
    expect(codes.slice(5)).toEqual([3, 3]);
    expect(edge.broker.stats().refusedConnections.login_throttled).toBe(2);
    await sleep(1100);
    // The back-off passed: the right secret gets in.
    expect(await connackCode(edge.port, { username: 'bms', password: 'bms-secret' })).toBe(0);
  });
});
