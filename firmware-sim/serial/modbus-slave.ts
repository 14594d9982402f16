import type { EquipmentModel } from '../models/equipment-model';
import type { Rng } from '../random';
import type { DeviceLine } from './device-line';
import { type LineFaults, noiseBytes } from './line-faults';

/**
 * Firmware of the reach-in refrigeration controller: a Modbus RTU slave answering
 * functions 0x03 and 0x04 from the freezer model. The register map is the one in
 * edge/adapters/modbus-rtu/register-map.ts; this is the equipment's own code.
 *
 * Input registers: 0 temperature (signed 0.1 °C, 0x8000 = probe open),
 *                  1 status bits (0 compressor, 1 high-temp alarm, 2 sensor fault)
 * Holding registers: 0 setpoint (signed 0.1 °C)
 */
export class RefrigerationControllerSlave {
  #buffer = Buffer.alloc(0);
  requestsAnswered = 0;

  constructor(
    private readonly unitId: number,
    private readonly model: EquipmentModel,
    private readonly line: DeviceLine,
    private readonly faults: LineFaults,
    private readonly rng: Rng,
  ) {}

  /** Bytes from the master. Requests are 8 bytes; a bad CRC resynchronises by dropping a byte. */
  onData(chunk: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    while (this.#buffer.length >= 8) {
      const request = this.#buffer.subarray(0, 8);
      if (crc16(request.subarray(0, 6)) !== request.readUInt16LE(6)) {
        this.#buffer = this.#buffer.subarray(1);
        continue;
      }
      this.#buffer = this.#buffer.subarray(8);
      this.#answer(request);
    }
  }

  #answer(request: Buffer): void {
    const unit = request[0];
    const fn = request[1] ?? 0;
    // Serial Line §2.2: a slave answers only requests addressed to it; 0 is broadcast, never answered for reads.
    if (unit !== this.unitId || this.faults.has('silent')) return;
    const address = request.readUInt16BE(2);
    const quantity = request.readUInt16BE(4);
    const table = fn === 0x04 ? this.#inputRegisters() : fn === 0x03 ? this.#holdingRegisters() : null;
    let pdu: Buffer;
    if (!table) pdu = Buffer.from([fn | 0x80, 0x01]);
    else if (quantity < 1 || quantity > 125) pdu = Buffer.from([fn | 0x80, 0x03]);
    else if (address + quantity > table.length) pdu = Buffer.from([fn | 0x80, 0x02]);
    else {
      pdu = Buffer.alloc(2 + 2 * quantity);
      pdu[0] = fn;
      pdu[1] = 2 * quantity;
      for (let i = 0; i < quantity; i++) pdu.writeUInt16BE(table[address + i] ?? 0, 2 + 2 * i);
    }
    const frame = Buffer.concat([Buffer.from([this.unitId]), pdu, Buffer.alloc(2)]);
    let crc = crc16(frame.subarray(0, frame.length - 2));
    if (this.faults.has('bad_checksum')) crc ^= 0xffff;
    frame.writeUInt16LE(crc, frame.length - 2);
    if (this.faults.has('garbage'))
      this.line.write(noiseBytes(1 + Math.floor(this.rng.next() * 6), () => this.rng.next()));
    if (this.line.write(frame)) this.requestsAnswered++;
  }

  #inputRegisters(): number[] {
    const r = this.model.readings();
    const temp = typeof r.temp_c === 'number' ? tenths(r.temp_c) : 0x8000;
    const status = (r.compressor_on ? 1 : 0) | (r.alarm_high_temp ? 2 : 0) | (r.alarm_sensor_fault ? 4 : 0);
    return [temp, status];
  }

  #holdingRegisters(): number[] {
    const r = this.model.readings();
    return [typeof r.setpoint_c === 'number' ? tenths(r.setpoint_c) : 0x8000];
  }
}

/** Signed 0.1 units as a 16-bit register. */
function tenths(value: number): number {
  return Math.round(value * 10) & 0xffff;
}

/** CRC-16/MODBUS: init 0xFFFF, reflected polynomial 0xA001; sent low byte first. */
function crc16(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}
