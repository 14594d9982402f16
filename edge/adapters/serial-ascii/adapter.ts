import type { Logger } from '../../../shared/server/runtime/logger';
import { type PortStats, PortSupervisor } from '../port-supervisor';
import { SerialIngestSink } from '../serial-ingest';
import { type SerialAdapterDeps, serialSourceId } from '../serial-link-deps';
import { type FryerFrame, fryerFaultCode } from './frame';
import { FryerLineParser } from './parser';

/** Event code sent when the controller's error code returns to 0, like the combi oven's E00. */
export const FRYER_FAULT_CLEARED = 'E00';

/**
 * Listens to a fryer controller streaming ASCII frames and turns each frame into
 * telemetry; a change of error code becomes a device event (the code once when it
 * appears, E00 when it clears), not one event per streamed line.
 */
export class SerialAsciiAdapter {
  readonly #deps: SerialAdapterDeps;
  readonly #log: Logger;
  readonly #supervisor: PortSupervisor;
  readonly #sink: SerialIngestSink;
  #parser = new FryerLineParser();
  #lastErrorCode = 0;

  constructor(deps: SerialAdapterDeps) {
    this.#deps = deps;
    const { equipment, clock } = deps;
    this.#log = deps.logger.child({ ns: 'serial-ascii', equipmentId: equipment.id });
    this.#supervisor = new PortSupervisor({
      equipmentId: equipment.id,
      path: equipment.serial.path,
      baudRate: equipment.serial.baudRate,
      openPort: deps.openPort,
      clock,
      logger: deps.logger,
      silenceMs: deps.linkSilenceMs,
      backoff: deps.backoff,
      onData: (chunk) => this.#onData(chunk),
      onOpen: () => {
        // A frame half-received before the port vanished is not completed by the next one.
        this.#parser = new FryerLineParser();
      },
      onLinkChange: (up) => void this.#sink.linkChanged(up),
    });
    this.#sink = new SerialIngestSink(
      deps.pipeline,
      deps.storeId,
      equipment.id,
      serialSourceId(equipment.serial.path),
      this.#supervisor,
      this.#log,
    );
  }

  get equipmentId(): string {
    return this.#deps.equipment.id;
  }

  start(): void {
    this.#supervisor.start();
  }

  stop(): Promise<void> {
    return this.#supervisor.stop();
  }

  stats(): PortStats {
    return this.#supervisor.stats();
  }

  #onData(chunk: Buffer): void {
    for (const item of [...this.#parser.feed(chunk), ...this.#parser.flushGarbage()]) {
      if (item.kind === 'error') this.#supervisor.countError(item.reason, item.detail);
      else this.#onFrame(item.frame);
    }
  }

  #onFrame(frame: FryerFrame): void {
    this.#supervisor.noteGoodFrame();
    const ts = this.#deps.clock.now();
    const readings: Record<string, number | boolean> = { heating_on: frame.state === 'HEAT' };
    if (frame.oilTempC !== undefined) readings.oil_temp_c = frame.oilTempC;
    if (frame.oilLifePct !== undefined) readings.oil_life_pct = frame.oilLifePct;
    if (frame.errorCode !== this.#lastErrorCode) {
      const code = frame.errorCode === 0 ? FRYER_FAULT_CLEARED : fryerFaultCode(frame.errorCode);
      this.#lastErrorCode = frame.errorCode;
      void this.#sink.event(
        ts,
        code,
        frame.errorCode === 0 ? 'fault cleared' : `controller state ${frame.state}`,
      );
    }
    void this.#sink.readings(ts, readings);
  }
}
