import { describe, expect, it } from 'vitest';
import { crc16Modbus, crcMatches, withCrc } from './crc';
import {
  decodeResponse,
  encodeReadRequest,
  expectedResponseLength,
  ModbusFrameError,
  toInt16,
} from './frame';
import { readingsFromRegisters } from './register-map';

const hex = (text: string) => Buffer.from(text.replace(/ /g, ''), 'hex');

describe('CRC-16/MODBUS', () => {
  it.each([
    ['01 03 00 00 00 0A', 'c5 cd'],
    ['01 04 00 00 00 02', '71 cb'],
    ['11 03 00 6B 00 03', '76 87'],
  ])('%s → %s (low byte first)', (pdu, crc) => {
    expect(withCrc(hex(pdu)).subarray(-2)).toEqual(hex(crc));
  });

  it('has the catalogue check value 0x4B37 for "123456789"', () => {
    expect(crc16Modbus(Buffer.from('123456789'))).toBe(0x4b37);
  });

  it('notices a flipped bit', () => {
    const frame = withCrc(hex('01 03 02 ff 38'));
    expect(crcMatches(frame)).toBe(true);
    frame[3] = (frame[3] ?? 0) ^ 0x01;
    expect(crcMatches(frame)).toBe(false);
  });
});

describe('RTU read frames', () => {
  const request = { unitId: 1, fn: 0x04 as const, address: 0, quantity: 2 };

  it('encodes a read request', () => {
    expect(encodeReadRequest({ unitId: 1, fn: 0x03, address: 0, quantity: 10 })).toEqual(
      hex('01 03 00 00 00 0a c5 cd'),
    );
  });

  it('knows how long a response is from its first bytes', () => {
    expect(expectedResponseLength(hex('01'))).toBeNull();
    expect(expectedResponseLength(hex('01 04'))).toBeNull();
    expect(expectedResponseLength(hex('01 04 04'))).toBe(9);
    expect(expectedResponseLength(hex('01 84'))).toBe(5);
  });

  it('decodes registers, an exception, and refuses a bad CRC or a stranger', () => {
    const ok = withCrc(hex('01 04 04 ff 38 00 03'));
    expect(decodeResponse(ok, request)).toEqual({
      kind: 'registers',
      unitId: 1,
      fn: 4,
      registers: [0xff38, 3],
    });
    expect(decodeResponse(withCrc(hex('01 84 02')), request)).toMatchObject({
      kind: 'exception',
      exceptionCode: 2,
    });
    const bad = Buffer.from(ok);
    bad[4] = 0x39;
    expect(() => decodeResponse(bad, request)).toThrow(ModbusFrameError);
    expect(() => decodeResponse(withCrc(hex('02 04 04 ff 38 00 03')), request)).toThrow(/unit 2/);
  });

  it('maps registers to the freezer readings (signed tenths, compressor, alarm bits, probe open)', () => {
    expect(toInt16(0xff38)).toBe(-200);
    expect(readingsFromRegisters([0xff38, 1, 0b01], [0xff38])).toEqual({
      temp_c: -20,
      setpoint_c: -20,
      compressor_on: true,
      alarm_high_temp: true,
      alarm_sensor_fault: false,
    });
    const probeOpen = readingsFromRegisters([0x8000, 0, 0b10], [0xff38]);
    expect(probeOpen).not.toHaveProperty('temp_c');
    expect(probeOpen).toMatchObject({
      alarm_sensor_fault: true,
      alarm_high_temp: false,
      compressor_on: false,
    });
  });
});
