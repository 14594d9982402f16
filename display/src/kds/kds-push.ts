import mqtt, { type MqttClient } from 'mqtt';
import { EDGE_SUBTREES, parseEdgeTopic, topics } from '../../../shared/topics';
import type { PushConnection } from '../live/mqtt-push';

export interface KdsPushOptions {
  url: string;
  storeId: string;
  /** the paired display's credential is the MQTT password; read at every (re)connect */
  token: () => string;
  /** a station's tickets changed (`galley/{storeId}/_edge/kds/{station}`) */
  onStationChanged: (station: string) => void;
  onConnectedChange: (connected: boolean) => void;
}

/** The filter the order screens subscribe to: every station's change notice, nothing else. */
export function kdsPushFilter(storeId: string): string {
  return topics.edgeKds(storeId, '+');
}

/**
 * The station a pushed message is about, or undefined for any other topic. The message
 * (`KdsChangeMessage`) only says something changed; the screen refetches the station,
 * so the topic is all it needs.
 */
export function stationOfTopic(storeId: string, topic: string): string | undefined {
  const edge = parseEdgeTopic(topic);
  if (!edge || edge.storeId !== storeId || edge.subtree !== EDGE_SUBTREES.kds) return undefined;
  const [station, ...deeper] = edge.rest;
  return station && deeper.length === 0 ? station : undefined;
}

/**
 * MQTT over WebSocket for the order screens: its own small connection, subscribed to
 * the kds subtree only, so a station screen does not receive every reading of every
 * fryer. mqtt.js reconnects by itself; the poll covers the time it is down.
 */
export class KdsPush implements PushConnection {
  readonly #options: KdsPushOptions;
  #client: MqttClient | undefined;

  constructor(options: KdsPushOptions) {
    this.#options = options;
  }

  start(): void {
    const { url, storeId, onStationChanged, onConnectedChange } = this.#options;
    const client = mqtt.connect(url, {
      username: 'display',
      password: this.#options.token(),
      protocolVersion: 4,
      reconnectPeriod: 2000,
      connectTimeout: 4000,
    });
    this.#client = client;
    client.on('connect', () => {
      client.subscribe(kdsPushFilter(storeId), { qos: 1 });
      onConnectedChange(true);
    });
    client.on('reconnect', () => {
      client.options.password = this.#options.token();
    });
    client.on('close', () => onConnectedChange(false));
    client.on('error', () => onConnectedChange(false));
    client.on('message', (topic) => {
      const station = stationOfTopic(storeId, topic);
      if (station) onStationChanged(station);
    });
  }

  stop(): void {
    this.#client?.end(true);
    this.#client = undefined;
  }
}
