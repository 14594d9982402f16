import { StatusMessage, TelemetryMessage } from '../../../shared/device-messages';
import {
  EDGE_SUBTREES,
  type EdgeTopic,
  parseDeviceTopic,
  parseEdgeTopic,
  topics,
} from '../../../shared/topics';
import { BOARD_PARTS, type BoardPart } from './board-snapshot';

/** What one message pushed over MQTT means for the board. */
export type PushMessage =
  /** a reading to apply as it is, without asking the edge */
  | { kind: 'telemetry'; equipmentId: string; message: TelemetryMessage }
  /** something the edge derives changed: refetch these parts */
  | { kind: 'changed'; parts: readonly BoardPart[] }
  | { kind: 'ignored' };

const IGNORED: PushMessage = { kind: 'ignored' };

/**
 * What each change the edge announces under `galley/{storeId}/_edge/` changes on the
 * board. `alarms/{equipmentId}` (retained: that equipment's open alarms) changes the
 * alarms, the equipment's state (derived from them) and possibly its tickets (a
 * critical alarm opens one, a repair clears it). `tickets/{ticketId}` (a ticket opened,
 * moved or closed, on this display or another) changes the tickets and nothing else:
 * an equipment's state comes from its alarms, not its tickets.
 */
const EDGE_CHANGES: Record<string, readonly BoardPart[]> = {
  [EDGE_SUBTREES.alarms]: ['equipment', 'alarms', 'tickets'],
  [EDGE_SUBTREES.tickets]: ['tickets'],
  // Kitchen tickets are the order screens' own business (they subscribe for themselves).
  [EDGE_SUBTREES.kds]: [],
  [EDGE_SUBTREES.menu]: [],
};

/**
 * The filters the board subscribes to: device telemetry and status, and everything the
 * edge announces. Device events are left out: a fault code the edge turns into an
 * alarm arrives as that alarm's change under `_edge/alarms/`, and one it does not
 * changes nothing the board shows.
 */
export function pushFilters(storeId: string): string[] {
  return [topics.telemetry(storeId, '+'), topics.status(storeId, '+'), `${topics.edgeRoot(storeId)}/#`];
}

/**
 * Reads a pushed message: telemetry validated with the device contract's schema (an
 * invalid one is ignored, as the edge refuses it), a device's status and the edge's
 * own announcements as changes to refetch. The readings of serial equipment, which the
 * edge publishes itself on `_edge/telemetry/{equipmentId}`, are telemetry like any other.
 */
export function readPushMessage(storeId: string, topic: string, payload: Uint8Array): PushMessage {
  const edge = parseEdgeTopic(topic);
  if (edge) return edge.storeId === storeId ? readEdgeMessage(edge, payload) : IGNORED;
  const device = parseDeviceTopic(topic);
  if (!device.ok || device.topic.storeId !== storeId) return IGNORED;
  switch (device.topic.kind) {
    case 'telemetry':
      return readTelemetry(device.topic.equipmentId, payload);
    case 'status':
      // The edge decides what a status means (a flap within its window changes nothing),
      // so the board asks it rather than taking `online` at its word.
      return StatusMessage.safeParse(parseJson(payload)).success
        ? { kind: 'changed', parts: ['equipment'] }
        : IGNORED;
    case 'event':
      return IGNORED;
  }
}

function readEdgeMessage({ subtree, rest }: EdgeTopic, payload: Uint8Array): PushMessage {
  if (subtree === EDGE_SUBTREES.telemetry) {
    const [equipmentId, ...deeper] = rest;
    return equipmentId && deeper.length === 0 ? readTelemetry(equipmentId, payload) : IGNORED;
  }
  // A subtree this display does not know yet is still the edge saying something changed.
  return { kind: 'changed', parts: EDGE_CHANGES[subtree] ?? BOARD_PARTS };
}

function readTelemetry(equipmentId: string, payload: Uint8Array): PushMessage {
  const parsed = TelemetryMessage.safeParse(parseJson(payload));
  return parsed.success ? { kind: 'telemetry', equipmentId, message: parsed.data } : IGNORED;
}

const decoder = new TextDecoder();

/** The payload as JSON, or undefined when it is not JSON (the schema then refuses it). */
function parseJson(payload: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(payload));
  } catch {
    return undefined;
  }
}
