import type { MqttClient } from 'mqtt';
import { connectClient, within } from '../../shared/server/testing/mqtt-clients';
import { topics } from '../../shared/topics';
import { STORE } from './edge-under-attack';

/**
 * One well-behaved device publishing QoS 1 telemetry for the whole attack. Every
 * PUBACK it gets is a promise that the reading is on disk; after the run each acked
 * `ts` must be in the database. It reconnects if the attack drops it, and a publish
 * that failed is simply not counted as acknowledged.
 */
export class Canary {
  readonly acked: number[] = [];
  sent = 0;
  failed = 0;
  reconnects = 0;
  #client: MqttClient | undefined;
  #running = false;
  #loop: Promise<void> | undefined;
  #nextTs = Date.now() - 60_000;

  constructor(
    private readonly port: number,
    readonly equipmentId: string,
    private readonly secret: string,
    private readonly intervalMs = 20,
  ) {}

  async start(): Promise<void> {
    this.#client = await this.#connect();
    this.#running = true;
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#running = false;
    await this.#loop;
    await this.#client?.endAsync().catch(() => undefined);
  }

  #connect(): Promise<MqttClient> {
    return connectClient(this.port, {
      username: this.equipmentId,
      password: this.secret,
      clientId: `canary-${this.equipmentId}`,
      clean: true,
    });
  }

  async #run(): Promise<void> {
    const topic = topics.telemetry(STORE, this.equipmentId);
    while (this.#running) {
      const client = this.#client;
      if (!client?.connected) {
        this.reconnects++;
        client?.end(true);
        this.#client = await this.#connect().catch(() => undefined);
        if (!this.#client) await sleep(200);
        continue;
      }
      // Timestamps step by 1 ms from a minute ago, so they stay unique and in the accepted window.
      const ts = this.#nextTs++;
      const payload = JSON.stringify({
        ts,
        readings: { temp_c: 3 + (this.sent % 20) / 10, door_open: false },
      });
      this.sent++;
      try {
        // a PUBACK that never comes is a failure, not an acknowledgement
        await within(client.publishAsync(topic, payload, { qos: 1 }), 10_000, 'canary PUBACK');
        this.acked.push(ts);
      } catch {
        this.failed++;
      }
      await sleep(this.intervalMs);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
