import { createConnection, type Socket } from 'node:net';
import { Rng } from './abuse-settings';

/** MQTT 3.1.1 wire pieces (section 2.2.3 remaining length, 1.5.3 UTF-8 strings). */
export function varint(n: number): Buffer {
  const out: number[] = [];
  let x = n;
  do {
    let byte = x % 128;
    x = Math.floor(x / 128);
    if (x > 0) byte |= 0x80;
    out.push(byte);
  } while (x > 0);
  return Buffer.from(out);
}

export function mqttString(s: string | Buffer): Buffer {
  const b = typeof s === 'string' ? Buffer.from(s, 'utf8') : s;
  return Buffer.concat([Buffer.from([(b.length >> 8) & 0xff, b.length & 0xff]), b]);
}

export function packet(firstByte: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([firstByte]), varint(body.length), body]);
}

export interface ConnectOptions {
  clientId: string | Buffer;
  username?: string;
  password?: string;
  clean?: boolean;
  keepalive?: number;
  will?: { topic: string | Buffer; payload: Buffer | string; qos: number; retain?: boolean };
  protocolName?: string;
  protocolLevel?: number;
  /** OR-ed into the connect flags (e.g. 0x01, the reserved bit) */
  extraFlags?: number;
}

export function connectPacket(o: ConnectOptions): Buffer {
  let flags = o.clean === false ? 0 : 0x02;
  if (o.will) flags |= 0x04 | ((o.will.qos & 0x03) << 3) | (o.will.retain ? 0x20 : 0);
  if (o.username !== undefined) flags |= 0x80;
  if (o.password !== undefined) flags |= 0x40;
  flags |= o.extraFlags ?? 0;
  const keepalive = o.keepalive ?? 30;
  const body = Buffer.concat([
    mqttString(o.protocolName ?? 'MQTT'),
    Buffer.from([o.protocolLevel ?? 4, flags, keepalive >> 8, keepalive & 0xff]),
    mqttString(o.clientId),
    ...(o.will ? [mqttString(o.will.topic), mqttString(Buffer.from(o.will.payload))] : []),
    ...(o.username !== undefined ? [mqttString(o.username)] : []),
    ...(o.password !== undefined ? [mqttString(o.password)] : []),
  ]);
  return packet(0x10, body);
}

export function publishPacket(o: {
  topic: string | Buffer;
  payload: Buffer | string;
  qos?: 0 | 1 | 2 | 3;
  packetId?: number;
  retain?: boolean;
}): Buffer {
  const qos = o.qos ?? 0;
  const first = 0x30 | (qos << 1) | (o.retain ? 1 : 0);
  const id = o.packetId ?? 1;
  const body = Buffer.concat([
    mqttString(o.topic),
    ...(qos > 0 ? [Buffer.from([id >> 8, id & 0xff])] : []),
    Buffer.from(o.payload),
  ]);
  return packet(first, body);
}

/** A byte string the MQTT spec forbids in a UTF-8 string: a lone continuation byte and 0xFF. */
export const INVALID_UTF8 = Buffer.from([0x67, 0x61, 0x80, 0xff, 0x2f, 0x78]);

/** What one raw socket saw from the edge. */
export interface WireOutcome {
  received: Buffer;
  /** the edge closed (or reset) the connection */
  closedByPeer: boolean;
  error?: string;
}

/**
 * Opens a raw TCP socket from `localAddress`, writes `chunks` (the rest after the edge's answer to the
 * first when `awaitReply`), keeps listening for `lingerMs`, then destroys it.
 */
export function sendRaw(
  port: number,
  chunks: Buffer[],
  options: { lingerMs?: number; localAddress?: string; awaitReply?: boolean } = {},
): Promise<WireOutcome> {
  const lingerMs = options.lingerMs ?? 30;
  return new Promise((resolve) => {
    let received = Buffer.alloc(0);
    let closedByPeer = false;
    let error: string | undefined;
    let done = false;
    let socket: Socket;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(hardStop);
      socket.destroy();
      resolve({ received, closedByPeer, error });
    };
    const hardStop = setTimeout(finish, 5000);
    socket = createConnection({ host: '127.0.0.1', port, localAddress: options.localAddress }, () => {
      void (async () => {
        for (const [i, chunk] of chunks.entries()) {
          if (done || socket.destroyed) return;
          socket.write(chunk);
          // a logged-in case waits for its CONNACK, so what follows reaches a connected client
          if (i === 0 && options.awaitReply) await waitUntil(() => received.length > 0 || done, 2000);
        }
        setTimeout(finish, lingerMs);
      })();
    });
    socket.on('data', (d: Buffer) => {
      received = Buffer.concat([received, d]);
    });
    socket.on('error', (err) => {
      error = (err as NodeJS.ErrnoException).code ?? err.message;
      closedByPeer = true;
    });
    socket.on('close', () => {
      closedByPeer = true;
      finish();
    });
  });
}

