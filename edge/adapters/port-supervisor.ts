import type { Clock, TimerHandle } from '../../shared/server/runtime/clock';
import type { Logger } from '../../shared/server/runtime/logger';
import type { OpenSerialPort, SerialConnection } from './serial-connection';

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  factor: number;
}

export const DEFAULT_REOPEN_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 30_000, factor: 2 };

export interface PortSupervisorOptions {
  equipmentId: string;
  path: string;
  baudRate: number;
  openPort: OpenSerialPort;
  clock: Clock;
  logger: Logger;
  /** No good frame for this long (port open or not) and the link counts as down. */
  silenceMs: number;
  backoff?: BackoffPolicy;
  onData(chunk: Buffer): void;
  /** The port (re)opened; a polling master starts talking here. */
  onOpen?(connection: SerialConnection): void;
  /** The port closed; a polling master stops here. */
  onClosed?(): void;
  /** The link came up (good data flows) or went down (port gone, silent or failing). */
  onLinkChange(up: boolean, cause: LinkDownCause | 'data'): void;
}

export type LinkDownCause = 'port_closed' | 'silence';

export interface PortStats {
  equipmentId: string;
  path: string;
  open: boolean;
  linkUp: boolean;
  /** Successful opens, the first one included. */
  opens: number;
  failedOpens: number;
  framesOk: number;
  bytesIn: number;
  /** Skipped input and failed exchanges, by reason (garbage, bad_checksum, crc, timeout, …). */
  errors: Record<string, number>;
  lastGoodAt: number | null;
}

type LinkState = 'unknown' | 'up' | 'down';

/**
 * Keeps one serial port alive: opens it, retries with exponential back-off while it
 * is not there (at start too: a port plugged in or a pty made later is opened then),
 * reopens it the same way when it vanishes (pty closed, USB adapter unplugged), counts what the adapter skips,
 * and decides whether the link is up. The link is up while good frames arrive and
 * goes down when no good frame came for `silenceMs`, whether the port is gone,
 * quiet or sending only garbage: CRC errors do not keep a link alive.
 */
export class PortSupervisor {
  readonly #o: PortSupervisorOptions;
  readonly #log: Logger;
  readonly #backoff: BackoffPolicy;
  #connection: SerialConnection | null = null;
  #running = false;
  #attempt = 0;
  #reopenTimer: TimerHandle | null = null;
  #silenceTimer: TimerHandle | null = null;
  #link: LinkState = 'unknown';
  #since = 0;
  readonly #stats: PortStats;

  constructor(options: PortSupervisorOptions) {
    this.#o = options;
    this.#log = options.logger.child({ ns: 'serial', path: options.path, equipmentId: options.equipmentId });
    this.#backoff = options.backoff ?? DEFAULT_REOPEN_BACKOFF;
    this.#stats = {
      equipmentId: options.equipmentId,
      path: options.path,
      open: false,
      linkUp: false,
      opens: 0,
      failedOpens: 0,
      framesOk: 0,
      bytesIn: 0,
      errors: {},
      lastGoodAt: null,
    };
  }

  get connection(): SerialConnection | null {
    return this.#connection;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#since = this.#o.clock.now();
    this.#armSilence(this.#since + this.#o.silenceMs);
    void this.#open();
  }

  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    this.#clearTimers();
    const connection = this.#connection;
    this.#connection = null;
    this.#stats.open = false;
    if (connection) await connection.close();
  }

  /** A complete, valid frame arrived: the link is alive. */
  noteGoodFrame(): void {
    const now = this.#o.clock.now();
    this.#stats.framesOk++;
    this.#stats.lastGoodAt = now;
    if (this.#silenceTimer === null) this.#armSilence(now + this.#o.silenceMs);
    this.#setLink('up', 'data');
  }

  countError(reason: string, detail: string): void {
    this.#stats.errors[reason] = (this.#stats.errors[reason] ?? 0) + 1;
    this.#log.debug({ reason, detail }, 'serial input skipped');
  }

  stats(): PortStats {
    return { ...this.#stats, errors: { ...this.#stats.errors } };
  }

  async #open(): Promise<void> {
    this.#reopenTimer = null;
    if (!this.#running) return;
    const opened: { connection: SerialConnection | null } = { connection: null };
    try {
      const connection = await this.#o.openPort(this.#o.path, this.#o.baudRate, {
        onData: (chunk) => {
          this.#stats.bytesIn += chunk.length;
          this.#o.onData(chunk);
        },
        onClose: (error) => this.#onClose(opened.connection, error),
      });
      opened.connection = connection;
      if (!this.#running) {
        await connection.close();
        return;
      }
      this.#connection = connection;
      const attempts = this.#attempt;
      this.#attempt = 0;
      this.#stats.open = true;
      this.#stats.opens++;
      this.#log.info({ opens: this.#stats.opens, failedAttempts: attempts }, 'serial port open');
      this.#o.onOpen?.(connection);
    } catch (err) {
      this.#stats.failedOpens++;
      // A port that is not there yet (adapter unplugged, socat not started) is tried for as
      // long as the edge runs: one warning per outage, the retries at debug level.
      if (this.#attempt === 0) this.#log.warn({ err }, 'serial port did not open; retrying with back-off');
      else this.#log.debug({ err, attempt: this.#attempt }, 'serial port still not open');
      this.#scheduleReopen();
    }
  }

  #onClose(connection: SerialConnection | null, error: Error | null): void {
    if (!connection || this.#connection !== connection) return;
    this.#connection = null;
    this.#stats.open = false;
    this.#o.onClosed?.();
    if (!this.#running) return;
    // Not link-down yet: a pty that is back within the silence period is a blip, not an alarm.
    this.#log.warn({ err: error ?? undefined }, 'serial port closed; reopening');
    this.#scheduleReopen();
  }

  #scheduleReopen(): void {
    if (!this.#running || this.#reopenTimer) return;
    const { initialMs, maxMs, factor } = this.#backoff;
    const delay = Math.min(maxMs, initialMs * factor ** this.#attempt);
    this.#attempt++;
    this.#reopenTimer = this.#o.clock.setTimeout(() => void this.#open(), delay);
  }

  /** Checks silence lazily: one timer at the moment the link would go quiet, re-armed if data came since. */
  #armSilence(at: number): void {
    this.#silenceTimer = this.#o.clock.setTimeout(
      () => {
        this.#silenceTimer = null;
        if (!this.#running) return;
        const due = (this.#stats.lastGoodAt ?? this.#since) + this.#o.silenceMs;
        if (this.#o.clock.now() < due) this.#armSilence(due);
        else this.#setLink('down', this.#connection ? 'silence' : 'port_closed');
      },
      Math.max(0, at - this.#o.clock.now()),
    );
  }

  #setLink(state: 'up' | 'down', cause: LinkDownCause | 'data'): void {
    if (this.#link === state) return;
    this.#link = state;
    this.#stats.linkUp = state === 'up';
    if (state === 'up') this.#log.info('serial link up');
    else this.#log.warn({ cause }, 'serial link down');
    this.#o.onLinkChange(state === 'up', cause);
  }

  #clearTimers(): void {
    if (this.#reopenTimer) this.#o.clock.clearTimeout(this.#reopenTimer);
    if (this.#silenceTimer) this.#o.clock.clearTimeout(this.#silenceTimer);
    this.#reopenTimer = null;
    this.#silenceTimer = null;
  }
}
