import type { Rng } from '../random';
import { type LineFaults, noiseBytes } from './line-faults';
import { SerialLine, type SerialLineOptions } from './serial-line';

/** How a corrupted frame is spoiled so the receiver's check is sure to catch it. */
export type FrameKind = 'ascii' | 'rtu';

/**
 * The equipment's line with line faults applied to what it sends: noise before a
 * frame, a spoiled checksum or CRC, or nothing at all while silent.
 */
export class FaultySerialLine extends SerialLine {
  constructor(
    options: SerialLineOptions,
    private readonly faults: LineFaults,
    private readonly frameKind: FrameKind,
    private readonly rng: Rng,
  ) {
    super(options);
  }

  override write(bytes: string | Buffer): void {
    if (this.faults.has('silent')) return;
    let out = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
    if (this.faults.has('bad_checksum') && out.length > 2) {
      // ASCII: a body byte flips, so the XOR no longer matches; RTU: the CRC's high byte flips.
      const at = this.frameKind === 'ascii' ? 1 : out.length - 1;
      out[at] = (out[at] ?? 0) ^ (this.frameKind === 'ascii' ? 0x01 : 0xff);
    }
    if (this.faults.has('garbage')) {
      out = Buffer.concat([noiseBytes(1 + Math.floor(this.rng.next() * 8), () => this.rng.next()), out]);
    }
    super.write(out);
  }
}
