import mqtt, { type MqttClient } from 'mqtt';
import { EDGE_SUBTREES, parseEdgeTopic, topics } from '../../../shared/topics';
import type { PushConnection } from '../live/mqtt-push';

/**
 * The subtree the edge announces availability on, retained per item:
 * `galley/{storeId}/_edge/menu/{item}` (edge/domains/availability/availability-service.ts).
 */
export const MENU_SUBTREE = EDGE_SUBTREES.menu;

export interface MenuPushOptions {
  url: string;
  storeId: string;
  /** the paired display's credential is the MQTT password; read at every (re)connect */
  token: () => string;
  /** an item's availability changed */
  onItemChanged: (item: string) => void;
  onConnectedChange: (connected: boolean) => void;
}

/** What the menu screens subscribe to: every item's availability, nothing else. */
export function menuPushFilter(storeId: string): string {
  return topics.edge(storeId, MENU_SUBTREE, '+');
}

/**
 * The item a pushed message is about, or undefined for any other topic. The screen
 * refetches the whole list (it is small and says why in full), so the topic is enough.
 */
export function itemOfTopic(storeId: string, topic: string): string | undefined {
  const edge = parseEdgeTopic(topic);
  if (!edge || edge.storeId !== storeId || edge.subtree !== MENU_SUBTREE) return undefined;
  const [item, ...deeper] = edge.rest;
  return item && deeper.length === 0 ? item : undefined;
}

/**
 * MQTT over WebSocket for the menu screens: a small connection of their own, subscribed
 * to the menu subtree only. On connect the broker replays every item's retained state;
 * the debounce in MenuLive turns that burst into one fetch.
 */
export class MenuPush implements PushConnection {
  readonly #options: MenuPushOptions;
  #client: MqttClient | undefined;

  constructor(options: MenuPushOptions) {
    this.#options = options;
  }

  start(): void {
    const { url, storeId, onItemChanged, onConnectedChange } = this.#options;
    const client = mqtt.connect(url, {
      username: 'display',
      password: this.#options.token(),
      protocolVersion: 4,
      reconnectPeriod: 2000,
      connectTimeout: 4000,
    });
    this.#client = client;
    client.on('connect', () => {
      client.subscribe(menuPushFilter(storeId), { qos: 1 });
      onConnectedChange(true);
    });
    client.on('reconnect', () => {
      client.options.password = this.#options.token();
    });
    client.on('close', () => onConnectedChange(false));
    client.on('error', () => onConnectedChange(false));
    client.on('message', (topic) => {
      const item = itemOfTopic(storeId, topic);
      if (item) onItemChanged(item);
    });
  }

  stop(): void {
    this.#client?.end(true);
    this.#client = undefined;
  }
}
