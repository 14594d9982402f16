import mqtt, { type MqttClient } from 'mqtt';
import { parseEdgeTopic, topics } from '../../../shared/topics';
import type { PushConnection } from './mqtt-push';

export interface SubtreePushOptions {
  url: string;
  storeId: string;
  /** the subtree under `galley/{storeId}/_edge/` this screen follows (`kds`, `menu`) */
  subtree: string;
  /** the paired display's credential is the MQTT password; read at every (re)connect */
  token: () => string;
  /** something under `{subtree}/{id}` changed */
  onChanged: (id: string) => void;
  onConnectedChange: (connected: boolean) => void;
}

/** The filter for every `{subtree}/{id}` announcement of one store. */
export function subtreeFilter(storeId: string, subtree: string): string {
  return topics.edge(storeId, subtree, '+');
}

/** The `{id}` of `galley/{storeId}/_edge/{subtree}/{id}`, or undefined for any other topic. */
export function idOfSubtreeTopic(storeId: string, subtree: string, topic: string): string | undefined {
  const edge = parseEdgeTopic(topic);
  if (!edge || edge.storeId !== storeId || edge.subtree !== subtree) return undefined;
  const [id, ...deeper] = edge.rest;
  return id && deeper.length === 0 ? id : undefined;
}

/**
 * MQTT over WebSocket for a screen that follows one subtree of what the edge announces:
 * a small connection of its own, so an order screen does not receive every reading of
 * every fryer. The messages only say what changed; the screen refetches, so the topic is
 * all it reads. mqtt.js reconnects by itself; the screen's poll covers the time it is down.
 */
export class SubtreePush implements PushConnection {
  readonly #options: SubtreePushOptions;
  #client: MqttClient | undefined;

  constructor(options: SubtreePushOptions) {
    this.#options = options;
  }

  start(): void {
    const { url, storeId, subtree, onChanged, onConnectedChange } = this.#options;
    const client = mqtt.connect(url, {
      username: 'display',
      password: this.#options.token(),
      protocolVersion: 4,
      reconnectPeriod: 2000,
      connectTimeout: 4000,
    });
    this.#client = client;
    client.on('connect', () => {
      client.subscribe(subtreeFilter(storeId, subtree), { qos: 1 });
      onConnectedChange(true);
    });
    client.on('reconnect', () => {
      client.options.password = this.#options.token();
    });
    client.on('close', () => onConnectedChange(false));
    client.on('error', () => onConnectedChange(false));
    client.on('message', (topic) => {
      const id = idOfSubtreeTopic(storeId, subtree, topic);
      if (id) onChanged(id);
    });
  }

  stop(): void {
    this.#client?.end(true);
    this.#client = undefined;
  }
}
