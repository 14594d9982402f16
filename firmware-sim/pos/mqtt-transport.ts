import mqtt, { type MqttClient } from 'mqtt';
import type { PosOrderSubmission } from '../../shared/api/orders';
import type { Logger } from '../../shared/server/runtime/logger';
import { topics } from '../../shared/topics';
import type { DeliveryStats } from './delivery-queue';
import type { OrderTransport } from './transport';

export interface MqttOrderTransportOptions {
  url: string;
  storeId: string;
  /** an integration client whose ACL may write `galley/{storeId}/_pos/orders/{client}` */
  client: string;
  secret: string;
  logger: Logger;
  reconnectPeriodMs?: number;
}

/**
 * Publishes each event at QoS 1 on the POS topic. mqtt.js keeps a QoS 1 message in
 * its outgoing store until the broker's PUBACK, across reconnects, so an event
 * published while the link is down is sent when it is back; this counts what is
 * still waiting for its PUBACK.
 */
export class MqttOrderTransport implements OrderTransport {
  readonly name = 'mqtt';
  private client: MqttClient | null = null;
  private readonly topic: string;
  private pending = 0;
  private readonly counts = { delivered: 0, refused: 0, failures: 0, dropped: 0 };
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: MqttOrderTransportOptions) {
    this.topic = topics.posOrders(options.storeId, options.client);
  }

  async start(): Promise<void> {
    const client = mqtt.connect(this.options.url, {
      username: this.options.client,
      password: this.options.secret,
      clientId: `${this.options.client}-sim-${process.pid}`,
      reconnectPeriod: this.options.reconnectPeriodMs ?? 2_000,
      connectTimeout: 10_000,
    });
    this.client = client;
    client.on('error', (err) => {
      this.counts.failures++;
      this.options.logger.warn({ err: err.message }, 'POS MQTT link error');
    });
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      client.once('connect', () => {
        client.off('error', onError);
        resolve();
      });
      client.once('error', onError);
    });
  }

  send(submission: PosOrderSubmission): void {
    const client = this.client;
    if (!client) throw new Error('the MQTT transport is not started');
    this.pending++;
    client.publish(this.topic, JSON.stringify(submission), { qos: 1 }, (err) => {
      this.pending--;
      if (err) {
        // Only a closed client fails a QoS 1 publish; the message is gone with it.
        this.counts.dropped++;
        this.options.logger.warn(
          { eventId: submission.eventId, err: err.message },
          'POS event not published',
        );
      } else this.counts.delivered++;
      if (this.pending === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    });
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client) await client.endAsync();
  }

  stats(): DeliveryStats {
    return { queued: this.pending, ...this.counts };
  }

  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
