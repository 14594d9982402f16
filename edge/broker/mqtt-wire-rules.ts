import { isUtf8 } from 'node:buffer';

/** Why the wire inspector closed a connection. */
export type WireViolation =
  | 'first_packet_not_connect'
  | 'packet_too_large'
  | 'malformed_length'
  | 'malformed_packet'
  | 'invalid_utf8'
  | 'nul_in_string'
  | 'packet_id_zero'
  | 'will_qos_3';

export interface WireLimits {
  /** largest remaining length until the connection is authenticated (its CONNECT included) */
  maxUnauthenticatedBytes: number;
  /** largest remaining length afterwards */
  maxPacketBytes: number;
}

const CONNECT = 1;
const PUBLISH = 3;
const SUBSCRIBE = 8;
const UNSUBSCRIBE = 10;

/**
 * The MQTT 3.1.1 rules aedes and mqtt-packet do not enforce, checked on the raw bytes
 * as they arrive, before the parser buffers a packet: the parser reads a packet's
 * announced length and waits for all of it, so a header announcing 256 MB would be
 * held in memory whole; and it decodes strings leniently (ill-formed UTF-8 becomes
 * U+FFFD), so only the bytes show what was sent.
 *
 * `feed` answers the first violation in the bytes seen so far, or null. Only the part
 * of a packet the rules look at is kept (a PUBLISH's topic and packet id, a CONNECT
 * or (UN)SUBSCRIBE whole); a PUBLISH payload is counted, never copied.
 */
export class MqttWireRules {
  readonly #limits: WireLimits;
  #authenticated = false;
  #connectSeen = false;
  #violation: WireViolation | null = null;

  // the packet being read
  #phase: 'header' | 'length' | 'head' | 'skip' = 'header';
  #type = 0;
  #flags = 0;
  #length = 0;
  #lengthBytes = 0;
  #multiplier = 1;
  /** bytes of the body still to come */
  #left = 0;
  /** bytes of the body the rules need, and what has been gathered of them */
  #need = 0;
  #head: Buffer[] = [];
  #headLength = 0;
  /** a PUBLISH is inspected in two steps: its topic length, then topic and packet id */
  #publishStep: 'topic_length' | 'topic' = 'topic_length';
  #topicLength = 0;

  constructor(limits: WireLimits) {
    this.#limits = limits;
  }

  get violation(): WireViolation | null {
    return this.#violation;
  }

  /** The broker accepted the CONNECT: packets may now be as large as maxPacketBytes. */
  authenticated(): void {
    this.#authenticated = true;
  }

  feed(chunk: Buffer): WireViolation | null {
    let at = 0;
    while (at < chunk.length && this.#violation === null) {
      switch (this.#phase) {
        case 'header':
          this.#startPacket(chunk[at] ?? 0);
          at += 1;
          break;
        case 'length':
          this.#lengthByte(chunk[at] ?? 0);
          at += 1;
          break;
        case 'head':
          at = this.#gather(chunk, at);
          break;
        case 'skip': {
          const n = Math.min(this.#left, chunk.length - at);
          this.#left -= n;
          at += n;
          if (this.#left === 0) this.#phase = 'header';
          break;
        }
      }
    }
    return this.#violation;
  }

  #startPacket(byte: number): void {
    this.#type = byte >> 4;
    this.#flags = byte & 0x0f;
    // [MQTT-3.1.0-1] After a Network Connection is established by a Client to a Server,
    // the first Packet sent from the Client to the Server MUST be a CONNECT Packet.
    // (aedes closes too, but only once the whole packet is buffered and parsed.)
    if (!this.#connectSeen && this.#type !== CONNECT) {
      this.#fail('first_packet_not_connect');
      return;
    }
    if (this.#type === CONNECT) this.#connectSeen = true;
    this.#length = 0;
    this.#lengthBytes = 0;
    this.#multiplier = 1;
    this.#phase = 'length';
  }

  #lengthByte(byte: number): void {
    this.#length += (byte & 0x7f) * this.#multiplier;
    this.#multiplier *= 128;
    this.#lengthBytes += 1;
    const more = (byte & 0x80) !== 0;
    // 2.2.3: the Remaining Length is at most four bytes long.
    if (more && this.#lengthBytes === 4) {
      this.#fail('malformed_length');
      return;
    }
    const cap = this.#authenticated ? this.#limits.maxPacketBytes : this.#limits.maxUnauthenticatedBytes;
    // Refused from the announced length, before one byte of the body is read.
    if (this.#length > cap) {
      this.#fail('packet_too_large');
      return;
    }
    if (more) return;
    this.#bodyStarts();
  }

  #bodyStarts(): void {
    this.#left = this.#length;
    this.#head = [];
    this.#headLength = 0;
    switch (this.#type) {
      case CONNECT:
      case SUBSCRIBE:
      case UNSUBSCRIBE:
        this.#need = this.#length;
        break;
      case PUBLISH:
        this.#publishStep = 'topic_length';
        this.#need = 2;
        break;
      default:
        this.#need = 0;
    }
    if (this.#need > this.#left) {
      this.#fail('malformed_packet');
      return;
    }
    this.#phase = this.#need > 0 ? 'head' : this.#left > 0 ? 'skip' : 'header';
  }

