import type { AddressInfo } from 'node:net';
import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type ApiFixture, createApiFixture } from './testing/api-fixture';
import { attachWebSocketUpgrade, type WebSocketEndpoint } from './websocket-upgrade';

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe('MQTT over WebSocket on the API port', () => {
  let f: ApiFixture;
  let broker: Aedes;
  let endpoint: WebSocketEndpoint;
  let port: number;
  const clients: mqtt.MqttClient[] = [];

  beforeEach(async () => {
    f = await createApiFixture();
    broker = await Aedes.createBroker();
    endpoint = attachWebSocketUpgrade(f.server.server, '/mqtt', (stream, req) => broker.handle(stream, req));
    await f.server.listen({ port: 0, host: '127.0.0.1' });
    port = (f.server.server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.endAsync(true);
    await endpoint.close();
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    await f.close();
  });

  const connect = async (clientId: string) => {
    const client = await withTimeout(
      mqtt.connectAsync(`ws://127.0.0.1:${port}/mqtt`, { clientId, reconnectPeriod: 0 }),
      5000,
      `${clientId} to connect`,
    );
    clients.push(client);
    return client;
  };

  it('relays a publish between two mqtt.js clients through the broker', async () => {
    const board = await connect('board');
    await board.subscribeAsync('galley/demo/+/telemetry', { qos: 1 });
    const received = new Promise<{ topic: string; payload: string }>((resolve) =>
      board.on('message', (topic, payload) => resolve({ topic, payload: payload.toString() })),
    );
    const device = await connect('fryer-1');
    await device.publishAsync('galley/demo/fryer-1/telemetry', '{"ts":1,"readings":{"oil_temp_c":178}}', {
      qos: 1,
    });
    expect(await withTimeout(received, 5000, 'the relayed message')).toEqual({
      topic: 'galley/demo/fryer-1/telemetry',
      payload: '{"ts":1,"readings":{"oil_temp_c":178}}',
    });
    expect(endpoint.clientCount).toBe(2);
    expect(broker.connectedClients).toBe(2);
  });

  it('refuses upgrades on other paths and leaves the HTTP API working', async () => {
    const status = await withTimeout(
      new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/elsewhere`);
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => reject(new Error('upgrade on /elsewhere was accepted')));
        ws.on('error', () => resolve(-1));
      }),
      5000,
      'the refused upgrade',
    );
    expect(status).toBe(404);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
  });

  it('refuses an upgrade from a page of another origin with 403, and takes the page the edge served', async () => {
    const attempt = (origin: string) =>
      withTimeout(
        new Promise<number>((resolve) => {
          const ws = new WebSocket(`ws://127.0.0.1:${port}/mqtt`, 'mqtt', { origin });
          ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
          ws.on('open', () => {
            ws.terminate();
            resolve(101);
          });
          ws.on('error', () => resolve(-1));
        }),
        5000,
        `the upgrade from ${origin}`,
      );
    expect(await attempt('http://evil.example')).toBe(403);
    expect(await attempt(`http://127.0.0.1:${port + 1}`)).toBe(403);
    expect(await attempt(`http://127.0.0.1:${port}`)).toBe(101);
  });

  it('close() drops open WebSocket clients so the server can shut down', async () => {
    const client = await connect('board');
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    await endpoint.close();
    await withTimeout(closed, 5000, 'the client to see the close');
    expect(endpoint.clientCount).toBe(0);
    await withTimeout(
      (async () => {
        while (broker.connectedClients > 0) await new Promise((r) => setTimeout(r, 10));
      })(),
      5000,
      'the broker to drop the client',
    );
  });
});
