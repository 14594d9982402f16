import { SerialPort } from 'serialport';
import type { Logger } from '../logger';

/** The equipment's end of a serial line, whichever binding is behind it. */
export interface DevicePort {
  write(data: Uint8Array): void;
  close(): Promise<void>;
}

export type OpenDevicePort = (
  path: string,
  baudRate: number,
  handlers: { onData(chunk: Buffer): void; onClose(): void },
) => Promise<DevicePort>;

/** By convention the equipment opens the pty next to the edge's: `<edge path>.device`. */
export function devicePathFor(edgePath: string): string {
  return `${edgePath}.device`;
}

export const openRealDevicePort: OpenDevicePort = (path, baudRate, handlers) =>
  new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    port.open((err) => {
      if (err) return reject(err);
      port.on('data', (chunk: Buffer) => handlers.onData(chunk));
      port.on('error', () => {
        if (port.isOpen) port.close(() => {});
      });
      port.once('close', () => handlers.onClose());
      resolve({
        write: (data) => {
          if (port.isOpen) port.write(Buffer.from(data));
        },
        close: () =>
          new Promise<void>((done) => {
            if (!port.isOpen) return done();
            port.close(() => done());
          }),
      });
    });
  });

const RETRY_MS = 500;

/**
 * Keeps the device end of a line open, as a controller that is always powered:
 * when the line goes away it retries every half second until it is back.
 */
export class DeviceLine {
  #port: DevicePort | null = null;
  #running = false;
  #retry: NodeJS.Timeout | null = null;
  readonly #log: Logger;

  constructor(
    readonly path: string,
    private readonly baudRate: number,
    private readonly openPort: OpenDevicePort,
    private readonly onData: (chunk: Buffer) => void,
    logger: Logger,
  ) {
    this.#log = logger.child({ ns: 'serial-device', path });
  }

  get isOpen(): boolean {
    return this.#port !== null;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    void this.#open();
  }

  async stop(): Promise<void> {
    this.#running = false;
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = null;
    const port = this.#port;
    this.#port = null;
    if (port) await port.close();
  }

  write(data: Uint8Array): boolean {
    if (!this.#port) return false;
    this.#port.write(data);
    return true;
  }

  /** The close_port line fault: drop the line now; it is reopened like after any loss. */
  async drop(): Promise<void> {
    const port = this.#port;
    this.#port = null;
    if (port) await port.close();
    this.#scheduleRetry();
  }

  async #open(): Promise<void> {
    this.#retry = null;
    if (!this.#running) return;
    try {
      const port = await this.openPort(this.path, this.baudRate, {
        onData: (chunk) => this.onData(chunk),
        onClose: () => {
          if (this.#port !== port) return;
          this.#port = null;
          this.#log.info('device line closed');
          this.#scheduleRetry();
        },
      });
      if (!this.#running) return void (await port.close());
      this.#port = port;
      this.#log.info('device line open');
    } catch (err) {
      this.#log.debug({ err: (err as Error).message }, 'device line not there yet');
      this.#scheduleRetry();
    }
  }

  #scheduleRetry(): void {
    if (!this.#running || this.#retry) return;
    this.#retry = setTimeout(() => void this.#open(), RETRY_MS);
  }
}
