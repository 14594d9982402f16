import { z } from 'zod';

/**
 * Faults of the serial line itself, beyond the equipment faults of faults.ts:
 * - garbage: noise bytes before each frame
 * - bad_checksum: frames go out with a wrong checksum / CRC
 * - silent: the controller stops sending (ASCII) or answering (Modbus)
 * - close_port: the controller's end of the line is closed until the fault is
 *   cleared; with socat the whole pty pair goes away with it
 */
export const LineFault = z.enum(['garbage', 'bad_checksum', 'silent', 'close_port']);
export type LineFault = z.infer<typeof LineFault>;

export class LineFaults {
  readonly #active = new Set<LineFault>();

  inject(fault: LineFault): void {
    this.#active.add(fault);
  }

  clear(fault?: LineFault): void {
    if (fault) this.#active.delete(fault);
    else this.#active.clear();
  }

  has(fault: LineFault): boolean {
    return this.#active.has(fault);
  }

  list(): LineFault[] {
    return [...this.#active];
  }
}

/** Printable-looking noise as a loose connector or a motor starting would put on the line. */
export function noiseBytes(length: number, next: () => number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    let byte = Math.floor(next() * 256);
    // Never a frame start: noise should not fake the beginning of a frame.
    if (byte === 0x24) byte = 0x25;
    out[i] = byte;
  }
  return out;
}
