import { SerialPort } from 'serialport';
import type { Logger } from '../../shared/server/runtime/logger';
import { type BackoffOptions, backoffDelayMs, DEFAULT_BACKOFF } from '../backoff';
import { systemTimers, type Timers } from '../device-client';
import { createRng, type Rng } from '../random';

export interface SerialLineOptions {
  path: string;
  baudRate: number;
  logger: Logger;
  /** Delays between attempts to open the line again after it vanished. */
  backoff?: Partial<BackoffOptions>;
  /**
   * When the first open fails, keep trying with back-off instead of failing the
   * start: the controller was powered up before its cable was plugged in.
   */
  waitForPort?: boolean;
  timers?: Timers;
  rng?: Rng;
}

export interface SerialLineStats {
  open: boolean;
  opens: number;
  failedOpens: number;
  /** Times the port went away under the equipment (pty closed, adapter unplugged). */
  lost: number;
}

/**
 * The equipment's end of a serial cable, written to and read from as bytes. Like
 * a controller whose cable is pulled and plugged back, it opens the line again
 * with back-off when the port vanishes (socat stopped and started again), and
 * carries on with the same data listener.
 */
export class SerialLine {
  private port: SerialPort | null = null;
  private readonly log: Logger;
  private readonly timers: Timers;
  private readonly reopenRng: Rng;
  private readonly backoff: BackoffOptions;
  private dataListener: ((chunk: Buffer) => void) | null = null;
  private running = false;
  private attempt = 0;
  private reopenTimer: unknown = null;
  private readonly counts = { opens: 0, failedOpens: 0, lost: 0 };
  bytesWritten = 0;
  writeErrors = 0;

  constructor(private readonly o: SerialLineOptions) {
    this.log = o.logger.child({ ns: 'sim-serial', path: o.path });
    this.timers = o.timers ?? systemTimers;
    this.reopenRng = o.rng ?? createRng(0);
    this.backoff = { ...DEFAULT_BACKOFF, ...o.backoff };
  }

  get path(): string {
    return this.o.path;
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  onData(listener: (chunk: Buffer) => void): void {
    this.dataListener = listener;
  }

  stats(): SerialLineStats {
    return { open: this.isOpen, ...this.counts };
  }

  /** Opens the line; a failed first open throws unless `waitForPort`, which keeps trying. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.attempt = 0;
    try {
      await this.open();
    } catch (err) {
      if (!this.o.waitForPort) {
        this.running = false;
        throw err;
      }
      this.log.warn({ err: (err as Error).message }, 'serial line not there yet; retrying');
      this.scheduleReopen();
    }
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
    this.running = false;
    if (this.reopenTimer !== null) this.timers.clearTimeout(this.reopenTimer);
    this.reopenTimer = null;
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

  private async open(): Promise<void> {
    const port = new SerialPort({ path: this.o.path, baudRate: this.o.baudRate, autoOpen: false });
    try {
      await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    } catch (err) {
      this.counts.failedOpens++;
      throw err;
    }
    if (!this.running) {
      port.close((err) => {
        if (err) this.log.debug({ err: err.message }, 'serial close after stop failed');
      });
      return;
    }
    port.on('data', (chunk: Buffer) => this.dataListener?.(chunk));
    port.on('error', (err) => {
      this.writeErrors++;
      this.log.warn({ err: err.message }, 'serial line error');
      // Errors leave the port half-open; closing it lands in 'close' and the reopen loop.
      if (port.isOpen) port.close(() => {});
    });
    // A read error on a vanished pty (EIO) arrives as 'close' with a `disconnected` error.
    port.once('close', () => this.onClosed(port));
    this.port = port;
    this.attempt = 0;
    this.counts.opens++;
    this.log.info({ opens: this.counts.opens }, 'serial equipment line open');
  }

  private onClosed(port: SerialPort): void {
    if (this.port !== port) return;
    this.port = null;
    if (!this.running) return;
    this.counts.lost++;
    this.log.warn('serial line gone; reopening with back-off');
    this.scheduleReopen();
  }

  private scheduleReopen(): void {
    if (!this.running || this.reopenTimer !== null) return;
    const delay = backoffDelayMs(this.attempt, this.backoff, this.reopenRng);
    this.attempt++;
    this.reopenTimer = this.timers.setTimeout(() => {
      this.reopenTimer = null;
      if (!this.running) return;
      this.open().catch((err: Error) => {
        this.log.debug({ err: err.message, attempt: this.attempt }, 'serial line still not there');
        this.scheduleReopen();
      });
    }, delay);
  }
}
