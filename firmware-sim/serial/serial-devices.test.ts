import { ReadlineParser } from '@serialport/parser-readline';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../shared/server/runtime/logger';
import { FaultRequest } from '../faults';
import { Fryer } from '../models/fryer';
import { ReachInFreezer } from '../models/reach-in-freezer';
import { createRng } from '../random';
import { SimClock } from '../sim-clock';
import { waitUntil } from '../testing/aedes-broker';
import { type PtyPair, ptyPair } from '../testing/pty-pair';
import { AsciiFryerDevice } from './ascii-fryer-device';
import { xorChecksum } from './ascii-fryer-frame';
import { ModbusFreezerDevice } from './modbus-freezer-device';
import { buildRequest, crc16, FC_READ_INPUT, FC_WRITE_SINGLE, fromRegister, toRegister } from './modbus-rtu';
import { SerialLine } from './serial-line';

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function pair(): Promise<PtyPair> {
  const p = await ptyPair();
  cleanups.push(() => p.close());
  return p;
}

async function openEdgeEnd(file: string): Promise<SerialPort> {
  const port = new SerialPort({ path: file, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  cleanups.push(() => new Promise<void>((resolve) => port.close(() => resolve())));
  return port;
}

async function openDeviceLine(file: string): Promise<SerialLine> {
  const line = new SerialLine({ path: file, baudRate: 9600, logger: silentLogger() });
  await line.start();
  cleanups.push(() => line.stop());
  return line;
}

describe('serial equipment over socat ptys', () => {
  it('the fryer controller streams checksummed frames, with its maker error number', async () => {
    const { device, edge } = await pair();
    const port = await openEdgeEnd(edge);
    const lines: string[] = [];
    port.pipe(new ReadlineParser({ delimiter: '\r\n' })).on('data', (l: string) => lines.push(l));

    const clock = new SimClock(0);
    const fryer = new Fryer({ rng: createRng(1), basketsPerHour: 0 });
    const fryerDevice = new AsciiFryerDevice('fryer-3', fryer, await openDeviceLine(device), clock, 5000);
    for (let i = 0; i < 3; i++) {
      fryerDevice.tick();
      clock.advance(5000);
      fryer.step(5000);
    }
    fryer.inject(FaultRequest.parse({ fault: 'maker_fault', params: { code: 'E05' } }));
    fryerDevice.tick();
    await waitUntil(() => lines.length >= 4, 5000, 'four frames');

    for (const line of lines) {
      const match = /^\$(.*)\*([0-9A-F]{2})$/.exec(line);
      expect(match?.[2]).toBe(xorChecksum(match?.[1] ?? ''));
    }
    expect(lines[0]).toMatch(/^\$T=17\d\.\d,S=(HEAT|IDLE),L=\d+\.\d,E=0\*/);
    expect(lines[3]).toMatch(/,E=5\*/);
  });

  it('the refrigeration controller answers Modbus polls, skips noise, and takes a setpoint', async () => {
    const { device, edge } = await pair();
    const port = await openEdgeEnd(edge);
    let received = Buffer.alloc(0);
    port.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
    });
    const freezer = new ReachInFreezer({ rng: createRng(2) });
    const unit = new ModbusFreezerDevice('rif-1', freezer, await openDeviceLine(device), 1, silentLogger());

    // Line noise, a poll for another unit, then a poll split over two writes.
    port.write(Buffer.from([0x55, 0xaa, 0x00]));
    port.write(buildRequest(2, FC_READ_INPUT, 0, 3));
    const poll = buildRequest(1, FC_READ_INPUT, 0, 3);
    port.write(poll.subarray(0, 3));
    port.write(poll.subarray(3));
    await waitUntil(() => received.length >= 11, 5000, 'poll response');
    expect(received.subarray(0, 3).toString('hex')).toBe('010406');
    expect(crc16(received.subarray(0, 9))).toBe(received.readUInt16LE(9));
    expect(fromRegister(received.readUInt16BE(3))).toBeCloseTo(freezer.temperatureC, 0);
    expect(unit.answered).toBe(1);
    expect(unit.discardedBytes).toBe(3);

    received = Buffer.alloc(0);
    port.write(buildRequest(1, FC_WRITE_SINGLE, 0, toRegister(-18)));
    await waitUntil(() => received.length >= 8, 5000, 'write echo');
    expect(freezer.setpoint).toBe(-18);
    expect(freezer.readings().setpoint_c).toBe(-18);
  });
});
