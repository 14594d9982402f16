import type { Client, PublishPacket } from 'aedes';
import { StatusMessage } from '../../../shared/device-messages';
import type { RejectionReason } from '../../../shared/rejection-reasons';
import { parseDeviceTopic, parsePosOrdersTopic } from '../../../shared/topics';
import type { BrokerContext } from '../broker-context';
import type { ClientIdentity } from '../client-identity';
import { brokerStopping, recordStatus } from '../device-presence';
import { TokenBucket } from '../token-bucket';
import { mayPublish } from '../topic-access';

/**
 * Where refused publishes go. An error from authorizePublish makes aedes close the
 * connection, but a refused publish must only be dropped: MQTT 3.1.1 has no negative
 * PUBACK, so the client still gets its PUBACK/PUBREC (or it would retry forever) and
 * stays connected. The packet is re-addressed to this topic, which no client may
 * subscribe to (`$` filters are refused), and loses its retain flag.
 */
export const DROPPED_TOPIC = '$SYS/galley/dropped';

const RATE_LOG_INTERVAL_MS = 60_000;

/** Topics whose parse is remembered; a store has a few hundred device topics. */
const PARSED_TOPICS_MAX = 4096;

export class CommitFailedOnPublishError extends Error {
  readonly code = 'PUBLISH_NOT_STORED';

  constructor(topic: string, cause: unknown) {
    super(`message on ${topic} could not be stored; closing so the client retransmits`, { cause });
    this.name = 'CommitFailedOnPublishError';
  }
}

export class RateLimitedError extends Error {
  readonly code = 'RATE_LIMITED';

  constructor(topic: string, detail: string) {
    super(`message on ${topic} refused: ${detail}`);
    this.name = 'RateLimitedError';
  }
}

/**
 * Every client publish passes here before aedes acknowledges or relays it: size,
 * rate, topic ACL, then the ingest gate for device topics. aedes 1.2 writes the
 * QoS 1 PUBACK before it calls `published` (lib/handlers/publish.js), so the
 * durable commit is awaited here, where the acknowledgement still waits for us.
 */
