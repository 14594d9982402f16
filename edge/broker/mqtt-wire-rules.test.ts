import { describe, expect, it } from 'vitest';
import { MqttWireRules, type WireViolation } from './mqtt-wire-rules';

const LIMITS = { maxUnauthenticatedBytes: 1024, maxPacketBytes: 64 * 1024 };

function field(value: string | Buffer): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  const length = Buffer.alloc(2);
  length.writeUInt16BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

function remainingLength(n: number): Buffer {
  const out: number[] = [];
  let left = n;
  do {
    let byte = left % 128;
    left = Math.floor(left / 128);
    if (left > 0) byte |= 0x80;
    out.push(byte);
  } while (left > 0);
  return Buffer.from(out);
}

function packet(firstByte: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([firstByte]), remainingLength(body.length), body]);
}

function connect(clientId: string, flags = 0x02): Buffer {
  const head = Buffer.concat([field('MQTT'), Buffer.from([4, flags, 0, 60])]);
  return packet(0x10, Buffer.concat([head, field(clientId)]));
}

function publish(topic: string | Buffer, payload: string, qos: 0 | 1 = 0, packetId = 1): Buffer {
  const id = Buffer.alloc(qos > 0 ? 2 : 0);
  if (qos > 0) id.writeUInt16BE(packetId);
  return packet(0x30 | (qos << 1), Buffer.concat([field(topic), id, Buffer.from(payload)]));
}

/** Feeds the bytes whole, then one byte at a time, and answers both verdicts. */
function verdicts(bytes: Buffer, authenticate = true): [WireViolation | null, WireViolation | null] {
  const run = (chunks: Buffer[]): WireViolation | null => {
    const rules = new MqttWireRules(LIMITS);
    let result: WireViolation | null = null;
    for (const chunk of chunks) {
      result = rules.feed(chunk);
      if (result) return result;
      if (authenticate) rules.authenticated();
    }
    return result;
  };
  const whole = run([bytes]);
  const split = run([...bytes].map((b) => Buffer.from([b])));
  return [whole, split];
}

describe('MqttWireRules', () => {
  const session = (...packets: Buffer[]) => Buffer.concat([connect('wic-1'), ...packets]);

  it('lets a CONNECT and well-formed PUBLISHes of every QoS through, whole or byte by byte', () => {
    const bytes = session(
      publish('galley/s/wic-1/telemetry', '{"ts":1,"readings":{"temp_c":3}}', 1, 7),
      publish('galley/s/wic-1/status', '{"online":true}'),
      publish('', 'empty topic is aedes’s to refuse'),
    );
    expect(verdicts(bytes)).toEqual([null, null]);
  });

  it('reads the topic of every PUBLISH in a chunk, not only the first', () => {
    const bad = Buffer.from([0x67, 0xff, 0x2f]);
    const bytes = session(publish('galley/s/wic-1/telemetry', 'x', 1, 1), publish(bad, 'y', 1, 2));
    expect(verdicts(bytes)).toEqual(['invalid_utf8', 'invalid_utf8']);
  });

  it('closes on a topic holding U+0000 (MQTT-1.5.3-2)', () => {
    expect(verdicts(session(publish('galley/\u0000/x', 'p')))).toEqual(['nul_in_string', 'nul_in_string']);
  });

  it('closes on a QoS 1 PUBLISH with packet id 0 (MQTT-2.3.1-1)', () => {
    expect(verdicts(session(publish('a/b', 'p', 1, 0)))).toEqual(['packet_id_zero', 'packet_id_zero']);
  });

  it('closes when the first packet is not a CONNECT (MQTT-3.1.0-1)', () => {
    expect(verdicts(publish('a/b', 'p'))).toEqual(['first_packet_not_connect', 'first_packet_not_connect']);
  });

  it('closes on a Will QoS of 3 (MQTT-3.1.2-14)', () => {
    const flags = 0x02 | 0x04 | (3 << 3);
    const head = Buffer.concat([field('MQTT'), Buffer.from([4, flags, 0, 60])]);
    const body = Buffer.concat([head, field('wic-1'), field('will/topic'), field('{}')]);
    expect(verdicts(packet(0x10, body))).toEqual(['will_qos_3', 'will_qos_3']);
  });

  it('refuses a packet from its announced length, before any of its body arrives', () => {
    const rules = new MqttWireRules(LIMITS);
    // no CONNECT yet: 268 435 455 bytes announced
    expect(rules.feed(Buffer.from([0x10, 0xff, 0xff, 0xff, 0x7f]))).toBe('packet_too_large');
    const afterLogin = new MqttWireRules(LIMITS);
    expect(afterLogin.feed(connect('wic-1'))).toBeNull();
    afterLogin.authenticated();
    expect(
      afterLogin.feed(Buffer.concat([Buffer.from([0x30]), remainingLength(LIMITS.maxPacketBytes + 1)])),
    ).toBe('packet_too_large');
  });

  it('allows a CONNECT only as large as the unauthenticated limit', () => {
    expect(verdicts(connect('x'.repeat(2000)), false)).toEqual(['packet_too_large', 'packet_too_large']);
  });

  it('closes on a remaining length of more than four bytes (2.2.3)', () => {
    const rules = new MqttWireRules({ maxUnauthenticatedBytes: 2 ** 30, maxPacketBytes: 2 ** 30 });
    expect(rules.feed(Buffer.from([0x10, 0x80, 0x80, 0x80, 0x80, 0x01]))).toBe('malformed_length');
  });
});
