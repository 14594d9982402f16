import type { EquipmentModel } from '../models/equipment-model';
import type { SimClock } from '../sim-clock';
import { encodeFryerFrame, errorNumberOf } from './ascii-fryer-frame';
import type { SerialLine } from './serial-line';

/**
 * The legacy fryer controller: streams one ASCII frame per report interval on its
 * serial line. A maker fault shows in the `E` field until the fault is cleared.
 */
export class AsciiFryerDevice {
  private nextFrameAt: number;
  private errorNumber = 0;
  framesSent = 0;

  constructor(
    readonly equipmentId: string,
    readonly model: EquipmentModel,
    private readonly line: SerialLine,
    private readonly clock: SimClock,
    private readonly intervalMs: number,
  ) {
    this.nextFrameAt = clock.now();
  }

  tick(): void {
    for (const event of this.model.takeEvents()) this.errorNumber = errorNumberOf(event.code);
    if (!this.model.hasFault('maker_fault')) this.errorNumber = 0;
    // network_loss on a serial device: the cable is unplugged, nothing goes out.
    if (this.model.hasFault('network_loss')) return;
    const now = this.clock.now();
    if (now < this.nextFrameAt) return;
    this.line.write(encodeFryerFrame(this.model.readings(), this.errorNumber));
    this.framesSent++;
    this.nextFrameAt = Math.max(now + 1, this.nextFrameAt + this.intervalMs);
  }
}
