import { SerialPort } from 'serialport';
import type { Logger } from '../logger';

export interface SerialLineOptions {
  path: string;
  baudRate: number;
  logger: Logger;
}

/**
 * The equipment's end of a serial cable: opened once at start, written to and
 * read from as bytes. A simulated device does not reopen a vanished port; the
 * edge end is the one that must recover.
 */
export class SerialLine {
  private port: SerialPort | null = null;
  private readonly log: Logger;
  private dataListener: ((chunk: Buffer) => void) | null = null;
  bytesWritten = 0;
  writeErrors = 0;

  constructor(private readonly o: SerialLineOptions) {
    this.log = o.logger.child({ ns: 'sim-serial', path: o.path });
  }

  onData(listener: (chunk: Buffer) => void): void {
    this.dataListener = listener;
  }

  async start(): Promise<void> {
    const port = new SerialPort({ path: this.o.path, baudRate: this.o.baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    port.on('data', (chunk: Buffer) => this.dataListener?.(chunk));
    port.on('error', (err) => {
      this.writeErrors++;
      this.log.warn({ err: err.message }, 'serial line error');
    });
    this.port = port;
    this.log.info('serial equipment line open');
  }

  write(bytes: string | Buffer): void {
    const port = this.port;
    if (!port?.isOpen) return;
    port.write(bytes, (err) => {
      if (err) {
        this.writeErrors++;
        this.log.debug({ err: err.message }, 'serial write failed');
      }
    });
    this.bytesWritten += typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length;
  }

  async stop(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (!port?.isOpen) return;
    await new Promise<void>((resolve) => {
      port.close((err) => {
        if (err) this.log.debug({ err: err.message }, 'serial close failed');
        resolve();
      });
    });
  }
}
