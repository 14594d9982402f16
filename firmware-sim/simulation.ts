import type { Equipment } from '../shared/config/equipment';
import type { StoreConfig } from '../shared/config/store-config';
import type { Logger } from '../shared/server/runtime/logger';
import type { BackoffOptions } from './backoff';
import { ControlServer } from './control-server';
import type { CredentialSource } from './credentials';
import { DeviceClient, systemTimers, type Timers } from './device-client';
import type { FaultName, FaultRequest } from './faults';
import type { Readings } from './models/equipment-model';
import { ReachInFreezer } from './models/reach-in-freezer';
import { createRng } from './random';
import type { Scenario } from './scenario';
import { AsciiFryerDevice } from './serial/ascii-fryer-device';
import { ModbusFreezerDevice } from './serial/modbus-freezer-device';
import { SerialLine } from './serial/serial-line';
import { DEFAULT_TIMING, type FirmwareTiming, SimulatedDevice } from './simulated-device';
import { SimulatedStore } from './simulated-store';

export interface SimulationOptions {
  config: StoreConfig;
  mqttUrl: string;
  credentials: CredentialSource;
  logger: Logger;
  seed?: number;
  /** Sim seconds per wall second: 1 = real time, 60 = an hour a minute. */
  speed?: number;
  scenario?: Scenario;
  /** Faults applied at start, as `--inject` gives them. */
  initialFaults?: ReadonlyArray<{ equipmentId: string; request: FaultRequest }>;
  /** HTTP control channel port (0 = any free port); undefined = no control channel. */
  controlPort?: number;
  controlHost?: string;
  /** Sim epoch at start; defaults to the wall clock. */
  startEpochMs?: number;
  /** Overrides every type's report interval (sim ms), e.g. 1000 for a 1 Hz load test. */
  reportIntervalMs?: number;
  /**
   * The equipment end of a serial device's line (e.g. one end of a socat pty pair);
   * undefined = that serial equipment is modelled but not played on a line.
   */
  serialDevicePath?: (equipment: Equipment) => string | undefined;
  /** Wall milliseconds between simulation ticks. */
  tickMs?: number;
  timing?: Partial<FirmwareTiming>;
  bufferCapacity?: number;
  backoff?: Partial<BackoffOptions>;
  /** New MQTT connections opened per wall second, so thousands of devices do not all knock at once. */
  connectRatePerS?: number;
  /** How long each device waits for CONNACK before it counts the attempt failed and backs off. */
  connectTimeoutMs?: number;
  timers?: Timers;
  wallNow?: () => number;
}

export interface DeviceStatus {
  equipmentId: string;
  type: string;
  connected: boolean;
  faults: FaultRequest[];
  readings: Readings;
  telemetrySent: number;
  acked: number;
  dropped: number;
  buffered: number;
  errors: number;
}

export interface SimulationStatus {
  storeId: string;
  speed: number;
  simTime: string;
  elapsedSimS: number;
  totals: {
    devices: number;
    connected: number;
    acked: number;
    dropped: number;
    errors: number;
    /** Serial equipment played on a line. */
    serialLines: number;
  };
  devices: DeviceStatus[];
}

interface RunningDevice {
  device: SimulatedDevice;
  client: DeviceClient;
  type: string;
}

/** Longest physics step per tick, so report intervals and scenario times stay accurate at high speed. */
const SIM_CHUNK_MS = 1000;

/**
 * Runs a simulated store against an MQTT broker: one firmware-like client per
 * piece of MQTT equipment, simulated time `speed`× the wall clock, scripted
 * scenarios and a live HTTP control channel.
 */
export class Simulation {
  readonly store: SimulatedStore;
  private readonly devices = new Map<string, RunningDevice>();
  private readonly serialLines: SerialLine[] = [];
  private readonly asciiDevices: AsciiFryerDevice[] = [];
  private readonly modbusDevices: ModbusFreezerDevice[] = [];
  private readonly o: SimulationOptions & {
    speed: number;
    tickMs: number;
    timers: Timers;
    wallNow: () => number;
  };
  private readonly log: Logger;
  private control: ControlServer | null = null;
  private tickTimer: unknown = null;
  private connectTimers: unknown[] = [];
  private lastWall = 0;
  private running = false;

