import { describe, expect, it } from 'vitest';
import { encodeFryerFrame, errorNumberOf, xorChecksum } from './ascii-fryer-frame';
import { answer, PROBE_OPEN } from './freezer-registers';
import {
  buildRequest,
  crc16,
  FC_READ_HOLDING,
  FC_READ_INPUT,
  FC_WRITE_SINGLE,
  fromRegister,
  scanRequests,
  toRegister,
} from './modbus-rtu';

describe('ASCII fryer frames', () => {
  it('encodes readings with an XOR checksum over the body', () => {
    const frame = encodeFryerFrame({ oil_temp_c: 176.4, heating_on: true, oil_life_pct: 82.5 });
    expect(frame).toBe(`$T=176.4,S=HEAT,L=82.5,E=0*${xorChecksum('T=176.4,S=HEAT,L=82.5,E=0')}\r\n`);
    // Checked by hand: XOR of "T=1" is 0x54^0x3D^0x31 = 0x58.
    expect(xorChecksum('T=1')).toBe('58');
  });

  it('leaves out an open probe and carries the maker error number', () => {
    expect(encodeFryerFrame({ heating_on: false, oil_life_pct: 50 }, errorNumberOf('E05'))).toMatch(
      /^\$S=IDLE,L=50\.0,E=5\*[0-9A-F]{2}\r\n$/,
    );
    expect(errorNumberOf('HP')).toBe(99);
  });
});

describe('Modbus RTU', () => {
  it('computes the standard CRC (01 03 00 00 00 01 → 84 0A)', () => {
    expect(buildRequest(1, FC_READ_HOLDING, 0, 1).toString('hex')).toBe('010300000001840a');
    expect(crc16(Buffer.from('123456789'))).toBe(0x4b37); // CRC-16/MODBUS check value
  });

  it('finds requests among garbage, corrupted and split frames', () => {
    const good = buildRequest(1, FC_READ_INPUT, 0, 3);
    const corrupted = Buffer.from(buildRequest(1, FC_READ_INPUT, 0, 2));
    corrupted.writeUInt8(corrupted.readUInt8(5) ^ 0xff, 5);
    const bytes = Buffer.concat([Buffer.from([0x00, 0xff, 0x13]), corrupted, good, good.subarray(0, 5)]);
    const scan = scanRequests(bytes);
    expect(scan.requests).toEqual([{ unitId: 1, functionCode: FC_READ_INPUT, address: 0, value: 3 }]);
    expect(scan.discarded).toBe(3 + 8);
    expect(scan.rest).toEqual(good.subarray(0, 5));
    const next = scanRequests(Buffer.concat([scan.rest, good.subarray(5)]));
    expect(next.requests).toHaveLength(1);
    expect(next.rest.length).toBe(0);
  });

  it('encodes signed tenths', () => {
    expect(toRegister(-20.5)).toBe(0xff33);
    expect(fromRegister(0xff33)).toBe(-20.5);
    expect(fromRegister(toRegister(4.2))).toBe(4.2);
  });
});

describe('freezer register map', () => {
  const readings = {
    temp_c: -19.8,
    setpoint_c: -20,
    compressor_on: true,
    alarm_high_temp: false,
    alarm_sensor_fault: true,
  };
  const noWrite = () => false;

  it('answers input registers: temperature, compressor, alarm bits', () => {
    const response = answer(
      { unitId: 1, functionCode: FC_READ_INPUT, address: 0, value: 3 },
      readings,
      noWrite,
    );
    expect(response.subarray(0, 3).toString('hex')).toBe('010406');
    expect(fromRegister(response.readUInt16BE(3))).toBe(-19.8);
    expect(response.readUInt16BE(5)).toBe(1);
    expect(response.readUInt16BE(7)).toBe(0b10);
    expect(crc16(response.subarray(0, 9))).toBe(response.readUInt16LE(9));
  });

  it('reports an open probe as 0x8000', () => {
    const { temp_c: _, ...open } = readings;
    const response = answer({ unitId: 1, functionCode: FC_READ_INPUT, address: 0, value: 1 }, open, noWrite);
    expect(response.readUInt16BE(3)).toBe(PROBE_OPEN);
  });

  it('answers exceptions for bad addresses, quantities and functions', () => {
    const ask = (functionCode: number, address: number, value: number) =>
      answer({ unitId: 1, functionCode, address, value }, readings, noWrite).subarray(1, 3).toString('hex');
    expect(ask(FC_READ_INPUT, 2, 2)).toBe('8402');
    expect(ask(FC_READ_HOLDING, 0, 0)).toBe('8303');
    expect(ask(0x10, 0, 1)).toBe('9001');
    expect(ask(FC_WRITE_SINGLE, 0, toRegister(-18))).toBe('8603');
  });

  it('echoes an accepted setpoint write', () => {
    let written: number | null = null;
    const request = { unitId: 1, functionCode: FC_WRITE_SINGLE, address: 0, value: toRegister(-18) };
    const response = answer(request, readings, (c) => {
      written = c;
      return true;
    });
    expect(written).toBe(-18);
    expect(response).toEqual(buildRequest(1, FC_WRITE_SINGLE, 0, toRegister(-18)));
  });
});
