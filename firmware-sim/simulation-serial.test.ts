import { fileURLToPath } from 'node:url';
import { ReadlineParser } from '@serialport/parser-readline';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { loadStoreConfig } from '../shared/server/config/load-store-config';
import { silentLogger } from '../shared/server/runtime/logger';
import { buildRequest, crc16, FC_READ_INPUT, fromRegister } from './serial/modbus-rtu';
import { Simulation } from './simulation';
import { waitUntil } from './testing/aedes-broker';
import { ptyPair } from './testing/pty-pair';

const demo = loadStoreConfig(fileURLToPath(new URL('../config/demo-store.yaml', import.meta.url)));

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function openEdgeEnd(file: string): Promise<SerialPort> {
  const port = new SerialPort({ path: file, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  cleanups.push(() => new Promise<void>((resolve) => port.close(() => resolve())));
  return port;
}

describe('Simulation with serial equipment', () => {
  it('plays the legacy fryer and the Modbus freezer on their lines next to the MQTT devices', async () => {
    const fryerLine = await ptyPair();
    cleanups.push(() => fryerLine.close());
    const freezerLine = await ptyPair();
    cleanups.push(() => freezerLine.close());
    const deviceEnds: Record<string, string> = { 'fryer-3': fryerLine.device, 'rif-1': freezerLine.device };

    const sim = new Simulation({
      config: demo,
      mqttUrl: 'mqtt://127.0.0.1:1', // no MQTT credentials given: only the serial equipment runs
      credentials: () => undefined,
      logger: silentLogger(),
      speed: 10,
      tickMs: 20,
      serialDevicePath: (equipment) => deviceEnds[equipment.id],
    });
    cleanups.push(() => sim.stop());

    const fryerPort = await openEdgeEnd(fryerLine.edge);
    const frames: string[] = [];
    fryerPort.pipe(new ReadlineParser({ delimiter: '\r\n' })).on('data', (l: string) => frames.push(l));
    const freezerPort = await openEdgeEnd(freezerLine.edge);
    let answer = Buffer.alloc(0);
    freezerPort.on('data', (chunk: Buffer) => {
      answer = Buffer.concat([answer, chunk]);
    });

    await sim.start();
    await waitUntil(() => frames.length >= 2, 5000, 'fryer frames');
    expect(frames[0]).toMatch(/^\$T=\d+\.\d,S=(HEAT|IDLE),L=\d+\.\d,E=0\*[0-9A-F]{2}$/);

    freezerPort.write(buildRequest(1, FC_READ_INPUT, 0, 1));
    await waitUntil(() => answer.length >= 7, 5000, 'Modbus answer');
    expect(crc16(answer.subarray(0, 5))).toBe(answer.readUInt16LE(5));
    const reported = fromRegister(answer.readUInt16BE(3));
    const modelled = sim.status().devices.find((d) => d.equipmentId === 'rif-1')?.readings.temp_c;
    expect(reported).toBeCloseTo(Number(modelled), 0);
  });
});
