import type { Readings } from '../models/equipment-model';

/**
 * Line protocol of the legacy fryer controller, streamed by the fryer at 9600 8N1
 * every report interval:
 *
 *   $T=176.4,S=HEAT,L=82.5,E=0*5C\r\n
 *
 * - `$` starts a frame, `\r\n` ends it; fields are `KEY=VALUE`, comma-separated.
 * - `T` oil temperature °C, one decimal; absent when the probe is open.
 * - `S` heater state: `HEAT` (element on) or `IDLE` (at temperature).
 * - `L` oil life %, one decimal.
 * - `E` maker error number, 0 = none (`E=5` is the controller's code `E05`).
 * - `*` then the checksum: XOR of every byte between `$` and `*`, two upper-case hex digits (as NMEA 0183).
 */
export const FRAME_START = '$';
export const FRAME_END = '\r\n';

export function xorChecksum(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum ^= body.charCodeAt(i) & 0xff;
  return sum.toString(16).toUpperCase().padStart(2, '0');
}

/** One frame from a fryer's readings (the model's `oil_temp_c`, `heating_on`, `oil_life_pct`). */
export function encodeFryerFrame(readings: Readings, errorNumber = 0): string {
  const fields: string[] = [];
  if (typeof readings.oil_temp_c === 'number') fields.push(`T=${readings.oil_temp_c.toFixed(1)}`);
  fields.push(`S=${readings.heating_on === true ? 'HEAT' : 'IDLE'}`);
  if (typeof readings.oil_life_pct === 'number') fields.push(`L=${readings.oil_life_pct.toFixed(1)}`);
  fields.push(`E=${Math.max(0, Math.trunc(errorNumber))}`);
  const body = fields.join(',');
  return `${FRAME_START}${body}*${xorChecksum(body)}${FRAME_END}`;
}

/** `E05` → 5; codes without digits report as 99 (the controller's "other"). */
export function errorNumberOf(code: string): number {
  const digits = /(\d+)/.exec(code)?.[1];
  return digits === undefined ? 99 : Number(digits);
}
