import type { Logger } from '../../shared/server/runtime/logger';
import type { ReachInFreezer } from '../models/reach-in-freezer';
import { answer } from './freezer-registers';
import { scanRequests } from './modbus-rtu';
import type { SerialLine } from './serial-line';

/** Setpoints the controller accepts over Modbus. */
const SETPOINT_RANGE: readonly [number, number] = [-40, 0];
/** A request never spans more than this; a longer tail without a frame is line noise. */
const MAX_PENDING_BYTES = 256;

/** The refrigeration controller as a Modbus RTU slave: answers the edge's polls from the model. */
export class ModbusFreezerDevice {
  private pending: Buffer = Buffer.alloc(0);
  private readonly log: Logger;
  answered = 0;
  discardedBytes = 0;

  constructor(
    readonly equipmentId: string,
    readonly model: ReachInFreezer,
    private readonly line: SerialLine,
    private readonly unitId: number,
    logger: Logger,
  ) {
    this.log = logger.child({ ns: 'sim-modbus', equipmentId });
    line.onData((chunk) => this.receive(chunk));
  }

  receive(chunk: Buffer): void {
    // A controller with its cable unplugged hears nothing.
    if (this.model.hasFault('network_loss')) return;
    const scan = scanRequests(Buffer.concat([this.pending, chunk]));
    this.discardedBytes += scan.discarded;
    this.pending = scan.rest.length > MAX_PENDING_BYTES ? Buffer.alloc(0) : scan.rest;
    for (const request of scan.requests) {
      if (request.unitId !== this.unitId) continue;
      const response = answer(request, this.model.readings(), (celsius) => {
        if (celsius < SETPOINT_RANGE[0] || celsius > SETPOINT_RANGE[1]) return false;
        this.model.setSetpoint(celsius);
        this.log.info({ setpointC: celsius }, 'setpoint written over Modbus');
        return true;
      });
      this.line.write(response);
      this.answered++;
    }
  }
}
