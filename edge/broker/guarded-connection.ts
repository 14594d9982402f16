import { Duplex } from 'node:stream';
import type { Clock, TimerHandle } from '../../shared/server/runtime/clock';
import type { MqttWireRules, WireViolation } from './mqtt-wire-rules';

export interface GuardedConnectionEvents {
  /** the bytes broke a wire rule; the connection is being closed */
  violated(violation: WireViolation): void;
  /** CONNECT was not accepted within the deadline; the connection is being closed */
  timedOut(): void;
  /** no longer waiting for CONNECT: accepted, or closed (called once) */
  settled(): void;
}

export interface GuardedConnectionOptions {
  rules: MqttWireRules;
  clock: Clock;
  deadlineMs: number;
  remoteAddress: string | undefined;
  events: GuardedConnectionEvents;
}

/**
 * What aedes reads and writes instead of the transport (TCP, TLS or WebSocket stream):
 * every byte read is shown to the wire rules first, and the connection is destroyed
 * the moment they object, before aedes's parser has buffered the offending packet.
 * Until the broker accepts the CONNECT the connection also has a deadline. Writes go
 * straight through, with the transport's back-pressure.
 */
export class GuardedConnection extends Duplex {
  readonly transport: Duplex;
  /** the transport's remote address, which hooks read as `client.conn.remoteAddress` */
  readonly remoteAddress: string | undefined;
  readonly #rules: MqttWireRules;
  readonly #clock: Clock;
  readonly #events: GuardedConnectionEvents;
  #deadline: TimerHandle | undefined;
  #settled = false;
  #waitingWrite: ((err?: Error | null) => void) | undefined;

  constructor(transport: Duplex, options: GuardedConnectionOptions) {
    super({ allowHalfOpen: false });
    this.transport = transport;
    this.remoteAddress = options.remoteAddress;
    this.#rules = options.rules;
    this.#clock = options.clock;
    this.#events = options.events;
    this.#deadline = this.#clock.setTimeout(() => {
      this.#deadline = undefined;
      this.#events.timedOut();
      this.destroy();
    }, options.deadlineMs);
    transport.on('data', (chunk: Buffer | string) => this.#received(chunk));
    transport.on('end', () => this.push(null));
    transport.on('error', (err: Error) => this.destroy(err));
    transport.on('close', () => this.destroy());
    transport.on('drain', () => this.#drained());
  }

  /** The broker accepted the CONNECT: no deadline, and packets up to the full size. */
  established(): void {
    this.#rules.authenticated();
    this.#clearDeadline();
    this.#settle();
  }

  #received(chunk: Buffer | string): void {
    if (this.destroyed) return;
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    const violation = this.#rules.feed(bytes);
    if (violation) {
      this.#events.violated(violation);
      this.destroy();
      return;
    }
    if (!this.push(bytes)) this.transport.pause();
  }

  override _read(): void {
    this.transport.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, callback: (err?: Error | null) => void): void {
    if (this.transport.write(chunk, encoding)) callback();
    else this.#waitingWrite = callback;
  }

  override _writev(
    chunks: { chunk: Buffer; encoding: BufferEncoding }[],
    callback: (err?: Error | null) => void,
  ): void {
    // mqtt-packet writes a packet in several small pieces: one syscall for them all
    this.transport.cork();
    let flowing = true;
    for (const { chunk, encoding } of chunks) flowing = this.transport.write(chunk, encoding);
    this.transport.uncork();
    if (flowing) callback();
    else this.#waitingWrite = callback;
  }

  override _final(callback: (err?: Error | null) => void): void {
    this.transport.end();
    callback();
  }

  override _destroy(err: Error | null, callback: (err?: Error | null) => void): void {
    this.#clearDeadline();
    this.#settle();
    const waiting = this.#waitingWrite;
    this.#waitingWrite = undefined;
    waiting?.(err ?? new Error('connection closed'));
    this.transport.destroy();
    callback(err);
  }

  #drained(): void {
    const waiting = this.#waitingWrite;
    this.#waitingWrite = undefined;
    waiting?.();
  }

  #clearDeadline(): void {
    if (this.#deadline) this.#clock.clearTimeout(this.#deadline);
    this.#deadline = undefined;
  }

  #settle(): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#events.settled();
  }
}
