import { type ChildProcess, spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';

/** Fails instead of hanging when `promise` never settles. */
export function within<T>(promise: Promise<T>, ms = 5000, what = 'operation'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
    }),
  ]);
}

/** Connects an mqtt.js client (3.1.1, no reconnect); rejects with the CONNACK code on refusal. */
export function connectClient(port: number, options: IClientOptions = {}): Promise<MqttClient> {
  const client = mqtt.connect({
    host: '127.0.0.1',
    port,
    protocolVersion: 4,
    reconnectPeriod: 0,
    connectTimeout: 5000,
    ...options,
  });
  return within(
    new Promise((resolve, reject) => {
      client.once('connect', () => resolve(client));
      client.once('error', (err) => {
        client.end(true);
        reject(err);
      });
      client.once('close', () => reject(new Error('connection closed before CONNACK')));
    }),
    6000,
    'CONNACK',
  );
}

/** The CONNACK return code a connection attempt ends with (0 = accepted). */
export async function connackCode(port: number, options: IClientOptions = {}): Promise<number> {
  try {
    const client = await connectClient(port, options);
    await client.endAsync();
    return 0;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'number') return code;
    throw err;
  }
}

export interface Received {
  topic: string;
  payload: Buffer;
  retain: boolean;
  qos: number;
}

/** Collects what a client receives, with a way to wait for the n-th message. */
export function collect(client: MqttClient) {
  const messages: Received[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  client.on('message', (topic, payload, packet) => {
    messages.push({ topic, payload, retain: packet.retain, qos: packet.qos });
    for (const w of waiters.filter((w) => messages.length >= w.n)) w.resolve();
  });
  return {
    messages,
    waitFor(n: number, ms = 5000): Promise<Received[]> {
      if (messages.length >= n) return Promise.resolve(messages);
      return within(
        new Promise<void>((resolve) => waiters.push({ n, resolve })).then(() => messages),
        ms,
        `${n} messages`,
      );
    },
  };
}

/** A running Debian `mosquitto_sub`, collecting stdout lines. */
export interface MosquittoSub {
  child: ChildProcess;
  lines: string[];
  waitForLines(n: number, ms?: number): Promise<string[]>;
  exited: Promise<number | null>;
}

export function mosquittoSub(args: string[]): MosquittoSub {
  const child = spawn('/usr/bin/mosquitto_sub', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let buffer = '';
  const waiters: { n: number; resolve: () => void }[] = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    lines.push(...parts);
    for (const w of waiters.filter((w) => lines.length >= w.n)) w.resolve();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    lines,
    exited,
    waitForLines(n, ms = 5000) {
      if (lines.length >= n) return Promise.resolve(lines);
      return within(
        new Promise<void>((resolve) => waiters.push({ n, resolve })).then(() => lines),
        ms,
        `${n} lines from mosquitto_sub ${args.join(' ')}`,
      );
    },
  };
}

/** Runs Debian `mosquitto_pub` to completion; resolves with its exit code and stderr. */
export function mosquittoPub(
  args: string[],
  input?: Buffer,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn('/usr/bin/mosquitto_pub', args, {
    stdio: [input ? 'pipe' : 'ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  if (input) child.stdin?.end(input);
  return within(
    new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr }))),
    10_000,
    `mosquitto_pub ${args.join(' ')}`,
  );
}

/**
 * Resolves once `sub` is receiving: `probe` publishes something its filter matches,
 * again and again until a line arrives (mosquitto_sub does not say when its SUBACK came).
 * The probe lines are removed afterwards.
 */
export async function untilReceiving(
  sub: MosquittoSub,
  probe: () => Promise<unknown>,
  ms = 5000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (sub.lines.length === 0) {
    if (Date.now() > deadline) throw new Error('mosquitto_sub did not start receiving in time');
    await probe();
    await new Promise((r) => setTimeout(r, 50));
  }
  // let any probes still in flight arrive before dropping them
  await new Promise((r) => setTimeout(r, 100));
  sub.lines.length = 0;
}

/**
 * The SUBACK return codes for `filters`, one per filter (0x80 = refused). mqtt.js
 * rejects a SUBSCRIBE with any refused filter, carrying the SUBACK; both are unwrapped here.
 */
export async function grantedCodes(
  client: MqttClient,
  filters: string[],
  qos: 0 | 1 | 2 = 0,
): Promise<number[]> {
  try {
    const grants = await client.subscribeAsync(filters, { qos });
    return grants.map((g) => g.qos);
  } catch (err) {
    const packet = (err as { packet?: { granted?: unknown } }).packet;
    if (Array.isArray(packet?.granted)) return packet.granted.map(Number);
    throw err;
  }
}

/**
 * Sends a hand-built MQTT 3.1.1 CONNECT (for what client libraries refuse to send,
 * such as an empty client id with CleanSession=0) and resolves with the CONNACK code.
 */
export function rawConnack(
  port: number,
  opts: { clientId: string; clean: boolean; username?: string; password?: string },
): Promise<number> {
  const str = (s: string) => {
    const b = Buffer.from(s, 'utf8');
    return Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
  };
  let flags = opts.clean ? 0x02 : 0;
  if (opts.username !== undefined) flags |= 0x80;
  if (opts.password !== undefined) flags |= 0x40;
  const body = Buffer.concat([
    str('MQTT'),
    Buffer.from([4, flags, 0, 30]),
    str(opts.clientId),
    ...(opts.username !== undefined ? [str(opts.username)] : []),
    ...(opts.password !== undefined ? [str(opts.password)] : []),
  ]);
  if (body.length > 127) throw new Error('rawConnack builds only short CONNECT packets');
  const packet = Buffer.concat([Buffer.from([0x10, body.length]), body]);
  return within(
    new Promise((resolve, reject) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write(packet));
      let received = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        if (received.length >= 4) {
          socket.destroy();
          if (received[0] !== 0x20) reject(new Error(`expected CONNACK, got 0x${received[0]?.toString(16)}`));
          else resolve(received[3] ?? -1);
        }
      });
      socket.on('error', reject);
      socket.on('close', () => reject(new Error('closed without CONNACK')));
    }),
    5000,
    'CONNACK to a raw CONNECT',
  );
}
