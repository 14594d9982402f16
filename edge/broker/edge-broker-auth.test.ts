import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  collect,
  connackCode,
  connectClient,
  grantedCodes,
  rawConnack,
  within,
} from '../../shared/server/testing/mqtt-clients';
import { type MqttEdge, startMqttEdge } from '../testing/mqtt-edge';

describe('EdgeBroker authentication', () => {
  let edge: MqttEdge;
  beforeEach(async () => {
    edge = await startMqttEdge({
      displayToken: 'display-token-1',
      integrations: [
        {
          username: 'bms',
          secret: 'bms-secret',
          acl: [
            { topic: 'galley/%s/hvac-1/#', access: 'deny' },
            { topic: 'galley/%s/+/telemetry', access: 'read' },
            { topic: 'bms/%s/#', access: 'readwrite' },
          ],
        },
      ],
    });
  });
  afterEach(async () => {
    await edge.stop();
  });

  it('accepts a provisioned device with its secret', async () => {
    const secret = edge.provision('fryer-1');
    expect(await connackCode(edge.port, { username: 'fryer-1', password: secret })).toBe(0);
  });

  it('refuses a bad secret, an unknown device, a revoked and an unprovisioned one', async () => {
    const secret = edge.provision('fryer-1');
    expect(await connackCode(edge.port, { username: 'fryer-1', password: `${secret}x` })).toBe(4);
    expect(await connackCode(edge.port, { username: 'no-such-device', password: secret })).toBe(4);
    expect(await connackCode(edge.port, { username: 'fryer-2', password: secret })).toBe(5);
    expect(await connackCode(edge.port, {})).toBe(4);
    edge.credentials.revoke('fryer-1');
    expect(await connackCode(edge.port, { username: 'fryer-1', password: secret })).toBe(5);
    expect(edge.broker.stats().refusedConnections).toEqual({
      bad_secret: 1,
      unknown_user: 2,
      not_provisioned: 1,
      revoked: 1,
    });
  });

  it('refuses the old secret right after rotation and accepts the new one', async () => {
    const old = edge.provision('fryer-1');
    const fresh = edge.credentials.rotate('fryer-1');
    expect(await connackCode(edge.port, { username: 'fryer-1', password: old })).toBe(4);
    expect(await connackCode(edge.port, { username: 'fryer-1', password: fresh })).toBe(0);
  });

  it('answers a zero-length client id with CleanSession=0 with CONNACK 2 (MQTT-3.1.3-8)', async () => {
    const secret = edge.provision('fryer-1');
    const device = { username: 'fryer-1', password: secret };
    expect(await rawConnack(edge.port, { ...device, clientId: '', clean: false })).toBe(2);
    expect(edge.broker.stats().refusedConnections).toEqual({ identifier_rejected: 1 });
    // with a clean session an empty id is fine: the broker assigns one
    expect(await rawConnack(edge.port, { ...device, clientId: '', clean: true })).toBe(0);
    expect(await rawConnack(edge.port, { ...device, clientId: 'fryer-1-main', clean: false })).toBe(0);
  });

  it('refuses connections beyond maxConnections with CONNACK 3 and counts them', async () => {
    await edge.stop();
    edge = await startMqttEdge({ limits: { maxConnections: 2 } });
    const secret = edge.provision('fryer-1');
    const a = await connectClient(edge.port, { username: 'fryer-1', password: secret });
    const b = await connectClient(edge.port, { username: 'fryer-1', password: secret });
    expect(await connackCode(edge.port, { username: 'fryer-1', password: secret })).toBe(3);
    expect(edge.broker.stats()).toMatchObject({
      connectedClients: 2,
      refusedConnections: { server_unavailable: 1 },
    });
    await a.endAsync();
    await within(
      (async () => {
        while (edge.broker.stats().connectedClients > 1) await new Promise((r) => setTimeout(r, 10));
      })(),
    );
    expect(await connackCode(edge.port, { username: 'fryer-1', password: secret })).toBe(0);
    await b.endAsync();
  });

  it('display: a session token logs in read-only on device and edge topics', async () => {
    expect(await connackCode(edge.port, { username: 'display', password: 'wrong' })).toBe(4);
    const display = await connectClient(edge.port, { username: 'display', password: 'display-token-1' });
    const granted = await grantedCodes(display, [
      `galley/${edge.storeId}/+/telemetry`,
      `galley/${edge.storeId}/_edge/#`,
      `galley/${edge.storeId}/#`,
      'bms/#',
    ]);
    expect(granted).toEqual([0, 0, 128, 128]);
    const received = collect(display);
    await display.publishAsync(`galley/${edge.storeId}/fryer-1/telemetry`, '{}', { qos: 1 });
    await edge.broker.publish(`galley/${edge.storeId}/_edge/hello`, 'hi');
    const [first] = await received.waitFor(1);
    expect(first?.topic).toBe(`galley/${edge.storeId}/_edge/hello`);
    expect(edge.broker.stats().messagesDropped).toEqual({ topic_not_allowed: 1 });
    await display.endAsync();
  });

  it('integration client: gets exactly its ACL, first matching rule decides', async () => {
    expect(await connackCode(edge.port, { username: 'bms', password: 'nope' })).toBe(4);
    const bms = await connectClient(edge.port, { username: 'bms', password: 'bms-secret' });
    const s = edge.storeId;
    const granted = await grantedCodes(bms, [
      `galley/${s}/+/telemetry`, // would also deliver hvac-1, which an earlier rule denies
      `galley/${s}/fryer-1/telemetry`, // read
      `galley/${s}/hvac-1/telemetry`, // deny comes first
      `galley/${s}/+/status`, // no rule
      `bms/${s}/#`, // readwrite
      'bms/other-store/#', // no rule
      '#', // overlaps deny
    ]);
    expect(granted).toEqual([128, 0, 128, 128, 0, 128, 128]);
    const received = collect(bms);
    await bms.publishAsync(`bms/${s}/setpoints`, 'x', { qos: 1 });
    await bms.publishAsync(`galley/${s}/fryer-1/telemetry`, 'x', { qos: 1 }); // read-only: dropped
    const [first] = await received.waitFor(1);
    expect(first?.topic).toBe(`bms/${s}/setpoints`);
    expect(edge.pipeline.rejections.count('bms', 'topic_not_allowed')).toBe(1);
    expect(bms.connected).toBe(true);
    await bms.endAsync();
  });

  it('nobody but the edge writes the _edge subtree', async () => {
    await edge.stop();
    edge = await startMqttEdge({
      integrations: [{ username: 'ops', secret: 'ops-secret', acl: [{ topic: '#', access: 'readwrite' }] }],
    });
    const ops = await connectClient(edge.port, { username: 'ops', password: 'ops-secret' });
    const received = collect(ops);
    await ops.subscribeAsync(`galley/${edge.storeId}/_edge/#`);
    await ops.publishAsync(`galley/${edge.storeId}/_edge/alarms`, 'forged', { qos: 1, retain: true });
    await edge.broker.publish(`galley/${edge.storeId}/_edge/alarms`, 'real');
    const [first] = await received.waitFor(1);
    expect(first?.payload.toString()).toBe('real');
    expect(received.messages).toHaveLength(1);
    expect(edge.broker.stats().messagesDropped.topic_not_allowed).toBe(1);
    await ops.endAsync();
    await expect(edge.broker.publish(`galley/${edge.storeId}/fryer-1/telemetry`, 'x')).rejects.toMatchObject({
      code: 'NOT_EDGE_TOPIC',
    });
  });
});
