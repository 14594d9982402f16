import type { Readings } from '../models/equipment-model';
import {
  buildException,
  buildReadResponse,
  EXCEPTION_ILLEGAL_DATA_ADDRESS,
  EXCEPTION_ILLEGAL_DATA_VALUE,
  EXCEPTION_ILLEGAL_FUNCTION,
  FC_READ_HOLDING,
  FC_READ_INPUT,
  FC_WRITE_SINGLE,
  type ModbusRequest,
  toRegister,
  withCrc,
} from './modbus-rtu';

/**
 * Register map of the simulated refrigeration controller (unit id from the config):
 *
 * | table | address | meaning | encoding |
 * | --- | --- | --- | --- |
 * | input (0x04) | 0 | temperature `temp_c` | signed, 0.1 °C; 0x8000 = probe open |
 * | input (0x04) | 1 | compressor `compressor_on` | 0 / 1 |
 * | input (0x04) | 2 | alarm bits | bit 0 `alarm_high_temp`, bit 1 `alarm_sensor_fault` |
 * | holding (0x03) | 0 | setpoint `setpoint_c` | signed, 0.1 °C (writable with 0x06, −40…0 °C) |
 */
export const PROBE_OPEN = 0x8000;
const INPUT_COUNT = 3;
const HOLDING_COUNT = 1;
const MAX_READ = 125; // Application Protocol §6.3

export function inputRegisters(readings: Readings): number[] {
  const temp = typeof readings.temp_c === 'number' ? toRegister(readings.temp_c) : PROBE_OPEN;
  const alarms = (readings.alarm_high_temp === true ? 1 : 0) | (readings.alarm_sensor_fault === true ? 2 : 0);
  return [temp, readings.compressor_on === true ? 1 : 0, alarms];
}

export function holdingRegisters(readings: Readings): number[] {
  return [toRegister(typeof readings.setpoint_c === 'number' ? readings.setpoint_c : 0)];
}

/** The controller's answer to one request addressed to it. `onSetpoint` applies a 0x06 write. */
export function answer(
  request: ModbusRequest,
  readings: Readings,
  onSetpoint: (celsius: number) => boolean,
): Buffer {
  const { unitId, functionCode, address, value } = request;
  switch (functionCode) {
    case FC_READ_INPUT:
    case FC_READ_HOLDING: {
      const table = functionCode === FC_READ_INPUT ? inputRegisters(readings) : holdingRegisters(readings);
      const size = functionCode === FC_READ_INPUT ? INPUT_COUNT : HOLDING_COUNT;
      if (value < 1 || value > MAX_READ)
        return buildException(unitId, functionCode, EXCEPTION_ILLEGAL_DATA_VALUE);
      if (address + value > size) return buildException(unitId, functionCode, EXCEPTION_ILLEGAL_DATA_ADDRESS);
      return buildReadResponse(unitId, functionCode, table.slice(address, address + value));
    }
    case FC_WRITE_SINGLE: {
      if (address !== 0) return buildException(unitId, functionCode, EXCEPTION_ILLEGAL_DATA_ADDRESS);
      const signed = value & 0x8000 ? value - 0x10000 : value;
      if (!onSetpoint(signed / 10)) return buildException(unitId, functionCode, EXCEPTION_ILLEGAL_DATA_VALUE);
      // §6.6: the normal response echoes the request.
      const echo = Buffer.alloc(6);
      echo.writeUInt8(unitId, 0);
      echo.writeUInt8(functionCode, 1);
      echo.writeUInt16BE(address, 2);
      echo.writeUInt16BE(value, 4);
      return withCrc(echo);
    }
    default:
      return buildException(unitId, functionCode, EXCEPTION_ILLEGAL_FUNCTION);
  }
}
