import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  collect,
  connectClient,
  type MosquittoSub,
  mosquittoPub,
  mosquittoSub,
  untilReceiving,
  within,
} from '../../shared/server/testing/mqtt-clients';
import type { EdgeEvents } from '../runtime/event-bus';
import { type MqttEdge, startMqttEdge } from '../testing/mqtt-edge';

const LAB = {
  username: 'lab',
  secret: 'lab-secret',
  acl: [
    { topic: 'lab/%s/#', access: 'readwrite' as const },
    { topic: 'galley/%s/+/status', access: 'read' as const },
    { topic: 'galley/%s/+/telemetry', access: 'read' as const },
  ],
};

describe('EdgeBroker with Debian mosquitto clients', () => {
  let edge: MqttEdge;
  let s: string;
  let watcher: MqttClient;
  const subs: MosquittoSub[] = [];
  const lab = () => ['-h', '127.0.0.1', '-p', String(edge.port), '-u', LAB.username, '-P', LAB.secret];
  const sub = (args: string[]) => {
    const m = mosquittoSub(args);
    subs.push(m);
    return m;
  };

  beforeEach(async () => {
    edge = await startMqttEdge({ integrations: [LAB] });
    s = edge.storeId;
    watcher = await connectClient(edge.port, {
      username: LAB.username,
      password: LAB.secret,
      clientId: 'watcher',
    });
  });
  afterEach(async () => {
    for (const m of subs.splice(0)) m.child.kill('SIGKILL');
    watcher.end(true);
    await edge.stop();
  });

  it('relays QoS 0, 1 and 2 and matches + and # wildcards', async () => {
    const all = sub([...lab(), '-i', 'sub-all', '-q', '2', '-v', '-t', `lab/${s}/#`]);
    const plus = sub([...lab(), '-i', 'sub-plus', '-q', '2', '-v', '-t', `lab/${s}/+/temp`]);
    // `+` first: its probes also reach `#`, whose wait then clears them
    await untilReceiving(plus, () => watcher.publishAsync(`lab/${s}/probe/temp`, 'p'));
    await untilReceiving(all, () => watcher.publishAsync(`lab/${s}/probe`, 'p'));
    for (const qos of ['0', '1', '2']) {
      const r = await mosquittoPub([
        ...lab(),
        '-i',
        `pub-${qos}`,
        '-q',
        qos,
        '-t',
        `lab/${s}/q${qos}/temp`,
        '-m',
        `m${qos}`,
      ]);
      expect(r.code).toBe(0);
    }
    await mosquittoPub([...lab(), '-q', '1', '-t', `lab/${s}/deep/er/temp`, '-m', 'not for +']);
    await all.waitForLines(4);
    await plus.waitForLines(3);
    expect([...all.lines].sort()).toEqual(
      [
        `lab/${s}/q0/temp m0`,
        `lab/${s}/q1/temp m1`,
        `lab/${s}/q2/temp m2`,
        `lab/${s}/deep/er/temp not for +`,
      ].sort(),
    );
    expect([...plus.lines].sort()).toEqual([
      `lab/${s}/q0/temp m0`,
      `lab/${s}/q1/temp m1`,
      `lab/${s}/q2/temp m2`,
    ]);
  });

  it('QoS 2 telemetry from a device is stored', async () => {
    const secret = edge.provision('fryer-1');
    const payload = JSON.stringify({ ts: Date.now(), readings: { oil_temp_c: 176 } });
    const r = await mosquittoPub([
      ...['-h', '127.0.0.1', '-p', String(edge.port), '-u', 'fryer-1', '-P', secret],
      ...['-q', '2', '-t', `galley/${s}/fryer-1/telemetry`, '-m', payload],
    ]);
    expect(r.code).toBe(0);
    const row = edge.db.prepare("SELECT value FROM readings WHERE equipment_id = 'fryer-1'").get() as {
      value: number;
    };
    expect(row.value).toBe(176);
  });

  it('keeps a retained message for new subscribers until an empty retained publish clears it', async () => {
    const topic = `lab/${s}/retained`;
    expect((await mosquittoPub([...lab(), '-q', '1', '-r', '-t', topic, '-m', 'v1'])).code).toBe(0);
    const first = sub([...lab(), '-C', '1', '-W', '5', '-t', topic]);
    expect(await first.waitForLines(1)).toEqual(['v1']);
    expect((await mosquittoPub([...lab(), '-q', '1', '-r', '-n', '-t', topic])).code).toBe(0);
    const second = sub([...lab(), '-C', '1', '-W', '1', '-t', topic]);
    await within(second.exited, 5000, 'mosquitto_sub -W 1 to time out');
    expect(second.lines).toEqual([]);
  });

  it('publishes the Last Will when a device is killed, not when it disconnects cleanly', async () => {
    const secret = edge.provision('fryer-1');
    const status = `galley/${s}/fryer-1/status`;
    const seen = collect(watcher);
    await watcher.subscribeAsync(status, { qos: 1 });
    const device = ['-h', '127.0.0.1', '-p', String(edge.port), '-u', 'fryer-1', '-P', secret];
    const will = [
      '--will-topic',
      status,
      '--will-payload',
      '{"online":false}',
      '--will-qos',
      '1',
      '--will-retain',
    ];

    // clean: mosquitto_pub says online and sends DISCONNECT
    const offline = nextStatus(edge, 'fryer-1', 'disconnect');
    expect(
      (await mosquittoPub([...device, ...will, '-q', '1', '-r', '-t', status, '-m', '{"online":true}'])).code,
    ).toBe(0);
    await seen.waitFor(1);
    await offline;

    // killed: mosquitto_sub holds the connection (on its own subtree) and dies with SIGKILL
    const connected = nextStatus(edge, 'fryer-1', 'connect');
    const holder = sub([...device, ...will, '-i', 'fryer-1-holder', '-t', `galley/${s}/fryer-1/cmd`]);
    await connected;
    const lastWill = nextStatus(edge, 'fryer-1', 'last_will');
    holder.child.kill('SIGKILL');
    expect(await lastWill).toMatchObject({ online: false });
    await seen.waitFor(2);
    expect(seen.messages.map((m) => m.payload.toString())).toEqual(['{"online":true}', '{"online":false}']);
  });

  it('queues QoS 1 messages for an offline persistent session and delivers them on reconnect', async () => {
    const topic = `lab/${s}/queue`;
    const session = [...lab(), '-i', 'fixed-id', '-c', '-q', '1', '-t', topic];
    const subscribe = sub([...session, '-E']);
    expect(await within(subscribe.exited, 5000, 'mosquitto_sub -E')).toBe(0);
    for (const n of [1, 2, 3]) {
      expect((await mosquittoPub([...lab(), '-q', '1', '-t', topic, '-m', `queued-${n}`])).code).toBe(0);
    }
    const resumed = sub([...session, '-C', '3', '-W', '5']);
    expect(await resumed.waitForLines(3)).toEqual(['queued-1', 'queued-2', 'queued-3']);
  });

  it('carries a 1 MiB payload where the limits allow it', async () => {
    const file = join(edge.dir, 'blob.bin');
    const blob = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < blob.length; i++) blob[i] = i % 251;
    writeFileSync(file, blob);
    const seen = collect(watcher);
    await watcher.subscribeAsync(`lab/${s}/blob`, { qos: 1 });
    expect((await mosquittoPub([...lab(), '-q', '1', '-t', `lab/${s}/blob`, '-f', file])).code).toBe(0);
    const [message] = await seen.waitFor(1, 10_000);
    expect(message?.payload.equals(blob)).toBe(true);
  });
});

function nextStatus(
  edge: MqttEdge,
  equipmentId: string,
  cause: EdgeEvents['deviceStatus']['cause'],
): Promise<EdgeEvents['deviceStatus']> {
  return within(
    new Promise((resolve) => {
      const off = edge.bus.on('deviceStatus', (status) => {
        if (status.equipmentId !== equipmentId || status.cause !== cause) return;
        off();
        resolve(status);
      });
    }),
    5000,
    `deviceStatus ${cause} of ${equipmentId}`,
  );
}
