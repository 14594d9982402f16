import type { StoreConfig } from '../../shared/config/store-config';
import type { TelemetryMessage } from '../../shared/device-messages';
import type { Logger } from '../../shared/server/runtime/logger';
import { topics } from '../../shared/topics';
import type { EdgeEvents, EventBus } from '../runtime/event-bus';
import { serialEquipment } from './serial-adapters';

/** The broker's publish for edge-owned topics; must not throw (the edge app logs a failed publish). */
export type SerialTelemetryPublishFn = (
  topic: string,
  payload: string,
  options: { retain: boolean; qos: 0 | 1 },
) => void;

/**
 * As a device's own telemetry: never retained (a late subscriber would take an old reading
 * for a fresh one), QoS 0 (the next reading supersedes a lost one, and a display that
 * missed it still has its poll).
 */
export const SERIAL_TELEMETRY = { retain: false, qos: 0 } as const;

/**
 * Serial equipment has no MQTT connection, so nothing carries its readings to MQTT
 * subscribers (the kitchen display, integrations): this publishes each of its readings
 * the edge committed on `galley/{storeId}/_edge/telemetry/{equipmentId}` as the
 * `TelemetryMessage` an MQTT device would have sent, from the `readingsCommitted` bus
 * event (after the commit, only what was stored). MQTT devices' readings are left out:
 * their subscribers already get them on the device's own topic.
 */
export class SerialTelemetryPublisher {
  readonly #bus: EventBus;
  readonly #storeId: string;
  readonly #serialIds: ReadonlySet<string>;
  readonly #publish: SerialTelemetryPublishFn;
  readonly #log: Logger;
  #off: (() => void) | undefined;
  readonly stats = { published: 0, publishErrors: 0 };

  constructor(deps: {
    config: StoreConfig;
    bus: EventBus;
    publish: SerialTelemetryPublishFn;
    logger: Logger;
  }) {
    this.#bus = deps.bus;
    this.#storeId = deps.config.store.id;
    this.#serialIds = new Set(serialEquipment(deps.config).map((e) => e.id));
    this.#publish = deps.publish;
    this.#log = deps.logger.child({ ns: 'serial-telemetry' });
  }

  start(): void {
    if (this.#off || this.#serialIds.size === 0) return;
    this.#off = this.#bus.on('readingsCommitted', (batch) => this.#onCommitted(batch));
  }

  stop(): void {
    this.#off?.();
    this.#off = undefined;
  }

  #onCommitted(batch: EdgeEvents['readingsCommitted']): void {
    for (const { equipmentId, ts, readings } of batch) {
      if (!this.#serialIds.has(equipmentId)) continue;
      const message: TelemetryMessage = { ts, readings };
      const topic = topics.edgeTelemetry(this.#storeId, equipmentId);
      try {
        this.#publish(topic, JSON.stringify(message), SERIAL_TELEMETRY);
        this.stats.published++;
      } catch (err) {
        this.stats.publishErrors++;
        this.#log.error({ err, equipmentId, topic }, 'publishing a serial reading failed');
      }
    }
  }
}
