import type { Equipment } from '../../shared/config/equipment';
import type { StoreConfig } from '../../shared/config/store-config';
import type { Logger } from '../../shared/server/runtime/logger';
import { FaultError, type FaultRequest } from '../faults';
import { Fryer } from '../models/fryer';
import { ReachInFreezer } from '../models/reach-in-freezer';
import { createRng } from '../random';
import { SimulatedStore } from '../simulated-store';
import { AsciiFryerDevice } from './ascii-fryer-device';
import { FaultySerialLine } from './faulty-serial-line';
import { type LineFault, LineFaults } from './line-faults';
import { ModbusFreezerDevice } from './modbus-freezer-device';

export interface SerialDevicesOptions {
  config: StoreConfig;
  logger: Logger;
  /** Drive these models (the simulation's own store, which it advances); otherwise a store of the serial equipment is made and advanced here. */
  store?: SimulatedStore;
  seed?: number;
  /** Sim seconds per wall second when this module advances its own store. */
  speed?: number;
  /** Maps the edge's path in the config to the path the equipment opens; `<path>.device` by default. */
  devicePath?: (edgePath: string) => string;
  /** The fryer streams a frame this often, sim ms. */
  frameIntervalMs?: number;
}

export interface SerialDevice {
  equipmentId: string;
  protocol: 'serial-ascii' | 'modbus-rtu';
  /** The equipment's end of the line. */
  path: string;
  line: FaultySerialLine;
  lineFaults: LineFaults;
}

export interface SerialDevices {
  devices: SerialDevice[];
  /** Equipment faults (faults.ts) on the models these devices report. */
  inject(equipmentId: string, request: FaultRequest): void;
  lineFault(equipmentId: string, fault: LineFault): Promise<void>;
  /** Clears one line fault (or all); clearing close_port opens the line again. */
  clearLineFault(equipmentId: string, fault?: LineFault): Promise<void>;
  /** Closes and opens the equipment's end again, e.g. after socat made a new pty pair. */
  reopen(equipmentId: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * By convention the equipment opens the other end of the edge's pty pair: the
 * demo launcher runs `socat pty,raw,echo=0,link=PATH pty,raw,echo=0,link=PATH.device`.
 */
export function devicePathFor(edgePath: string): string {
  return `${edgePath}.device`;
}

const TICK_MS = 100;

/**
 * The serial equipment of a store config on real serial lines: each `serial-ascii`
 * fryer streams frames, each `modbus-rtu` freezer answers polls, with the equipment
 * faults of faults.ts and the line faults of line-faults.ts. Lines that are not
 * there yet (no socat pair) fail the start.
 */
export async function startSerialDevices(options: SerialDevicesOptions): Promise<SerialDevices> {
  const serialEquipment = options.config.equipment.filter(
    (e): e is Equipment & { serial: NonNullable<Equipment['serial']> } => e.protocol !== 'mqtt' && !!e.serial,
  );
  const seed = options.seed ?? 1;
  const ownStore = options.store
    ? null
    : new SimulatedStore({ equipment: serialEquipment, seed, logger: options.logger });
  const store = options.store ?? (ownStore as SimulatedStore);
  const rng = createRng(seed).fork('serial-line');
  const devices: SerialDevice[] = [];
  const fryers: AsciiFryerDevice[] = [];

  for (const equipment of serialEquipment) {
    const { model } = store.unit(equipment.id);
    const lineFaults = new LineFaults();
    const path = (options.devicePath ?? devicePathFor)(equipment.serial.path);
    const lineOptions = { path, baudRate: equipment.serial.baudRate, logger: options.logger };
    if (equipment.protocol === 'serial-ascii') {
      if (!(model instanceof Fryer)) throw unsupported(equipment, 'an ASCII fryer controller');
      const line = new FaultySerialLine(lineOptions, lineFaults, 'ascii', rng.fork(equipment.id));
      fryers.push(
        new AsciiFryerDevice(equipment.id, model, line, store.clock, options.frameIntervalMs ?? 1000),
      );
      devices.push({ equipmentId: equipment.id, protocol: 'serial-ascii', path, line, lineFaults });
    } else {
      if (!(model instanceof ReachInFreezer))
        throw unsupported(equipment, 'a Modbus refrigeration controller');
      const line = new FaultySerialLine(lineOptions, lineFaults, 'rtu', rng.fork(equipment.id));
      new ModbusFreezerDevice(equipment.id, model, line, equipment.serial.unitId, options.logger);
      devices.push({ equipmentId: equipment.id, protocol: 'modbus-rtu', path, line, lineFaults });
    }
  }
  await Promise.all(devices.map((d) => d.line.start()));
  const speed = options.speed ?? 1;
  const timer = setInterval(() => {
    ownStore?.advance(TICK_MS * speed);
    for (const fryer of fryers) fryer.tick();
  }, TICK_MS);
  options.logger
    .child({ ns: 'serial-devices' })
    .info({ devices: devices.map((d) => `${d.equipmentId}@${d.path}`) }, 'serial equipment started');

  const find = (equipmentId: string): SerialDevice => {
    const device = devices.find((d) => d.equipmentId === equipmentId);
    if (!device) throw new FaultError('EQUIPMENT_UNKNOWN', `no serial equipment "${equipmentId}"`);
    return device;
  };
  return {
    devices,
    inject: (equipmentId, request) => {
      find(equipmentId);
      store.inject(equipmentId, request);
    },
    lineFault: async (equipmentId, fault) => {
      const device = find(equipmentId);
      if (fault === 'close_port' && !device.lineFaults.has('close_port')) await device.line.stop();
      device.lineFaults.inject(fault);
    },
    clearLineFault: async (equipmentId, fault) => {
      const device = find(equipmentId);
      const reopen = device.lineFaults.has('close_port') && (!fault || fault === 'close_port');
      device.lineFaults.clear(fault);
      if (reopen) await device.line.start();
    },
    reopen: async (equipmentId) => {
      const device = find(equipmentId);
      await device.line.stop();
      await device.line.start();
    },
    stop: async () => {
      clearInterval(timer);
      await Promise.all(devices.map((d) => d.line.stop()));
    },
  };
}

function unsupported(equipment: Equipment, what: string): FaultError {
  return new FaultError(
    'EQUIPMENT_UNKNOWN',
    `${equipment.id} (${equipment.type}) cannot be simulated as ${what}`,
  );
}
