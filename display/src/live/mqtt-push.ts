import mqtt, { type MqttClient } from 'mqtt';
import { pushFilters } from './push-message';

export interface MqttPushOptions {
  url: string;
  storeId: string;
  /** the paired display's credential is the MQTT password; read at every (re)connect */
  token: () => string;
  /** every message as it arrives; what it means is for the board to read (push-message.ts) */
  onMessage: (topic: string, payload: Uint8Array) => void;
  onConnectedChange: (connected: boolean) => void;
}

/** What the live board needs of a push connection, so tests can stand in for the broker. */
export interface PushConnection {
  start(): void;
  stop(): void;
}

/**
 * MQTT over WebSocket to the edge that served the page: device telemetry and status,
 * and the edge's own announcements. mqtt.js reconnects by itself; the poll loop
 * covers the time it is down.
 */
export class MqttPush implements PushConnection {
  readonly #options: MqttPushOptions;
  #client: MqttClient | undefined;

  constructor(options: MqttPushOptions) {
    this.#options = options;
  }

  start(): void {
    const { url, storeId } = this.#options;
    const client = mqtt.connect(url, {
      username: 'display',
      password: this.#options.token(),
      protocolVersion: 4,
      reconnectPeriod: 2000,
      connectTimeout: 4000,
    });
    this.#client = client;
    client.on('connect', () => {
      this.#options.onConnectedChange(true);
      client.subscribe(pushFilters(storeId));
    });
    client.on('reconnect', () => {
      client.options.password = this.#options.token();
    });
    client.on('close', () => this.#options.onConnectedChange(false));
    client.on('error', () => this.#options.onConnectedChange(false));
    client.on('message', (topic, payload) => this.#options.onMessage(topic, payload));
  }

  stop(): void {
    this.#client?.end(true);
    this.#client = undefined;
  }
}
