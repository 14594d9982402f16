import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../shared/server/runtime/logger';
import { topics } from '../shared/topics';
import { DeviceClient } from './device-client';
import { subscriber, TestBroker, waitUntil } from './testing/aedes-broker';

const execFileAsync = promisify(execFile);
const STORE = 'store-1';
const credentials = { 'wic-1': 'wic-secret', watcher: 'watcher-secret' };
const watcher = { username: 'watcher', password: 'watcher-secret' };

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function device(url: string, overrides: Partial<ConstructorParameters<typeof DeviceClient>[0]> = {}) {
  const client = new DeviceClient({
    url,
    storeId: STORE,
    equipmentId: 'wic-1',
    secret: 'wic-secret',
    logger: silentLogger(),
    backoff: { initialMs: 20, maxMs: 100 },
    ...overrides,
  });
  cleanups.push(() => client.stop());
  return client;
}

async function startBroker(port = 0) {
  const broker = await new TestBroker(credentials).start(port);
  cleanups.push(() => broker.stop());
  return broker;
}

describe('DeviceClient', () => {
  it('publishes retained online status, and the broker sends its Last Will when the link dies', async () => {
    const broker = await startBroker();
    const sub = await subscriber(broker.url, topics.status(STORE, 'wic-1'), watcher);
    cleanups.push(() => sub.close());
    const client = device(broker.url);
    client.start();
    await sub.waitFor((m) => m.payload === '{"online":true}');

    client.loseNetwork();
    const will = await sub.waitFor((m) => m.payload === '{"online":false}');
    expect(will.topic).toBe('galley/store-1/wic-1/status');

    // Retained: a subscriber arriving later still learns the device is offline.
    const late = await subscriber(broker.url, topics.status(STORE, 'wic-1'), watcher);
    cleanups.push(() => late.close());
    const retained = await late.waitFor(() => true);
    expect(retained).toMatchObject({ payload: '{"online":false}', retain: true });

    client.restoreNetwork();
    await late.waitFor((m) => m.payload === '{"online":true}');
  });

  it('leaves a retained offline status that Debian mosquitto_sub reads after the device died', async () => {
    const broker = await startBroker();
    const client = device(broker.url);
    client.start();
    await waitUntil(() => client.stats().connected, 5000, 'connected');
    client.loseNetwork();
    await waitUntil(() => !client.stats().connected, 5000, 'link down');
    const { stdout } = await execFileAsync(
      '/usr/bin/mosquitto_sub',
      [
        '-h',
        '127.0.0.1',
        '-p',
        String(broker.port),
        '-u',
        'watcher',
        '-P',
        'watcher-secret',
        '-V',
        'mqttv311',
        '-t',
        topics.status(STORE, 'wic-1'),
        '-C',
        '1',
        '-W',
        '5',
        '-v',
      ],
      { timeout: 10_000 },
    );
    expect(stdout.trim()).toBe('galley/store-1/wic-1/status {"online":false}');
  });

  it('is refused with a wrong secret and counts the errors', async () => {
    const broker = await startBroker();
    const client = device(broker.url, { secret: 'wrong' });
    client.start();
    await waitUntil(() => client.stats().errors >= 2, 5000, 'two refused attempts');
    expect(client.stats()).toMatchObject({ connected: false, connects: 0 });
  });

  it('buffers while the broker is down, drops the oldest beyond capacity, delivers the rest after reconnect', async () => {
    const first = await startBroker();
    const port = first.port;
    const client = device(first.url, { bufferCapacity: 4 });
    client.start();
    await waitUntil(() => client.stats().connected, 5000, 'first connect');

    await first.stop();
    await waitUntil(() => !client.stats().connected, 5000, 'disconnect noticed');
    for (let i = 0; i < 10; i++)
      client.publish('telemetry', { ts: 1_700_000_000_000 + i, readings: { temp_c: i } });
    expect(client.stats()).toMatchObject({ buffered: 4, dropped: 6, acked: 0 });

    const second = await startBroker(port);
    const sub = await subscriber(second.url, topics.telemetry(STORE, 'wic-1'), watcher);
    cleanups.push(() => sub.close());
    await waitUntil(() => client.stats().acked === 4, 10_000, 'buffered messages acknowledged');
    await sub.waitFor((m) => m.payload.includes('"temp_c":9'));
    const values = sub.received.map((m) => JSON.parse(m.payload).readings.temp_c);
    expect(values).toEqual([6, 7, 8, 9]);
    expect(client.stats()).toMatchObject({ buffered: 0, inFlight: 0, dropped: 6 });
  });

  it('says it is shutting down on a clean stop, retained, and the Will never follows', async () => {
    const broker = await startBroker();
    const sub = await subscriber(broker.url, topics.status(STORE, 'wic-1'), watcher);
    cleanups.push(() => sub.close());
    const client = device(broker.url);
    client.start();
    await sub.waitFor((m) => m.payload === '{"online":true}');
    await client.stop();
    await sub.waitFor((m) => m.payload === '{"online":false,"reason":"shutdown"}');

    const late = await subscriber(broker.url, topics.status(STORE, 'wic-1'), watcher);
    cleanups.push(() => late.close());
    const retained = await late.waitFor(() => true);
    expect(retained).toMatchObject({ payload: '{"online":false,"reason":"shutdown"}', retain: true });
    expect(sub.received.map((m) => m.payload)).not.toContain('{"online":false}');
  });
});
