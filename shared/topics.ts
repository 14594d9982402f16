/**
 * Topic names of the device-facing contract (docs/device-contract.md) and of the
 * edge-owned subtree. Every publisher and handler builds and parses topics here.
 */
export const TOPIC_ROOT = 'galley';

/** Device message kinds: the last level of `galley/{storeId}/{equipmentId}/{kind}`. */
export const DEVICE_MESSAGE_KINDS = ['telemetry', 'event', 'status'] as const;
export type DeviceMessageKind = (typeof DEVICE_MESSAGE_KINDS)[number];

/**
 * The edge publishes under `galley/{storeId}/_edge/…`. `_` cannot start an
 * equipment id, so no device can own this subtree.
 */
export const EDGE_SEGMENT = '_edge';

/** The subtrees the edge publishes under `galley/{storeId}/_edge/`, each `{subtree}/{id}`. */
export const EDGE_SUBTREES = {
  /** retained: the open alarms of one piece of equipment, `alarms/{equipmentId}` */
  alarms: 'alarms',
  /** a ticket changed, `tickets/{ticketId}` */
  tickets: 'tickets',
  /** a serial reading stored, `telemetry/{equipmentId}` */
  telemetry: 'telemetry',
  /** a station's kitchen tickets changed, `kds/{stationId}` (`KdsChangeMessage`, shared/api/kds.ts) */
  kds: 'kds',
  /** retained: a menu item's availability, `menu/{item}` (edge/domains/availability) */
  menu: 'menu',
} as const;

/**
 * POS terminals on the store LAN publish orders on `galley/{storeId}/_pos/orders/{client}`
 * (the body of `POST /api/pos/orders`), QoS 1: the PUBACK comes once the order is stored.
 * Five levels, so it is never taken for a device topic.
 */
export const POS_SEGMENT = '_pos';

/**
 * A device claiming credentials at commissioning (shared/api/device-claim.ts) subscribes to
 * `galley/{storeId}/_claim/{serial}`, the only topic it may use. The box writes the reply
 * to that one connection; nothing is routed there, and no client may publish there.
 */
export const CLAIM_SEGMENT = '_claim';

export const topics = {
  deviceRoot: (storeId: string, equipmentId: string) => `${TOPIC_ROOT}/${storeId}/${equipmentId}`,
  telemetry: (storeId: string, equipmentId: string) => `${TOPIC_ROOT}/${storeId}/${equipmentId}/telemetry`,
  event: (storeId: string, equipmentId: string) => `${TOPIC_ROOT}/${storeId}/${equipmentId}/event`,
  status: (storeId: string, equipmentId: string) => `${TOPIC_ROOT}/${storeId}/${equipmentId}/status`,
  edgeRoot: (storeId: string) => `${TOPIC_ROOT}/${storeId}/${EDGE_SEGMENT}`,
  edge: (storeId: string, ...levels: string[]) => [TOPIC_ROOT, storeId, EDGE_SEGMENT, ...levels].join('/'),
  /** A repair ticket changed (`TicketChangeMessage`, shared/api/tickets.ts); not retained, QoS 1. */
  edgeTicket: (storeId: string, ticketId: number) =>
    `${TOPIC_ROOT}/${storeId}/${EDGE_SEGMENT}/${EDGE_SUBTREES.tickets}/${ticketId}`,
  /**
   * A reading of serial equipment the edge stored (`TelemetryMessage`, as a device's own
   * telemetry topic carries); not retained, QoS 0. MQTT devices' telemetry is not repeated here.
   */
  edgeTelemetry: (storeId: string, equipmentId: string) =>
    `${TOPIC_ROOT}/${storeId}/${EDGE_SEGMENT}/${EDGE_SUBTREES.telemetry}/${equipmentId}`,
  /** A station's kitchen tickets changed (`KdsChangeMessage`); not retained, QoS 1. */
  edgeKds: (storeId: string, stationId: string) =>
    `${TOPIC_ROOT}/${storeId}/${EDGE_SEGMENT}/${EDGE_SUBTREES.kds}/${stationId}`,
  /** Where a claiming device receives its credentials (`ClaimReply`), QoS 1, never retained. */
  claimReply: (storeId: string, serial: string) => `${TOPIC_ROOT}/${storeId}/${CLAIM_SEGMENT}/${serial}`,
  /** Where the POS integration `client` publishes its orders. */
  posOrders: (storeId: string, client: string) => `${TOPIC_ROOT}/${storeId}/${POS_SEGMENT}/orders/${client}`,
} as const;

/** The POS client of `galley/{storeId}/_pos/orders/{client}`; undefined for any other topic. */
export function parsePosOrdersTopic(topic: string): { storeId: string; client: string } | undefined {
  const levels = topic.split('/');
  if (levels.length !== 5 || levels[0] !== TOPIC_ROOT || levels[2] !== POS_SEGMENT || levels[3] !== 'orders')
    return undefined;
  const [, storeId, , , client] = levels as [string, string, string, string, string];
  return storeId && client ? { storeId, client } : undefined;
}

export interface EdgeTopic {
  storeId: string;
  /** the level after `_edge`: one of EDGE_SUBTREES, or one this reader does not know yet */
  subtree: string;
  /** the levels below the subtree (`[equipmentId]`, `[ticketId]`) */
  rest: string[];
}

/** Parses `galley/{storeId}/_edge/{subtree}/…`; undefined for any other topic. */
export function parseEdgeTopic(topic: string): EdgeTopic | undefined {
  const [root, storeId, segment, subtree, ...rest] = topic.split('/');
  if (root !== TOPIC_ROOT || segment !== EDGE_SEGMENT || !storeId || subtree === undefined) return undefined;
  return { storeId, subtree, rest };
}

export interface DeviceTopic {
  storeId: string;
  equipmentId: string;
  kind: DeviceMessageKind;
}

export type DeviceTopicParse =
  | { ok: true; topic: DeviceTopic }
  | { ok: false; reason: 'not_galley_topic' | 'unknown_message_kind' };

/** Parses `galley/{storeId}/{equipmentId}/{kind}`; anything deeper or shallower is not a device message. */
export function parseDeviceTopic(topic: string): DeviceTopicParse {
  const levels = topic.split('/');
  if (levels.length !== 4 || levels[0] !== TOPIC_ROOT) return { ok: false, reason: 'not_galley_topic' };
  const [, storeId, equipmentId, kind] = levels as [string, string, string, string];
  if (!storeId || !equipmentId || equipmentId === EDGE_SEGMENT)
    return { ok: false, reason: 'not_galley_topic' };
  if (!(DEVICE_MESSAGE_KINDS as readonly string[]).includes(kind)) {
    return { ok: false, reason: 'unknown_message_kind' };
  }
  return { ok: true, topic: { storeId, equipmentId, kind: kind as DeviceMessageKind } };
}

/** MQTT topic-filter matching (MQTT 3.1.1 §4.7): `+` one level, `#` this level and all below. */
export function topicMatchesFilter(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  // MQTT-4.7.2-1: filters starting with a wildcard do not match topics starting with `$`.
  if (t[0]?.startsWith('$') && (f[0] === '+' || f[0] === '#')) return false;
  for (let i = 0; i < f.length; i++) {
    const level = f[i];
    if (level === '#') return true;
    if (i >= t.length) return false;
    if (level !== '+' && level !== t[i]) return false;
  }
  return f.length === t.length;
}