async function waitUntil(check: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!check() && Date.now() < until) await new Promise((r) => setTimeout(r, 2));
}

/** CONNACK return code in `bytes`, when they start with one. */
export function connackCode(bytes: Buffer): number | undefined {
  return bytes[0] === 0x20 && bytes[1] === 0x02 && bytes.length >= 4 ? bytes[3] : undefined;
}

// ---- the fuzz families ----

export interface WireCase {
  family: WireFamily;
  index: number;
  chunks: Buffer[];
  /** the case carries a valid device login: only these may ever be accepted */
  authenticated: boolean;
  awaitReply: boolean;
}

export type WireFamily = 'wire-header' | 'wire-connect' | 'wire-after-connect';
export const WIRE_FAMILIES: readonly WireFamily[] = ['wire-header', 'wire-connect', 'wire-after-connect'];
/** Share of the packet budget per family: logged-in cases cost a device login each, so they get fewer. */
export const WIRE_SHARE: Record<WireFamily, number> = {
  'wire-header': 0.5,
  'wire-connect': 0.4,
  'wire-after-connect': 0.1,
};

/** A remaining-length field: honest, lying, over-long (5 bytes) or cut short. */
function remainingLength(rng: Rng, bodyLength: number): Buffer {
  switch (rng.int(6)) {
    case 0:
      return varint(rng.int(268_435_456));
    case 1:
      return Buffer.from([0x80, 0x80, 0x80, 0x80, rng.int(256)]);
    case 2:
      return Buffer.from([0xff, 0xff, 0xff, 0x7f]);
    case 3:
      return Buffer.from([0x80 | rng.int(128)]);
    case 4:
      return varint(Math.max(0, bodyLength + rng.int(64) - 32));
    default:
      return varint(bodyLength);
  }
}

/** Random first bytes (every packet type and flag nibble), lying lengths, truncated or trailing bodies. */
function headerCase(rng: Rng): Buffer[] {
  const first = rng.int(256);
  const body = rng.bytes(rng.chance(0.05) ? 4096 + rng.int(60_000) : rng.int(200));
  const whole = Buffer.concat([Buffer.from([first]), remainingLength(rng, body.length), body]);
  if (rng.chance(0.3)) return splitRandomly(rng, whole.subarray(0, rng.int(whole.length + 1)));
  return splitRandomly(rng, whole);
}

const STRINGS = ['', 'MQTT', 'MQIsdp', 'mqtt', 'MQTT\u0000', '\uffff', 'x'.repeat(300)];

/** A CONNECT with no valid secret, built from random fields and then mutated byte-wise. */
function connectCase(rng: Rng, deviceIds: readonly string[]): Buffer[] {
  const user = rng.pick([...deviceIds, 'admin', '', 'home-assistant', '\u0000', 'x'.repeat(2000)]);
  const base = connectPacket({
    clientId: rng.pick([
      '',
      'c',
      `fuzz-${rng.int(1e6)}`,
      'x'.repeat(rng.pick([256, 257, 1000, 65_535])),
      INVALID_UTF8,
      'a\u0000b',
    ]),
    clean: rng.chance(0.7),
    keepalive: rng.int(65_536),
    username: rng.chance(0.8) ? user : undefined,
    password: rng.chance(0.7) ? rng.bytes(rng.int(40)).toString('latin1') : undefined,
    will: rng.chance(0.3)
      ? {
          topic: rng.pick([`galley/demo-sh-001/${user}/telemetry`, '#', '', INVALID_UTF8, '$SYS/x']),
          payload: rng.pick([
            '{"online": false}',
            '{"ts": 1e16}',
            rng.bytes(rng.int(100)).toString('latin1'),
          ]),
          qos: rng.int(4),
          retain: rng.chance(0.5),
        }
      : undefined,
    protocolName: rng.chance(0.8) ? 'MQTT' : rng.pick(STRINGS),
    protocolLevel: rng.chance(0.8) ? 4 : rng.int(256),
    extraFlags: rng.chance(0.1) ? 0x01 : 0,
  });
  const mutated = mutate(rng, base);
  const chunks = [mutated];
  // garbage after CONNECT, before any CONNACK could be read
  if (rng.chance(0.3)) chunks.push(rng.bytes(rng.int(300)));
  return chunks;
}

