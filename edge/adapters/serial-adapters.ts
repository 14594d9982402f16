import type { Equipment, SerialLink } from '../../shared/config/equipment';
import type { StoreConfig } from '../../shared/config/store-config';
import type { Clock } from '../../shared/server/runtime/clock';
import type { Logger } from '../../shared/server/runtime/logger';
import type { MetricsRegistry, Sample } from '../../shared/server/runtime/metrics';
import { ModbusRtuAdapter } from './modbus-rtu/adapter';
import type { BackoffPolicy, PortStats } from './port-supervisor';
import { SerialAsciiAdapter } from './serial-ascii/adapter';
import { type OpenSerialPort, openRealSerialPort } from './serial-connection';
import type { SerialIngest } from './serial-ingest';

export interface SerialAdaptersDeps {
  config: StoreConfig;
  pipeline: SerialIngest;
  clock: Clock;
  logger: Logger;
  /**
   * Defaults to serialport's native binding for every port. A path that is not there
   * (no adapter plugged in, socat not started yet) is tried again with back-off by
   * its supervisor, so a port that appears later is opened then.
   */
  openPort?: OpenSerialPort;
  /** No good frame for this long and the link is down; default 10 s (polled links: at least 3 polls). */
  linkSilenceMs?: number;
  backoff?: BackoffPolicy;
}

type SerialAdapter = SerialAsciiAdapter | ModbusRtuAdapter;

export const DEFAULT_LINK_SILENCE_MS = 10_000;

/** The equipment of the store that talks to the edge over a serial line, not MQTT. */
export function serialEquipment(config: StoreConfig): (Equipment & { serial: SerialLink })[] {
  return config.equipment.filter(
    (e): e is Equipment & { serial: SerialLink } => e.protocol !== 'mqtt' && e.serial !== undefined,
  );
}

/** Starts and stops an adapter for every piece of serial equipment in the store config. */
export class SerialAdapters {
  readonly #deps: SerialAdaptersDeps;
  #adapters: SerialAdapter[] = [];

  constructor(deps: SerialAdaptersDeps) {
    this.#deps = deps;
  }

  start(): void {
    if (this.#adapters.length) return;
    const { config, logger } = this.#deps;
    const openPort = this.#deps.openPort ?? openRealSerialPort;
    const serial = serialEquipment(config);
    if (!serial.length) return;
    for (const equipment of serial) {
      const deps = {
        storeId: config.store.id,
        equipment,
        pipeline: this.#deps.pipeline,
        openPort,
        clock: this.#deps.clock,
        logger,
        linkSilenceMs: this.#deps.linkSilenceMs ?? DEFAULT_LINK_SILENCE_MS,
        backoff: this.#deps.backoff,
      };
      this.#adapters.push(
        equipment.protocol === 'modbus-rtu' ? new ModbusRtuAdapter(deps) : new SerialAsciiAdapter(deps),
      );
    }
    for (const adapter of this.#adapters) adapter.start();
  }

  async stop(): Promise<void> {
    const adapters = this.#adapters;
    this.#adapters = [];
    await Promise.all(adapters.map((a) => a.stop()));
  }

  stats(): PortStats[] {
    return this.#adapters.map((a) => a.stats());
  }

  /** `galley_serial_*` series for /metrics, read from the supervisors at scrape time. */
  registerMetrics(registry: MetricsRegistry): void {
    const per = (pick: (s: PortStats) => number) => (): Sample[] =>
      this.stats().map((s) => ({ labels: { equipment: s.equipmentId, path: s.path }, value: pick(s) }));
    const labels = ['equipment', 'path'];
    registry.gauge('galley_serial_link_up', 'Serial link carrying good frames (1) or down (0)', labels, {
      collect: per((s) => (s.linkUp ? 1 : 0)),
    });
    registry.counter('galley_serial_frames_total', 'Good frames or polls received per serial port', labels, {
      collect: per((s) => s.framesOk),
    });
    registry.counter('galley_serial_port_opens_total', 'Successful opens per serial port', labels, {
      collect: per((s) => s.opens),
    });
    registry.counter(
      'galley_serial_port_open_failures_total',
      'Failed opens per serial port (path missing or refused), each retried with back-off',
      labels,
      { collect: per((s) => s.failedOpens) },
    );
    registry.counter(
      'galley_serial_errors_total',
      'Serial input skipped or exchanges failed, by reason',
      ['equipment', 'path', 'reason'],
      {
        collect: () =>
          this.stats().flatMap((s) =>
            Object.entries(s.errors).map(([reason, value]) => ({
              labels: { equipment: s.equipmentId, path: s.path, reason },
              value,
            })),
          ),
      },
    );
  }
}
