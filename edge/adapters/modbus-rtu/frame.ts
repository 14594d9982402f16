import { crcMatches, withCrc } from './crc';

/**
 * RTU frames for the two read functions the refrigeration controllers implement.
 *
 * Modbus over Serial Line v1.02, §2.5.1.1 "MODBUS Message RTU Framing":
 *   "In RTU mode, message frames are separated by a silent interval of at least
 *    3.5 character times. […] The entire message frame must be transmitted as a
 *    continuous stream of characters. If a silent interval of more than 1.5
 *    character times occurs between two characters, the message frame is declared
 *    incomplete and should be discarded by the receiver."
 *
 * A master knows how long the answer to its own request must be, so it frames
 * responses by length (and checks the CRC); the silent interval is kept between
 * transactions (see master.ts).
 */
export const READ_HOLDING_REGISTERS = 0x03;
export const READ_INPUT_REGISTERS = 0x04;
export type ReadFunction = typeof READ_HOLDING_REGISTERS | typeof READ_INPUT_REGISTERS;

/**
 * Modbus Application Protocol v1.1b3, §7: "In an exception response, the server
 * sets the MSB of the function code to 1. […] the server returns an exception code
 * in the data field". The codes a controller of ours can send:
 */
export const EXCEPTION_CODES: Record<number, string> = {
  1: 'illegal function',
  2: 'illegal data address',
  3: 'illegal data value',
  4: 'server device failure',
};

/** §6.3/6.4: quantity of registers 1 to 125 (0x7D). */
export const MAX_READ_QUANTITY = 125;

export interface ReadRequest {
  unitId: number;
  fn: ReadFunction;
  address: number;
  quantity: number;
}

export type ResponseFrame =
  | { kind: 'registers'; unitId: number; fn: number; registers: number[] }
  | { kind: 'exception'; unitId: number; fn: number; exceptionCode: number };

export class ModbusFrameError extends Error {
  constructor(
    readonly code: 'crc' | 'unexpected_response',
    message: string,
  ) {
    super(message);
    this.name = 'ModbusFrameError';
  }
}

/** `unit fn addrHi addrLo qtyHi qtyLo crcLo crcHi` */
export function encodeReadRequest(request: ReadRequest): Buffer {
  const { unitId, fn, address, quantity } = request;
  return withCrc(Uint8Array.from([unitId, fn, address >> 8, address & 0xff, quantity >> 8, quantity & 0xff]));
}

/**
 * How many bytes the response to `request` takes, judging from what has arrived:
 * null until the function byte is there. Exception: unit, fn|0x80, code, CRC (5).
 * Normal: unit, fn, byte count, 2 × quantity data bytes, CRC.
 */
export function expectedResponseLength(received: Uint8Array): number | null {
  const fn = received[1];
  if (fn === undefined) return null;
  if (fn & 0x80) return 5;
  const byteCount = received[2];
  return byteCount === undefined ? null : 3 + byteCount + 2;
}

/** Decodes a complete response to `request`; throws ModbusFrameError on a bad CRC or a mismatch. */
export function decodeResponse(frame: Uint8Array, request: ReadRequest): ResponseFrame {
  if (!crcMatches(frame)) throw new ModbusFrameError('crc', `CRC mismatch in ${hex(frame)}`);
  const unitId = frame[0] ?? -1;
  const fn = frame[1] ?? -1;
  if (unitId !== request.unitId) {
    throw new ModbusFrameError(
      'unexpected_response',
      `answer from unit ${unitId}, asked unit ${request.unitId}`,
    );
  }
  if (fn === (request.fn | 0x80))
    return { kind: 'exception', unitId, fn: request.fn, exceptionCode: frame[2] ?? 0 };
  if (fn !== request.fn || frame[2] !== request.quantity * 2) {
    throw new ModbusFrameError(
      'unexpected_response',
      `answer ${hex(frame)} does not fit request fn ${request.fn}`,
    );
  }
  const registers: number[] = [];
  for (let i = 0; i < request.quantity; i++)
    registers.push(((frame[3 + 2 * i] ?? 0) << 8) | (frame[4 + 2 * i] ?? 0));
  return { kind: 'registers', unitId, fn, registers };
}

/** Register value (0..65535) as a signed 16-bit integer. */
export function toInt16(register: number): number {
  return register & 0x8000 ? register - 0x10000 : register;
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes)
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ');
}
