import mqtt, { type MqttClient } from 'mqtt';
import { topics } from '../../../shared/topics';

export interface MqttPushOptions {
  url: string;
  storeId: string;
  /** the paired display's credential is the MQTT password; read at every (re)connect */
  token: () => string;
  onMessage: () => void;
  onConnectedChange: (connected: boolean) => void;
}

const DEBOUNCE_MS = 100;

/**
 * MQTT over WebSocket, used only as a doorbell: every telemetry, status, event or
 * alarm change makes the board refresh at once instead of at its next poll.
 * mqtt.js reconnects by itself; the poll loop covers the time it is down.
 */
export class MqttPush {
  readonly #options: MqttPushOptions;
  #client: MqttClient | undefined;
  #debounce: ReturnType<typeof setTimeout> | undefined;

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
      const root = `galley/${storeId}`;
      client.subscribe([
        `${root}/+/telemetry`,
        `${root}/+/status`,
        `${root}/+/event`,
        `${topics.edgeRoot(storeId)}/#`,
      ]);
    });
    client.on('reconnect', () => {
      client.options.password = this.#options.token();
    });
    client.on('close', () => this.#options.onConnectedChange(false));
    client.on('error', () => this.#options.onConnectedChange(false));
    client.on('message', () => {
      if (this.#debounce) return;
      this.#debounce = setTimeout(() => {
        this.#debounce = undefined;
        this.#options.onMessage();
      }, DEBOUNCE_MS);
    });
  }

  stop(): void {
    if (this.#debounce) clearTimeout(this.#debounce);
    this.#client?.end(true);
    this.#client = undefined;
  }
}
