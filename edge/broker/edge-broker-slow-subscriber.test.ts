import { createConnection, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collect, connectClient, within } from '../../shared/server/testing/mqtt-clients';
import { type MqttEdge, startMqttEdge } from '../testing/mqtt-edge';

const LOAD = {
  username: 'load',
  secret: 'load-secret',
  acl: [{ topic: 'load/#', access: 'readwrite' as const }],
};

function mqttString(s: string): Buffer {
  const b = Buffer.from(s, 'utf8');
  return Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
}

function withLength(header: number, body: Buffer): Buffer {
  const len: number[] = [];
  let n = body.length;
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    len.push(byte);
  } while (n > 0);
  return Buffer.concat([Buffer.from([header, ...len]), body]);
}

/**
 * A subscriber that never reads: CONNECT + SUBSCRIBE written by hand on a socket that
 * is paused at once, so the broker's writes to it back up.
 */
async function stalledSubscriber(port: number, filter: string): Promise<Socket> {
  const connect = withLength(
    0x10,
    Buffer.concat([
      mqttString('MQTT'),
      Buffer.from([4, 0xc2, 0, 0]),
      mqttString('stalled-sub'),
      mqttString(LOAD.username),
      mqttString(LOAD.secret),
    ]),
  );
  const subscribe = withLength(
    0x82,
    Buffer.concat([Buffer.from([0, 1]), mqttString(filter), Buffer.from([0])]),
  );
  const socket = createConnection({ host: '127.0.0.1', port });
  await within(new Promise((resolve) => socket.once('connect', resolve)), 5000, 'tcp connect');
  socket.write(Buffer.concat([connect, subscribe]));
  // read CONNACK and SUBACK, then stop reading for good
  await within(
    new Promise<void>((resolve) => {
      let seen = 0;
      const onData = (chunk: Buffer) => {
        seen += chunk.length;
        if (seen >= 4 + 5) {
          socket.off('data', onData);
          socket.pause();
          resolve();
        }
      };
      socket.on('data', onData);
    }),
    5000,
    'CONNACK and SUBACK',
  );
  return socket;
}

async function waitUntil(condition: () => boolean, ms: number, what: string): Promise<void> {
  await within(
    (async () => {
      while (!condition()) await new Promise((r) => setTimeout(r, 20));
    })(),
    ms,
    what,
  );
}

describe('EdgeBroker under a stalled subscriber', () => {
  let edge: MqttEdge | undefined;
  const uncaught: unknown[] = [];
  const record = (err: unknown) => uncaught.push(err);
  beforeEach(() => {
    process.on('uncaughtException', record);
  });
  afterEach(async () => {
    process.off('uncaughtException', record);
    await edge?.stop();
  });

  it('survives a subscriber dying with a deep backlog, and keeps relaying', async () => {
    edge = await startMqttEdge({
      integrations: [LOAD],
      limits: { messagesPerSecond: 1e6, messageBurst: 1e6 },
    });
    const port = edge.port;
    const stalled = await stalledSubscriber(port, 'load/#');
    const publishers = await Promise.all(
      [1, 2, 3, 4, 5, 6, 7, 8].map((i) =>
        connectClient(port, { username: LOAD.username, password: LOAD.secret, clientId: `pub-${i}` }),
      ),
    );
    // fill the stalled socket's buffers first, so the flood behind them has to queue
    const big = Buffer.alloc(256 * 1024, 0x62);
    for (let i = 0; i < 40; i++) publishers[0]?.publish('load/big', big, { qos: 0 });
    await new Promise((r) => setTimeout(r, 500));
    const payload = Buffer.alloc(8, 0x61);
    for (let round = 0; round < 5000; round++) {
      for (const p of publishers) p.publish(`load/${round % 7}`, payload, { qos: 0 });
    }
    // The flood queues behind the stalled subscriber: this depth is what used to overflow the
    // stack. 1 000 is five times what the router completes on one stack, and with its guard
    // off this test fails; more is not reached since the wire guard reads publishers only as
    // fast as the broker takes their packets (it plateaus near 1 500 here).
    await waitUntil(() => (edge?.broker.stats().relay.queued ?? 0) > 1000, 30_000, 'a deep relay backlog');
    stalled.destroy();
    await waitUntil(() => edge?.broker.stats().relay.queued === 0, 30_000, 'the backlog to drain');

    const probe = await connectClient(port, {
      username: LOAD.username,
      password: LOAD.secret,
      clientId: 'probe',
    });
    const received = collect(probe);
    await probe.subscribeAsync('load/probe', { qos: 1 });
    await publishers[0]?.publishAsync('load/probe', 'still here', { qos: 1 });
    const [first] = await received.waitFor(1, 10_000);
    expect(first?.payload.toString()).toBe('still here');
    for (const p of [...publishers, probe]) p.end(true);
    await waitUntil(() => edge?.broker.stats().relay.inFlight === 0, 5000, 'no message left in flight');
    expect(uncaught).toEqual([]);
  }, 90_000);
});
