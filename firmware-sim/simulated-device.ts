import type { EventMessage, TelemetryMessage } from '../shared/device-messages';
import type { EquipmentModel } from './models/equipment-model';
import type { Rng } from './random';
import type { SimClock } from './sim-clock';

/** Where a device's messages go: the MQTT client, or anything else that takes them. */
export interface DevicePublisher {
  publish(kind: 'telemetry', message: TelemetryMessage): void;
  publish(kind: 'event', message: EventMessage): void;
}

export interface FirmwareTiming {
  /** Each device's clock is off by a fixed amount within ± this, ms. */
  clockSkewMs: number;
  /** Per-message timestamp jitter within ± this, ms. */
  timestampJitterMs: number;
  /** Report interval varies by ± this fraction. */
  intervalJitter: number;
}

export const DEFAULT_TIMING: FirmwareTiming = { clockSkewMs: 0, timestampJitterMs: 0, intervalJitter: 0.05 };

/**
 * The firmware loop of one device: read the model every report interval, stamp
 * it with the device's own (skewed) clock, and send what the equipment raises.
 */
export class SimulatedDevice {
  private nextReportAt: number;
  private readonly skewMs: number;
  private sent = 0;

  constructor(
    readonly equipmentId: string,
    readonly model: EquipmentModel,
    private readonly publisher: DevicePublisher,
    private readonly clock: SimClock,
    private readonly reportIntervalMs: number,
    private readonly timing: FirmwareTiming,
    private readonly rng: Rng,
  ) {
    this.skewMs = Math.round(timing.clockSkewMs * (rng.next() * 2 - 1));
    // Devices of a store were not all switched on at the same instant.
    this.nextReportAt = clock.now() + Math.round(rng.next() * reportIntervalMs);
  }

  get telemetrySent(): number {
    return this.sent;
  }

  /** Called after every physics step. */
  tick(): void {
    const now = this.clock.now();
    for (const event of this.model.takeEvents()) {
      this.publisher.publish('event', { ts: this.stamp(now), code: event.code, message: event.message });
    }
    if (now < this.nextReportAt) return;
    const readings = this.model.readings();
    if (Object.keys(readings).length > 0) {
      this.publisher.publish('telemetry', { ts: this.stamp(now), readings });
      this.sent++;
    }
    const jitter = 1 + this.timing.intervalJitter * (this.rng.next() * 2 - 1);
    this.nextReportAt = Math.max(now + 1, this.nextReportAt + Math.round(this.reportIntervalMs * jitter));
  }

  private stamp(now: number): number {
    const jitter = Math.round(this.timing.timestampJitterMs * (this.rng.next() * 2 - 1));
    return Math.max(0, Math.round(now + this.skewMs + jitter));
  }
}
