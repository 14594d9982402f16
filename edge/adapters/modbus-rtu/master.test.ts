import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../shared/server/runtime/clock';
import { startPtyPair } from '../../../shared/server/testing/pty-pair';
import { openRealSerialPort } from '../serial-connection';
import { withCrc } from './crc';
import { ModbusError, ModbusRtuMaster, silentIntervalMs } from './master';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Reply = (request: Buffer) => Buffer[] | null;

/**
 * A master on one end of a real pty pair; the other end is a bare slave written
 * here, answering each 8-byte request with whatever `reply` returns.
 */
async function line(reply: Reply) {
  const dir = mkdtempSync(join(tmpdir(), 'galley-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const edge = join(dir, 'edge');
  const pair = await startPtyPair(edge, join(dir, 'device'));
  cleanups.push(() => pair.stop());
  const slave = new SerialPort({ path: pair.devicePath, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => slave.open((err) => (err ? reject(err) : resolve())));
  cleanups.push(() => new Promise((resolve) => slave.close(() => resolve(undefined))));
  let pending = Buffer.alloc(0);
  slave.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 8) {
      const request = pending.subarray(0, 8);
      pending = pending.subarray(8);
      for (const part of reply(request) ?? []) slave.write(part);
    }
  });
  const master = new ModbusRtuMaster({ clock: systemClock, baudRate: 9600, responseTimeoutMs: 150 });
  const connection = await openRealSerialPort(edge, 9600, {
    onData: (chunk) => master.onData(chunk),
    onClose: () => master.detach(),
  });
  cleanups.push(() => connection.close());
  master.attach(connection);
  return master;
}

const registers = (unit: number, fn: number, values: number[]) => {
  const pdu = Buffer.alloc(3 + 2 * values.length);
  pdu[0] = unit;
  pdu[1] = fn;
  pdu[2] = 2 * values.length;
  for (const [i, v] of values.entries()) pdu.writeUInt16BE(v, 3 + 2 * i);
  return withCrc(pdu);
};

async function failure(promise: Promise<unknown>): Promise<ModbusError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ModbusError) return err;
    throw err;
  }
  throw new Error('expected a ModbusError');
}

describe('ModbusRtuMaster over a real pty', () => {
  it('reads registers, even when the answer arrives in pieces', async () => {
    const master = await line((req) => {
      const answer = registers(req[0] ?? 0, req[1] ?? 0, [0xff38, 1, 0]);
      return [answer.subarray(0, 2), answer.subarray(2, 6), answer.subarray(6)];
    });
    await expect(master.readRegisters(1, 0x04, 0, 3)).resolves.toEqual([0xff38, 1, 0]);
    await expect(master.readRegisters(1, 0x03, 0, 3)).resolves.toEqual([0xff38, 1, 0]);
  });

  it('turns an exception response (function | 0x80) into an exception error with its code', async () => {
    const master = await line((req) => [withCrc(Buffer.from([req[0] ?? 0, (req[1] ?? 0) | 0x80, 0x02]))]);
    const err = await failure(master.readRegisters(1, 0x04, 40, 1));
    expect(err.code).toBe('exception');
    expect(err.exceptionCode).toBe(2);
    expect(err.message).toMatch(/illegal data address/);
  });

  it('refuses a corrupted answer as a CRC error and recovers on the next request', async () => {
    let calls = 0;
    const master = await line((req) => {
      const answer = registers(req[0] ?? 0, req[1] ?? 0, [0x00c8]);
      if (calls++ === 0) answer[3] = 0x01;
      return [answer];
    });
    expect((await failure(master.readRegisters(1, 0x04, 0, 1))).code).toBe('crc');
    await expect(master.readRegisters(1, 0x04, 0, 1)).resolves.toEqual([0x00c8]);
  });

  it('times out when the slave stays silent or sends half a frame', async () => {
    let calls = 0;
    const master = await line((req) =>
      calls++ === 0 ? null : [registers(req[0] ?? 0, 4, [1, 2]).subarray(0, 4)],
    );
    expect((await failure(master.readRegisters(1, 0x04, 0, 2))).code).toBe('timeout');
    const partial = await failure(master.readRegisters(1, 0x04, 0, 2));
    expect(partial.code).toBe('timeout');
    expect(partial.message).toMatch(/4 bytes/);
  });

  it('refuses an answer from another unit', async () => {
    const master = await line((req) => [registers(7, req[1] ?? 0, [1])]);
    expect((await failure(master.readRegisters(1, 0x04, 0, 1))).code).toBe('unexpected_response');
  });

  it('keeps the 3.5 character silent interval of the spec', () => {
    expect(silentIntervalMs(9600)).toBeCloseTo(4.01, 2);
    expect(silentIntervalMs(115_200)).toBe(1.75);
  });
});