/** A CONNECT with a device's real secret, then malformed or hostile packets from a logged-in client. */
function afterConnectCase(rng: Rng, device: { id: string; secret: string }): Buffer[] {
  const connect = connectPacket({
    clientId: `fuzz-${device.id}-${rng.int(1e9)}`,
    username: device.id,
    password: device.secret,
  });
  const own = `galley/demo-sh-001/${device.id}`;
  const followUps: Buffer[] = [];
  for (let n = 1 + rng.int(4); n > 0; n--) {
    const qos = rng.pick([0, 1, 1, 2, 3] as const);
    switch (rng.int(7)) {
      case 0:
        followUps.push(
          publishPacket({
            topic: rng.pick([
              `${own}/telemetry`,
              `${own}/event`,
              `${own}/status`,
              'galley/demo-sh-001/wic-1/telemetry',
              '#',
              '+/x',
              INVALID_UTF8,
              `${own}/\u0000`,
              '',
            ]),
            payload: rng.bytes(rng.int(300)),
            qos,
            packetId: rng.chance(0.2) ? 0 : rng.int(65_536),
            retain: rng.chance(0.3),
          }),
        );
        break;
      case 1: // SUBSCRIBE with random filters and requested QoS, including forbidden values
        followUps.push(
          packet(
            rng.pick([0x82, 0x80, 0x83]),
            Buffer.concat([
              Buffer.from([rng.int(256), rng.int(256)]),
              mqttString(rng.pick(['#', '$SYS/#', `${own}/#`, 'galley/+/+/telemetry', '', INVALID_UTF8])),
              Buffer.from([rng.int(256)]),
            ]),
          ),
        );
        break;
      case 2: // UNSUBSCRIBE, PUBACK, PUBREC, PUBREL, PUBCOMP with random ids and flags
        followUps.push(packet(rng.pick([0xa2, 0x40, 0x50, 0x62, 0x70, 0x60, 0xa0]), rng.bytes(rng.int(6))));
        break;
      case 3: // a second CONNECT on the same connection (MQTT-3.1.0-2)
        followUps.push(connect);
        break;
      case 4: // PINGREQ / DISCONNECT with a body they must not have
        followUps.push(packet(rng.pick([0xc0, 0xe0, 0xc1]), rng.bytes(rng.int(4))));
        break;
      case 5:
        followUps.push(
          mutate(
            rng,
            publishPacket({ topic: `${own}/telemetry`, payload: '{"ts":1,"readings":{}}', qos: 1 }),
          ),
        );
        break;
      default:
        followUps.push(rng.bytes(1 + rng.int(200)));
    }
  }
  return [connect, ...followUps];
}

/** Bit flips, byte overwrites, inserts, deletes and cuts: the classic dumb mutator. */
function mutate(rng: Rng, input: Buffer): Buffer {
  let b = Buffer.from(input);
  for (let n = rng.int(4); n > 0 && b.length > 0; n--) {
    const at = rng.int(b.length);
    switch (rng.int(5)) {
      case 0:
        b[at] = (b[at] ?? 0) ^ (1 << rng.int(8));
        break;
      case 1:
        b[at] = rng.pick([0x00, 0xff, 0x7f, 0x80]);
        break;
      case 2:
        b = Buffer.concat([b.subarray(0, at), rng.bytes(1 + rng.int(8)), b.subarray(at)]);
        break;
      case 3:
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + rng.int(8))]);
        break;
      default:
        b = b.subarray(0, at);
    }
  }
  return b;
}

function splitRandomly(rng: Rng, b: Buffer): Buffer[] {
  if (b.length < 2 || !rng.chance(0.3)) return [b];
  const at = 1 + rng.int(b.length - 1);
  return [b.subarray(0, at), b.subarray(at)];
}

export function wireCase(
  family: WireFamily,
  index: number,
  devices: readonly { id: string; secret: string }[],
): WireCase {
  const rng = Rng.forCase(family, index);
  switch (family) {
    case 'wire-header':
      return { family, index, chunks: headerCase(rng), authenticated: false, awaitReply: false };
    case 'wire-connect':
      return {
        family,
        index,
        chunks: connectCase(
          rng,
          devices.map((d) => d.id),
        ),
        authenticated: false,
        awaitReply: false,
      };
    case 'wire-after-connect': {
      const device = devices[index % devices.length];
      if (!device) throw new Error('wire-after-connect needs provisioned devices');
      return { family, index, chunks: afterConnectCase(rng, device), authenticated: true, awaitReply: true };
    }
  }
}

export function describeCase(c: WireCase): string {
  return `${c.family}:${c.index} ${c.chunks.map((ch) => ch.subarray(0, 96).toString('hex') + (ch.length > 96 ? `…(${ch.length} B)` : '')).join(' | ')}`;
}
