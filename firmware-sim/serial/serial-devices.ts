import type { StoreConfig } from '../../shared/config/store-config';
import type { FaultRequest } from '../faults';
import { FaultError } from '../faults';
import type { Logger } from '../logger';
import { Fryer } from '../models/fryer';
import { createRng } from '../random';
import { SimulatedStore, type SimulatedUnit } from '../simulated-store';
import { DeviceLine, devicePathFor, type OpenDevicePort, openRealDevicePort } from './device-line';
import { FryerController } from './fryer-controller';
import type { LineFault } from './line-faults';
import { LineFaults } from './line-faults';
import { RefrigerationControllerSlave } from './modbus-slave';

export interface SerialDevicesOptions {
  config: StoreConfig;
  logger: Logger;
  /** Drive these models (the simulation's own store); otherwise a store of the serial equipment is made and run here. */
  store?: SimulatedStore;
  seed?: number;
  /** Sim seconds per wall second when this module runs its own store. */
  speed?: number;
  /** Opens the equipment's end; defaults to the real binding. */
  openPort?: OpenDevicePort;
  /** Maps the edge's path in the config to the path the equipment opens. */
  devicePath?: (edgePath: string) => string;
  /** How often the fryer streams a frame, wall ms. */
  frameIntervalMs?: number;
}

export interface SerialDevice {
  equipmentId: string;
  protocol: 'serial-ascii' | 'modbus-rtu';
  path: string;
  line: DeviceLine;
  lineFaults: LineFaults;
}

export interface SerialDevices {
  devices: SerialDevice[];
  /** Equipment faults (faults.ts), on the models these devices report. */
  inject(equipmentId: string, request: FaultRequest): void;
  lineFault(equipmentId: string, fault: LineFault): Promise<void>;
  clearLineFault(equipmentId: string, fault?: LineFault): void;
  stop(): Promise<void>;
}

const STEP_MS = 250;

/**
 * The serial equipment of a store config: for each `serial-ascii` fryer a
 * controller streaming frames, for each `modbus-rtu` unit a slave answering polls,
 * each on the device end of its line (`<edge path>.device` by default).
 */
export function startSerialDevices(options: SerialDevicesOptions): SerialDevices {
  const serialEquipment = options.config.equipment.filter((e) => e.protocol !== 'mqtt' && e.serial);
  const seed = options.seed ?? 1;
  const ownStore = options.store
    ? null
    : new SimulatedStore({ equipment: serialEquipment, seed, logger: options.logger });
  const store = options.store ?? ownStore;
  if (!store) throw new Error('unreachable: a store is always there');
  const openPort = options.openPort ?? openRealDevicePort;
  const devicePath = options.devicePath ?? devicePathFor;
  const rng = createRng(seed).fork('serial-line');
  const timers: NodeJS.Timeout[] = [];
  const devices: SerialDevice[] = [];

  for (const equipment of serialEquipment) {
    const link = equipment.serial;
    if (!link) continue;
    const unit: SimulatedUnit = store.unit(equipment.id);
    const lineFaults = new LineFaults();
    const path = devicePath(link.path);
    if (equipment.protocol === 'serial-ascii') {
      if (!(unit.model instanceof Fryer)) {
        throw new FaultError(
          'EQUIPMENT_UNKNOWN',
          `${equipment.id}: the ASCII controller is a fryer's, not a ${equipment.type}'s`,
        );
      }
      const line = new DeviceLine(path, link.baudRate, openPort, () => {}, options.logger);
      const controller = new FryerController(unit.model, line, lineFaults, rng.fork(equipment.id));
      timers.push(setInterval(() => controller.sendFrame(), options.frameIntervalMs ?? 1000));
      devices.push({ equipmentId: equipment.id, protocol: 'serial-ascii', path, line, lineFaults });
    } else {
      const slaveRef: { slave: RefrigerationControllerSlave | null } = { slave: null };
      const line = new DeviceLine(
        path,
        link.baudRate,
        openPort,
        (c) => slaveRef.slave?.onData(c),
        options.logger,
      );
      slaveRef.slave = new RefrigerationControllerSlave(
        link.unitId,
        unit.model,
        line,
        lineFaults,
        rng.fork(equipment.id),
      );
      devices.push({ equipmentId: equipment.id, protocol: 'modbus-rtu', path, line, lineFaults });
    }
  }
  if (ownStore) {
    const speed = options.speed ?? 1;
    timers.push(setInterval(() => ownStore.advance(STEP_MS * speed), STEP_MS));
  }
  for (const device of devices) device.line.start();
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
      if (fault === 'close_port') await device.line.drop();
      else device.lineFaults.inject(fault);
    },
    clearLineFault: (equipmentId, fault) => find(equipmentId).lineFaults.clear(fault),
    stop: async () => {
      for (const timer of timers) clearInterval(timer);
      await Promise.all(devices.map((d) => d.line.stop()));
    },
  };
}
