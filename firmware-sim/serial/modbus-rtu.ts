/**
 * Modbus RTU framing for the simulated slave (Modbus over Serial Line V1.02,
 * Modbus Application Protocol V1.1b3). Only what a refrigeration controller needs:
 * 0x03 Read Holding Registers, 0x04 Read Input Registers, 0x06 Write Single Register.
 */

export const FC_READ_HOLDING = 0x03;
export const FC_READ_INPUT = 0x04;
export const FC_WRITE_SINGLE = 0x06;

export const EXCEPTION_ILLEGAL_FUNCTION = 0x01;
export const EXCEPTION_ILLEGAL_DATA_ADDRESS = 0x02;
export const EXCEPTION_ILLEGAL_DATA_VALUE = 0x03;

/** Serial Line §2.5.1.2: CRC-16, polynomial 0xA001 (reflected 0x8005), initial 0xFFFF; sent low byte first. */
export function crc16(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

export function withCrc(pdu: Uint8Array): Buffer {
  const frame = Buffer.alloc(pdu.length + 2);
  frame.set(pdu);
  frame.writeUInt16LE(crc16(pdu), pdu.length);
  return frame;
}

export interface ModbusRequest {
  unitId: number;
  functionCode: number;
  address: number;
  /** Quantity for reads, value for 0x06. */
  value: number;
}

export interface ScanResult {
  requests: ModbusRequest[];
  /** Bytes skipped as garbage or failed CRC. */
  discarded: number;
  /** Unconsumed tail: the start of a frame still arriving. */
  rest: Buffer;
}

/** Every request this slave understands is 8 bytes: unit, function, two 16-bit fields, CRC. */
const REQUEST_BYTES = 8;
const KNOWN_FUNCTIONS = new Set([FC_READ_HOLDING, FC_READ_INPUT, FC_WRITE_SINGLE]);

/**
 * Finds requests in received bytes. On a pty there is no 3.5-character silence to
 * mark frames, so a frame is 8 bytes with a valid CRC; anything else is skipped a
 * byte at a time until the stream lines up again. Requests for other unit ids are
 * returned too: the caller ignores them (§2.2: only the addressed slave answers).
 */
export function scanRequests(buffer: Buffer): ScanResult {
  const requests: ModbusRequest[] = [];
  let offset = 0;
  let discarded = 0;
  while (buffer.length - offset >= REQUEST_BYTES) {
    const frame = buffer.subarray(offset, offset + REQUEST_BYTES);
    const fc = frame[1] as number;
    const crcOk = crc16(frame.subarray(0, 6)) === frame.readUInt16LE(6);
    if (!crcOk || !KNOWN_FUNCTIONS.has(fc)) {
      // An unknown function with a valid CRC is still a frame: answer it with exception 01.
      if (crcOk) {
        requests.push({ unitId: frame[0] as number, functionCode: fc, address: 0, value: 0 });
        offset += REQUEST_BYTES;
        continue;
      }
      offset++;
      discarded++;
      continue;
    }
    requests.push({
      unitId: frame[0] as number,
      functionCode: fc,
      address: frame.readUInt16BE(2),
      value: frame.readUInt16BE(4),
    });
    offset += REQUEST_BYTES;
  }
  return { requests, discarded, rest: Buffer.from(buffer.subarray(offset)) };
}

export function buildRequest(unitId: number, functionCode: number, address: number, value: number): Buffer {
  const pdu = Buffer.alloc(6);
  pdu.writeUInt8(unitId, 0);
  pdu.writeUInt8(functionCode, 1);
  pdu.writeUInt16BE(address, 2);
  pdu.writeUInt16BE(value, 4);
  return withCrc(pdu);
}

/** Response to 0x03/0x04: byte count then the registers, big-endian (Application Protocol §6.3, §6.4). */
export function buildReadResponse(
  unitId: number,
  functionCode: number,
  registers: readonly number[],
): Buffer {
  const pdu = Buffer.alloc(3 + registers.length * 2);
  pdu.writeUInt8(unitId, 0);
  pdu.writeUInt8(functionCode, 1);
  pdu.writeUInt8(registers.length * 2, 2);
  registers.forEach((value, i) => {
    pdu.writeUInt16BE(value & 0xffff, 3 + i * 2);
  });
  return withCrc(pdu);
}

/** Exception response: function code with the high bit set, then the exception code (§7). */
export function buildException(unitId: number, functionCode: number, exceptionCode: number): Buffer {
  return withCrc(Buffer.from([unitId, (functionCode | 0x80) & 0xff, exceptionCode]));
}

/** Signed tenths in a 16-bit register (two's complement), as most refrigeration controllers report °C. */
export function toRegister(value: number, scale = 10): number {
  return Math.round(value * scale) & 0xffff;
}

export function fromRegister(register: number, scale = 10): number {
  const signed = register & 0x8000 ? register - 0x10000 : register;
  return signed / scale;
}
