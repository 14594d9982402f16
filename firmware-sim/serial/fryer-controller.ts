import type { Fryer } from '../models/fryer';
import type { Rng } from '../random';
import type { DeviceLine } from './device-line';
import { type LineFaults, noiseBytes } from './line-faults';

/**
 * Firmware of the older fryer controller: streams `$T=…,S=…,E=…,L=…*CS\r\n` once a
 * period (the framing is documented in edge/adapters/serial-ascii/frame.ts; this is
 * the equipment's own implementation of it, as a maker's would be).
 */
export class FryerController {
  /** Maker fault number shown in E= until the fault is cleared; 0 = none. */
  #errorCode = 0;
  framesSent = 0;

  constructor(
    private readonly model: Fryer,
    private readonly line: DeviceLine,
    private readonly faults: LineFaults,
    private readonly rng: Rng,
  ) {}

  /** One frame now, as the firmware's 1 s loop would send it. */
  sendFrame(): void {
    this.#takeModelEvents();
    if (this.faults.has('silent')) return;
    const readings = this.model.readings();
    const temp = readings.oil_temp_c;
    const fields: string[] = [];
    // An open probe reads as the controller's sentinel −99.9, which the edge's range check refuses.
    fields.push(`T=${typeof temp === 'number' ? temp.toFixed(1) : '-99.9'}`);
    fields.push(`S=${this.#state(readings.heating_on === true)}`);
    fields.push(`E=${this.#errorCode}`);
    const life = readings.oil_life_pct;
    if (typeof life === 'number') fields.push(`L=${life.toFixed(1)}`);
    const body = fields.join(',');
    let checksum = 0;
    for (const byte of Buffer.from(body, 'latin1')) checksum ^= byte;
    if (this.faults.has('bad_checksum')) checksum ^= 0x5a;
    const frame = Buffer.from(
      `$${body}*${checksum.toString(16).toUpperCase().padStart(2, '0')}\r\n`,
      'latin1',
    );
    if (this.faults.has('garbage'))
      this.line.write(noiseBytes(1 + Math.floor(this.rng.next() * 12), () => this.rng.next()));
    if (this.line.write(frame)) this.framesSent++;
  }

  #state(heating: boolean): string {
    if (this.#errorCode !== 0) return 'FAULT';
    if (heating) return 'HEAT';
    return this.model.hasFault('heating_element_failure') ? 'IDLE' : 'HOLD';
  }

  /** Maker faults from the model (`E05` …) latch in the E= field until the fault is cleared. */
  #takeModelEvents(): void {
    for (const event of this.model.takeEvents()) {
      const n = /^E(\d{1,3})$/.exec(event.code);
      if (n?.[1]) this.#errorCode = Number(n[1]);
    }
    if (this.#errorCode !== 0 && !this.model.hasFault('maker_fault')) this.#errorCode = 0;
  }
}
