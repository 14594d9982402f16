/**
 * The line protocol of the older fryer controllers (fryer-3): the controller streams
 * one ASCII line about once a second, 9600 8N1, no handshake, nothing is sent back
 * (the simulated controller is firmware-sim/serial/ascii-fryer-frame.ts).
 *
 *   $T=176.4,S=HEAT,E=0,L=83.5*30\r\n
 *
 * - `$` starts a frame; `*` ends the body and is followed by the checksum as two
 *   hex digits (either case), then CR LF. A bare LF is accepted too.
 * - Checksum: XOR of every byte strictly between `$` and `*`, like NMEA 0183.
 * - Body: comma-separated `KEY=VALUE` fields, any order; unknown keys are ignored
 *   so newer firmware with extra fields still parses.
 *     T  oil temperature, °C, decimal; absent while the probe is open → oil_temp_c
 *     S  controller state (required): HEAT (element on), HOLD (at temperature,
 *        element off), IDLE (element off, cooling), FAULT (locked out)
 *                                                               → heating_on = S is HEAT
 *     E  error code, decimal integer (required): 0 = no fault, otherwise the maker's
 *        fault number, reported as the event code `E<n>` with two digits (E05 = the
 *        high-limit thermostat tripped)
 *     L  oil life, %, decimal (optional: only controllers with an oil sensor)
 *                                                               → oil_life_pct
 * - A line is at most MAX_LINE_BYTES bytes from `$` to LF; anything longer is noise.
 */
export const MAX_LINE_BYTES = 96;

export const FRYER_STATES = ['HEAT', 'HOLD', 'IDLE', 'FAULT'] as const;
export type FryerState = (typeof FRYER_STATES)[number];

export interface FryerFrame {
  /** Absent while the probe is open. */
  oilTempC?: number;
  state: FryerState;
  /** 0 = no fault. */
  errorCode: number;
  oilLifePct?: number;
}

export type FrameErrorCode = 'bad_checksum' | 'malformed';

export class FrameError extends Error {
  constructor(
    readonly code: FrameErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FrameError';
  }
}

/** XOR of the bytes of `body` (the text between `$` and `*`). */
export function xorChecksum(body: Uint8Array): number {
  let sum = 0;
  for (const byte of body) sum ^= byte;
  return sum;
}

export function encodeFryerFrame(frame: FryerFrame): string {
  const fields = [`S=${frame.state}`, `E=${frame.errorCode}`];
  if (frame.oilTempC !== undefined) fields.unshift(`T=${frame.oilTempC.toFixed(1)}`);
  if (frame.oilLifePct !== undefined) fields.push(`L=${frame.oilLifePct.toFixed(1)}`);
  const body = fields.join(',');
  return `$${body}*${hex2(xorChecksum(Buffer.from(body, 'latin1')))}\r\n`;
}

/**
 * Decodes one line without its `$` and line ending: `BODY*CS`. Throws FrameError
 * with `bad_checksum` or `malformed`.
 */
export function decodeFryerLine(line: Uint8Array): FryerFrame {
  const text = Buffer.from(line).toString('latin1');
  const star = text.lastIndexOf('*');
  if (star < 0 || text.length - star !== 3) throw new FrameError('malformed', 'no "*HH" checksum at the end');
  const body = text.slice(0, star);
  const given = text.slice(star + 1);
  if (!/^[0-9A-Fa-f]{2}$/.test(given)) throw new FrameError('malformed', `checksum "${given}" is not hex`);
  const expected = xorChecksum(Buffer.from(body, 'latin1'));
  if (Number.parseInt(given, 16) !== expected) {
    throw new FrameError('bad_checksum', `checksum ${given} but the body sums to ${hex2(expected)}`);
  }
  return decodeBody(body);
}

function decodeBody(body: string): FryerFrame {
  const fields = new Map<string, string>();
  for (const part of body.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new FrameError('malformed', `field "${part}" is not KEY=VALUE`);
    fields.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const state = fields.get('S');
  if (!isFryerState(state))
    throw new FrameError('malformed', `state "${state ?? ''}" is not one of ${FRYER_STATES}`);
  const e = fields.get('E');
  if (e === undefined || !/^\d{1,3}$/.test(e))
    throw new FrameError('malformed', `error code "${e ?? ''}" is not a number`);
  const frame: FryerFrame = { state, errorCode: Number(e) };
  const temp = fields.get('T');
  if (temp !== undefined) frame.oilTempC = decimal(temp, 'T');
  const life = fields.get('L');
  if (life !== undefined) frame.oilLifePct = decimal(life, 'L');
  return frame;
}

function decimal(value: string | undefined, key: string): number {
  if (value === undefined || !/^-?\d{1,4}(\.\d{1,3})?$/.test(value)) {
    throw new FrameError('malformed', `${key}="${value ?? ''}" is not a decimal number`);
  }
  return Number(value);
}

function isFryerState(value: string | undefined): value is FryerState {
  return (FRYER_STATES as readonly (string | undefined)[]).includes(value);
}

/** The maker's code as devices report it on the event topic: 5 → "E05". */
export function fryerFaultCode(errorCode: number): string {
  return `E${String(errorCode).padStart(2, '0')}`;
}

function hex2(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}
