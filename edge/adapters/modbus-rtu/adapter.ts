import type { TimerHandle } from '../../../shared/server/runtime/clock';
import type { Logger } from '../../../shared/server/runtime/logger';
import { type PortStats, PortSupervisor } from '../port-supervisor';
import { SerialIngestSink } from '../serial-ingest';
import { type SerialAdapterDeps, serialSourceId } from '../serial-link-deps';
import { READ_HOLDING_REGISTERS, READ_INPUT_REGISTERS } from './frame';
import { ModbusError, ModbusRtuMaster } from './master';
import {
  HOLDING_COUNT,
  HOLDING_SETPOINT,
  INPUT_COUNT,
  INPUT_TEMPERATURE,
  readingsFromRegisters,
} from './register-map';

export interface ModbusRtuAdapterDeps extends SerialAdapterDeps {
  responseTimeoutMs?: number;
}

/**
 * Polls a refrigeration controller every `pollIntervalMs` (input registers, then
 * the setpoint) and stores each complete poll as one telemetry message. A failed
 * exchange (timeout, CRC, exception) is counted on the port and skipped; the next
 * poll tries again.
 */
export class ModbusRtuAdapter {
  readonly #deps: ModbusRtuAdapterDeps;
  readonly #log: Logger;
  readonly #supervisor: PortSupervisor;
  readonly #sink: SerialIngestSink;
  readonly #master: ModbusRtuMaster;
  #pollTimer: TimerHandle | null = null;
  #polling = false;

  constructor(deps: ModbusRtuAdapterDeps) {
    this.#deps = deps;
    const { equipment, clock } = deps;
    this.#log = deps.logger.child({ ns: 'modbus-rtu', equipmentId: equipment.id });
    this.#master = new ModbusRtuMaster({
      clock,
      baudRate: equipment.serial.baudRate,
      responseTimeoutMs: deps.responseTimeoutMs,
    });
    this.#supervisor = new PortSupervisor({
      equipmentId: equipment.id,
      path: equipment.serial.path,
      baudRate: equipment.serial.baudRate,
      openPort: deps.openPort,
      clock,
      logger: deps.logger,
      // A polled link is only as lively as its poll period.
      silenceMs: Math.max(deps.linkSilenceMs, 3 * equipment.serial.pollIntervalMs),
      backoff: deps.backoff,
      onData: (chunk) => this.#master.onData(chunk),
      onOpen: (connection) => {
        this.#master.attach(connection);
        this.#startPolling();
      },
      onClosed: () => {
        this.#stopPolling();
        this.#master.detach();
      },
      onLinkChange: (up) => void this.#sink.linkChanged(up),
    });
    this.#sink = new SerialIngestSink(
      deps.pipeline,
      deps.storeId,
      equipment.id,
      serialSourceId(equipment.serial.path),
      this.#supervisor,
      this.#log,
    );
  }

  get equipmentId(): string {
    return this.#deps.equipment.id;
  }

  start(): void {
    this.#supervisor.start();
  }

  async stop(): Promise<void> {
    this.#stopPolling();
    await this.#supervisor.stop();
    this.#master.detach();
  }

  stats(): PortStats {
    const stats = this.#supervisor.stats();
    if (this.#master.strayBytes > 0) stats.errors.stray_bytes = this.#master.strayBytes;
    return stats;
  }

  /** One poll now; resolves once it is stored or counted as failed. */
  async pollOnce(): Promise<void> {
    if (this.#polling) return;
    this.#polling = true;
    const { unitId } = this.#deps.equipment.serial;
    try {
      const input = await this.#master.readRegisters(
        unitId,
        READ_INPUT_REGISTERS,
        INPUT_TEMPERATURE,
        INPUT_COUNT,
      );
      const holding = await this.#master.readRegisters(
        unitId,
        READ_HOLDING_REGISTERS,
        HOLDING_SETPOINT,
        HOLDING_COUNT,
      );
      this.#supervisor.noteGoodFrame();
      await this.#sink.readings(this.#deps.clock.now(), readingsFromRegisters(input, holding));
    } catch (err) {
      if (!(err instanceof ModbusError)) throw err;
      this.#supervisor.countError(err.code, err.message);
    } finally {
      this.#polling = false;
    }
  }

  #startPolling(): void {
    this.#stopPolling();
    const every = this.#deps.equipment.serial.pollIntervalMs;
    this.#pollTimer = this.#deps.clock.setInterval(() => void this.#poll(), every);
    void this.#poll();
  }

  async #poll(): Promise<void> {
    try {
      await this.pollOnce();
    } catch (err) {
      this.#supervisor.countError('poll_failed', err instanceof Error ? err.message : String(err));
      this.#log.error({ err }, 'modbus poll failed');
    }
  }

  #stopPolling(): void {
    if (this.#pollTimer) this.#deps.clock.clearInterval(this.#pollTimer);
    this.#pollTimer = null;
  }
}
