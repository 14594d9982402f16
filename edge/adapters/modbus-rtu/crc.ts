/**
 * CRC-16/MODBUS, from Modbus over Serial Line v1.02, §6.2.2 "CRC Generation":
 *
 *   "The CRC field contains a 16–bit value implemented as two 8–bit bytes. […]
 *    1. Load a 16–bit register with FFFF hex (all 1's). […]
 *    5. (If the LSB was 1): Exclusive OR the CRC register with the polynomial
 *       value 0xA001 (1010 0000 0000 0001)."
 *
 * and §2.5.1.2: "The CRC field is appended to the message as the last field in the
 * message. When this is done, the low–order byte of the field is appended first,
 * followed by the high–order byte."
 */
export function crc16Modbus(bytes: Uint8Array, end = bytes.length): number {
  let crc = 0xffff;
  for (let i = 0; i < end; i++) {
    crc ^= bytes[i] ?? 0;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

/** `pdu` with its CRC appended, low byte first. */
export function withCrc(frame: Uint8Array): Buffer {
  const crc = crc16Modbus(frame);
  return Buffer.concat([Buffer.from(frame), Buffer.from([crc & 0xff, crc >>> 8])]);
}

/** True when the last two bytes of `frame` are the CRC of the bytes before them. */
export function crcMatches(frame: Uint8Array): boolean {
  if (frame.length < 3) return false;
  const crc = crc16Modbus(frame, frame.length - 2);
  return frame[frame.length - 2] === (crc & 0xff) && frame[frame.length - 1] === crc >>> 8;
}
