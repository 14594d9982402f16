import { toInt16 } from './frame';

/**
 * Register map of the reach-in refrigeration controllers (rif-1), as their maker
 * documents it (the simulated unit in firmware-sim/serial/freezer-registers.ts
 * implements the same map). Addresses are PDU addresses (0-based).
 *
 * Input registers (function 0x04), read together from 0x0000, quantity 3:
 *   0x0000  air temperature, signed, 0.1 °C (−200 = −20.0 °C);
 *           0x8000 (−32768) = probe open / no value
 *   0x0001  compressor running: 0 / 1
 *   0x0002  alarm bits: bit 0 high-temperature alarm, bit 1 sensor-fault alarm
 * Holding registers (function 0x03), from 0x0000, quantity 1:
 *   0x0000  setpoint, signed, 0.1 °C
 */
export const INPUT_TEMPERATURE = 0x0000;
export const INPUT_COUNT = 3;
export const HOLDING_SETPOINT = 0x0000;
export const HOLDING_COUNT = 1;

export const ALARM_HIGH_TEMP = 1 << 0;
export const ALARM_SENSOR_FAULT = 1 << 1;

export const NO_VALUE = 0x8000;

/** The readings one poll yields, named as the reach_in_freezer profile names them. */
export function readingsFromRegisters(input: number[], holding: number[]): Record<string, number | boolean> {
  const [temperature = NO_VALUE, compressor = 0, alarms = 0] = input;
  const readings: Record<string, number | boolean> = {
    compressor_on: compressor !== 0,
    alarm_high_temp: (alarms & ALARM_HIGH_TEMP) !== 0,
    alarm_sensor_fault: (alarms & ALARM_SENSOR_FAULT) !== 0,
  };
  if (temperature !== NO_VALUE) readings.temp_c = toInt16(temperature) / 10;
  const setpoint = holding[0];
  if (setpoint !== undefined && setpoint !== NO_VALUE) readings.setpoint_c = toInt16(setpoint) / 10;
  return readings;
}