  constructor(options: SimulationOptions) {
    this.o = {
      ...options,
      speed: options.speed ?? 1,
      tickMs: options.tickMs ?? 100,
      timers: options.timers ?? systemTimers,
      wallNow: options.wallNow ?? (() => performance.now()),
    };
    this.log = options.logger.child({ ns: 'simulation' });
    this.store = new SimulatedStore({
      equipment: options.config.equipment,
      seed: options.seed ?? 1,
      startEpochMs: options.startEpochMs,
      logger: options.logger,
    });
  }

  get controlPort(): number | null {
    return this.control?.port ?? null;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const o = this.o;
    const rng = createRng(o.seed ?? 1).fork('firmware');
    const timing: FirmwareTiming = {
      clockSkewMs: o.timing?.clockSkewMs ?? DEFAULT_TIMING.clockSkewMs,
      timestampJitterMs: o.timing?.timestampJitterMs ?? DEFAULT_TIMING.timestampJitterMs,
      intervalJitter: o.timing?.intervalJitter ?? DEFAULT_TIMING.intervalJitter,
    };
    let skipped = 0;
    for (const { equipment, model } of this.store.list()) {
      if (equipment.protocol !== 'mqtt') continue;
      const secret = o.credentials(equipment.id);
      if (secret === undefined) {
        skipped++;
        this.log.warn({ equipmentId: equipment.id }, 'no credentials for equipment; not simulated over MQTT');
        continue;
      }
      const profile = o.config.equipmentTypes[equipment.type];
      const client = new DeviceClient({
        url: o.mqttUrl,
        storeId: o.config.store.id,
        equipmentId: equipment.id,
        secret,
        logger: o.logger,
        bufferCapacity: o.bufferCapacity,
        connectTimeoutMs: o.connectTimeoutMs,
        backoff: o.backoff,
        timers: o.timers,
        rng: rng.fork(`${equipment.id}/net`),
      });
      const intervalMs = o.reportIntervalMs ?? (profile?.reportIntervalS ?? 10) * 1000;
      const device = new SimulatedDevice(
        equipment.id,
        model,
        client,
        this.store.clock,
        intervalMs,
        timing,
        rng.fork(equipment.id),
      );
      this.devices.set(equipment.id, { device, client, type: equipment.type });
    }
    await this.startSerialEquipment();
    for (const { equipmentId, request } of o.initialFaults ?? []) this.store.inject(equipmentId, request);
    if (o.scenario) this.store.runScenario(o.scenario);
    this.connectAll();
    if (o.controlPort !== undefined) {
      this.control = new ControlServer(this, o.logger);
      await this.control.start(o.controlPort, o.controlHost);
    }
    this.lastWall = o.wallNow();
    this.scheduleTick();
    this.log.info(
      {
        devices: this.devices.size,
        skipped,
        speed: o.speed,
        mqttUrl: o.mqttUrl,
        controlPort: this.controlPort,
      },
      'simulation started',
    );
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.tickTimer !== null) this.o.timers.clearTimeout(this.tickTimer);
    this.tickTimer = null;
    for (const t of this.connectTimers) this.o.timers.clearTimeout(t);
    this.connectTimers = [];
    await this.control?.stop();
    this.control = null;
    await Promise.all([...this.devices.values()].map((d) => d.client.stop()));
    this.devices.clear();
    await Promise.all(this.serialLines.map((line) => line.stop()));
    this.serialLines.length = 0;
    this.asciiDevices.length = 0;
    this.modbusDevices.length = 0;
    this.log.info('simulation stopped');
  }

  /** Advances simulated time by `simMs` and lets every device report what is due. */
  advance(simMs: number): void {
    let remaining = simMs;
    while (remaining > 0) {
      const dt = Math.min(SIM_CHUNK_MS, remaining);
      this.store.advance(dt);
      remaining -= dt;
      for (const running of this.devices.values()) {
        this.followNetworkFault(running);
        running.device.tick();
      }
      for (const fryer of this.asciiDevices) fryer.tick();
    }
  }

  inject(equipmentId: string, request: FaultRequest): FaultRequest[] {
    const faults = this.store.inject(equipmentId, request);
    const running = this.devices.get(equipmentId);
    if (running) this.followNetworkFault(running);
    return faults;
  }

  clear(equipmentId: string, fault?: FaultName): FaultRequest[] {
    const faults = this.store.clear(equipmentId, fault);
    const running = this.devices.get(equipmentId);
    if (running) this.followNetworkFault(running);
    return faults;
  }

  status(): SimulationStatus {
    const devices: DeviceStatus[] = this.store.list().map(({ equipment, model }) => {
      const running = this.devices.get(equipment.id);
      const stats = running?.client.stats();
      return {
        equipmentId: equipment.id,
        type: equipment.type,
        connected: stats?.connected ?? false,
        faults: model.faults(),
        readings: model.readings(),
        telemetrySent: running?.device.telemetrySent ?? 0,
        acked: stats?.acked ?? 0,
        dropped: stats?.dropped ?? 0,
        buffered: stats?.buffered ?? 0,
        errors: stats?.errors ?? 0,
      };
    });
    const sum = (f: (d: DeviceStatus) => number) => devices.reduce((n, d) => n + f(d), 0);
    return {
      storeId: this.o.config.store.id,
      speed: this.o.speed,
      simTime: new Date(this.store.clock.now()).toISOString(),
      elapsedSimS: this.store.clock.elapsedMs / 1000,
      totals: {
        devices: this.devices.size,
        connected: sum((d) => (d.connected ? 1 : 0)),
        acked: sum((d) => d.acked),
        dropped: sum((d) => d.dropped),
        errors: sum((d) => d.errors),
        serialLines: this.serialLines.length,
      },
      devices,
    };
  }

  /**
   * Plays the equipment end of each serial line it is given a path for. A line that
   * is not there yet, or vanishes later, is opened again with back-off, as a
   * controller whose cable is plugged in late or pulled and put back.
   */
  private async startSerialEquipment(): Promise<void> {
    const pathOf = this.o.serialDevicePath;
    if (!pathOf) return;
    const rng = createRng(this.o.seed ?? 1).fork('serial-line');
    for (const { equipment, model } of this.store.list()) {
      if (equipment.protocol === 'mqtt' || !equipment.serial) continue;
      const path = pathOf(equipment);
      if (!path) continue;
      const line = new SerialLine({
        path,
        baudRate: equipment.serial.baudRate,
        logger: this.o.logger,
        backoff: this.o.backoff,
        waitForPort: true,
        timers: this.o.timers,
        rng: rng.fork(equipment.id),
      });
      await line.start();
      this.serialLines.push(line);
      if (equipment.protocol === 'serial-ascii' && equipment.type === 'fryer') {
        const intervalMs = (this.o.config.equipmentTypes[equipment.type]?.reportIntervalS ?? 5) * 1000;
        this.asciiDevices.push(new AsciiFryerDevice(equipment.id, model, line, this.store.clock, intervalMs));
      } else if (equipment.protocol === 'modbus-rtu' && model instanceof ReachInFreezer) {
        this.modbusDevices.push(
          new ModbusFreezerDevice(equipment.id, model, line, equipment.serial.unitId, this.o.logger),
        );
      } else {
        this.log.warn(
          { equipmentId: equipment.id, type: equipment.type },
          'no serial firmware for this type',
        );
      }
    }
  }

  private followNetworkFault({ device, client }: RunningDevice): void {
    if (device.model.hasFault('network_loss')) client.loseNetwork();
    else client.restoreNetwork();
  }

  private connectAll(): void {
    const perBatch = Math.max(1, Math.round((this.o.connectRatePerS ?? 500) / 10));
    const clients = [...this.devices.values()].map((d) => d.client);
    for (let i = 0; i < clients.length; i += perBatch) {
      const batch = clients.slice(i, i + perBatch);
      const delay = (i / perBatch) * 100;
      if (delay === 0) {
        for (const c of batch) c.start();
        continue;
      }
      this.connectTimers.push(
        this.o.timers.setTimeout(() => {
          if (this.running) for (const c of batch) c.start();
        }, delay),
      );
    }
  }

  private scheduleTick(): void {
    this.tickTimer = this.o.timers.setTimeout(() => {
      this.tickTimer = null;
      if (!this.running) return;
      const now = this.o.wallNow();
      const wallMs = now - this.lastWall;
      this.lastWall = now;
      try {
        this.advance(wallMs * this.o.speed);
      } catch (err) {
        this.log.error({ err }, 'simulation tick failed');
      }
      this.scheduleTick();
    }, this.o.tickMs);
  }
}