export function createAuthorizePublish(ctx: BrokerContext) {
  const buckets = new WeakMap<Client, TokenBucket>();
  const rateLoggedAt = new WeakMap<Client, number>();
  const storeId = ctx.config.store.id;
  const limits = ctx.config.limits;
  // The same few topics arrive thousands of times a second; clients choose them, so bounded.
  const parsedTopics = new Map<string, ReturnType<typeof parseDeviceTopic>>();
  const parseTopic = (topic: string) => {
    let parsed = parsedTopics.get(topic);
    if (!parsed) {
      if (parsedTopics.size >= PARSED_TOPICS_MAX) parsedTopics.clear();
      parsed = parseDeviceTopic(topic);
      parsedTopics.set(topic, parsed);
    }
    return parsed;
  };

  function drop(client: Client, identity: ClientIdentity | undefined, packet: PublishPacket, why: DropWhy) {
    const topic = packet.topic;
    packet.topic = DROPPED_TOPIC;
    packet.retain = false;
    if (why.reason === null) return;
    ctx.stats.dropped(why.reason);
    ctx.gate.rejections.record(identity?.name ?? client.id, why.reason, why.detail, topic);
    if (why.reason === 'rate_limited') {
      const last = rateLoggedAt.get(client);
      const now = ctx.clock.now();
      if (last !== undefined && now - last < RATE_LOG_INTERVAL_MS) return;
      rateLoggedAt.set(client, now);
    }
    ctx.log.warn({ clientId: client.id, username: identity?.name, topic, reason: why.reason }, why.detail);
  }

  function takeToken(client: Client): boolean {
    let bucket = buckets.get(client);
    if (!bucket) {
      bucket = new TokenBucket(ctx.clock, limits.messagesPerSecond, limits.messageBurst);
      buckets.set(client, bucket);
    }
    return bucket.tryTake();
  }

  return (client: Client | null, packet: PublishPacket, callback: (error?: Error | null) => void) => {
    // A Last Will left in persistence by a broker that is gone: nobody to attribute it to.
    if (!client) {
      packet.topic = DROPPED_TOPIC;
      packet.retain = false;
      callback(null);
      return;
    }
    const identity = ctx.identities.get(client);
    if (isWill(client, packet)) {
      authorizeWill(ctx, client, identity, packet, drop);
      callback(null);
      return;
    }
    ctx.stats.messagesIn += 1;
    const payload = asBuffer(packet.payload);
    if (!identity) {
      drop(client, identity, packet, { reason: 'topic_not_allowed', detail: 'client has no identity' });
      return callback(null);
    }
    if (payload.length > limits.maxPayloadBytes) {
      drop(client, identity, packet, {
        reason: 'payload_too_large',
        detail: `payload of ${payload.length} bytes exceeds maxPayloadBytes ${limits.maxPayloadBytes}`,
      });
      return callback(null);
    }
    if (!takeToken(client)) {
      const detail = `more than ${limits.messagesPerSecond} msg/s (burst ${limits.messageBurst})`;
      if (packet.qos === 0) {
        drop(client, identity, packet, { reason: 'rate_limited', detail: `${detail}; dropping` });
        return callback(null);
      }
      // A PUBACK promises the message is stored, so a QoS 1/2 message over the rate is
      // refused by closing the connection unacknowledged: the client keeps it and
      // retransmits after reconnecting, which also slows it down.
      drop(client, identity, packet, { reason: 'rate_limited', detail: `${detail}; closing unacknowledged` });
      return callback(new RateLimitedError(packet.topic, detail));
    }
    if (!mayPublish(identity, packet.topic, storeId)) {
      drop(client, identity, packet, {
        reason: 'topic_not_allowed',
        detail: `${identity.kind} "${identity.name}" may not publish on ${packet.topic}`,
      });
      return callback(null);
    }
    const device = parseTopic(packet.topic);
    const isDeviceTopic = device.ok && device.topic.storeId === storeId;
    // An empty retained publish only clears the retained message (MQTT-3.3.1-10); nothing to ingest.
    if (packet.retain && payload.length === 0) return callback(null);
    const pos = ctx.posOrders && !isDeviceTopic ? parsePosOrdersTopic(packet.topic) : undefined;
    if (pos && ctx.posOrders) {
      // A POS order is the kitchen's, never relayed; the PUBACK waits until it is stored.
      const detail =
        pos.storeId !== storeId
          ? `orders for store ${pos.storeId} published to store ${storeId}`
          : pos.client !== identity.name
            ? `${identity.name} may publish orders only as itself, not as ${pos.client}`
            : undefined;
      if (detail) {
        drop(client, identity, packet, { reason: 'topic_not_allowed', detail });
        return callback(null);
      }
      try {
        const verdict = ctx.posOrders(identity.name, payload);
        if (!verdict.ok) {
          drop(client, identity, packet, { reason: 'schema_mismatch', detail: verdict.detail });
          return callback(null);
        }
      } catch (err) {
        ctx.log.error(
          { err, clientId: client.id, topic: packet.topic },
          'POS order not stored; closing unacknowledged',
        );
        return callback(new CommitFailedOnPublishError(packet.topic, err));
      }
      drop(client, identity, packet, { reason: null });
      return callback(null);
    }
    // Integrations' own topics are relayed as they are; everything on a device topic passes ingest.
    if (!isDeviceTopic && identity.kind === 'integration') return callback(null);
    if (device.ok && isDeviceTopic && packet.retain && device.topic.kind !== 'status') {
      drop(client, identity, packet, {
        reason: 'retained_not_allowed',
        detail: `${device.topic.kind} must not be retained: a new subscriber would take it for a fresh reading`,
      });
      return callback(null);
    }
    const verdict = ctx.gate.check(identity.name, packet.topic, payload);
    if (!verdict.ok) {
      // Counted and logged by the gate; here it is only kept from subscribers.
      drop(client, identity, packet, { reason: null });
      return callback(null);
    }
    if (packet.qos === 0) {
      // Nobody waits: a failed commit is logged by the committer.
      if (!verdict.store())
        ctx.log.error(
          { clientId: client.id, topic: packet.topic },
          'QoS 0 message not stored: ingest stopped',
        );
      return callback(null);
    }
    // QoS 1/2: the PUBACK waits for this commit, so the committer should not dawdle.
    verdict.commit(true).then(
      () => callback(null),
      (err: unknown) => {
        ctx.log.error(
          { err, clientId: client.id, topic: packet.topic },
          'storing a QoS>0 message failed; closing without acknowledgement',
        );
        callback(new CommitFailedOnPublishError(packet.topic, err));
      },
    );
  };
}

type DropWhy = { reason: RejectionReason; detail: string } | { reason: null };
type Dropper = (
  client: Client,
  identity: ClientIdentity | undefined,
  packet: PublishPacket,
  why: DropWhy,
) => void;

/** aedes passes the client's own will object when the connection ends without DISCONNECT. */
function isWill(client: Client, packet: PublishPacket): boolean {
  return (client as Client & { will?: unknown }).will === packet;
}

function authorizeWill(
  ctx: BrokerContext,
  client: Client,
  identity: ClientIdentity | undefined,
  packet: PublishPacket,
  drop: Dropper,
): void {
  const storeId = ctx.config.store.id;
  if (!identity || !mayPublish(identity, packet.topic, storeId)) {
    drop(client, identity, packet, {
      reason: 'topic_not_allowed',
      detail: `Last Will on ${packet.topic} is outside what ${identity?.name ?? client.id} may publish`,
    });
    return;
  }
  ctx.willsPublished.add(client);
  if (brokerStopping(ctx)) {
    // aedes closing on the edge's stop publishes every Will; none of them is true, so none goes out.
    drop(client, identity, packet, { reason: null });
    return;
  }
  const device = parseDeviceTopic(packet.topic);
  if (identity.kind !== 'device' || !device.ok || device.topic.kind !== 'status') return;
  const status = parseStatus(asBuffer(packet.payload));
  if (!status) {
    drop(client, identity, packet, {
      reason: 'schema_mismatch',
      detail: 'Last Will on the status topic must be {"online": false}',
    });
    return;
  }
  ctx.log.info({ equipmentId: identity.equipmentId, online: status.online }, 'device Last Will published');
  recordStatus(ctx, identity.equipmentId, status.online, 'last_will');
}

function parseStatus(payload: Buffer): StatusMessage | undefined {
  try {
    const parsed = StatusMessage.safeParse(JSON.parse(payload.toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // not JSON at all: the caller reports it as a schema mismatch
    return undefined;
  }
}

function asBuffer(payload: PublishPacket['payload']): Buffer {
  return typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
}