  #gather(chunk: Buffer, at: number): number {
    const available = chunk.length - at;
    // A packet's head within one chunk is the usual case: inspected in place, not copied.
    if (this.#headLength === 0 && available >= this.#need) {
      // #headDone may ask for more (a PUBLISH's topic after its length): read `need` first.
      const need = this.#need;
      this.#headDone(chunk.subarray(at, at + need));
      return at + need;
    }
    const n = Math.min(this.#need - this.#headLength, available);
    this.#head.push(Buffer.from(chunk.subarray(at, at + n)));
    this.#headLength += n;
    if (this.#headLength === this.#need) this.#headDone(Buffer.concat(this.#head));
    return at + n;
  }

  #headDone(head: Buffer): void {
    this.#left -= this.#need;
    this.#head = [];
    this.#headLength = 0;
    if (this.#type === PUBLISH && this.#publishStep === 'topic_length') {
      const qos = (this.#flags >> 1) & 0x03;
      this.#topicLength = head.readUInt16BE(0);
      this.#publishStep = 'topic';
      this.#need = this.#topicLength + (qos > 0 ? 2 : 0);
      if (this.#need > this.#left) this.#fail('malformed_packet');
      else if (this.#need === 0) this.#inspect(head.subarray(0, 0));
      return;
    }
    this.#inspect(head);
  }

  #inspect(head: Buffer): void {
    const violation =
      this.#type === CONNECT
        ? connectViolation(new BodyReader(head))
        : this.#type === PUBLISH
          ? publishViolation(head, this.#topicLength, (this.#flags >> 1) & 0x03)
          : subscriptionViolation(new BodyReader(head), this.#type === SUBSCRIBE);
    if (violation) this.#fail(violation);
    this.#phase = this.#left > 0 ? 'skip' : 'header';
  }

  #fail(violation: WireViolation): void {
    this.#violation = violation;
  }
}

class BodyReader {
  readonly #body: Buffer;
  #at = 0;

  constructor(body: Buffer) {
    this.#body = body;
  }

  get done(): boolean {
    return this.#at >= this.#body.length;
  }

  byte(): number | null {
    if (this.#at + 1 > this.#body.length) return null;
    return this.#body[this.#at++] ?? null;
  }

  uint16(): number | null {
    if (this.#at + 2 > this.#body.length) return null;
    const value = this.#body.readUInt16BE(this.#at);
    this.#at += 2;
    return value;
  }

  /** A length-prefixed field (UTF-8 string or binary data, 1.5.3 and 1.5.5). */
  field(): Buffer | null {
    const length = this.uint16();
    if (length === null || this.#at + length > this.#body.length) return null;
    const value = this.#body.subarray(this.#at, this.#at + length);
    this.#at += length;
    return value;
  }
}

function stringViolation(bytes: Buffer | null): WireViolation | null {
  if (bytes === null) return 'malformed_packet';
  // [MQTT-1.5.3-2] A UTF-8 encoded string MUST NOT include an encoding of the null
  // character U+0000. If a receiver receives a Control Packet containing U+0000 it
  // MUST close the Network Connection. (In well-formed UTF-8 only the byte 0x00 is U+0000.)
  if (bytes.includes(0)) return 'nul_in_string';
  // [MQTT-1.5.3-1] The character data in a UTF-8 encoded string MUST be well-formed
  // UTF-8 as defined by the Unicode specification and restated in RFC 3629. In
  // particular this data MUST NOT include encodings of code points between U+D800 and
  // U+DFFF. If a Server receives a Control Packet containing ill-formed UTF-8 it MUST
  // close the Network Connection.
  if (!isUtf8(bytes)) return 'invalid_utf8';
  return null;
}

function connectViolation(body: BodyReader): WireViolation | null {
  const protocolName = body.field();
  const level = body.byte();
  const flags = body.byte();
  const keepalive = body.uint16();
  if (protocolName === null || level === null || flags === null || keepalive === null) {
    return 'malformed_packet';
  }
  // Other protocol levels are answered by aedes (CONNACK 0x01); MQTT 5 lays the
  // rest out differently.
  if (level !== 3 && level !== 4) return null;
  const will = (flags & 0x04) !== 0;
  // [MQTT-3.1.2-14] If the Will Flag is set to 1, the value of Will QoS can be 0 (0x00),
  // 1 (0x01), or 2 (0x02). It MUST NOT be 3 (0x03).
  if (will && ((flags >> 3) & 0x03) === 3) return 'will_qos_3';
  const strings: (Buffer | null)[] = [protocolName, body.field()];
  if (will) {
    strings.push(body.field());
    if (body.field() === null) return 'malformed_packet';
  }
  if (flags & 0x80) strings.push(body.field());
  for (const s of strings) {
    const violation = stringViolation(s);
    if (violation) return violation;
  }
  return null;
}

/** `head` is the topic name, then the packet id when QoS > 0. */
function publishViolation(head: Buffer, topicLength: number, qos: number): WireViolation | null {
  const violation = stringViolation(head.subarray(0, topicLength));
  if (violation) return violation;
  // [MQTT-2.3.1-1] SUBSCRIBE, UNSUBSCRIBE, and PUBLISH (in cases where QoS > 0) Control
  // Packets MUST contain a non-zero 16-bit Packet Identifier.
  if (qos > 0 && head.readUInt16BE(topicLength) === 0) return 'packet_id_zero';
  return null;
}

function subscriptionViolation(body: BodyReader, subscribe: boolean): WireViolation | null {
  const packetId = body.uint16();
  if (packetId === null) return 'malformed_packet';
  // [MQTT-2.3.1-1], as for PUBLISH
  if (packetId === 0) return 'packet_id_zero';
  while (!body.done) {
    const violation = stringViolation(body.field());
    if (violation) return violation;
    if (subscribe && body.byte() === null) return 'malformed_packet';
  }
  return null;
}
