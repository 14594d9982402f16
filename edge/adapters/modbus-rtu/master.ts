import type { Clock, TimerHandle } from '../../../shared/server/runtime/clock';
import type { SerialConnection } from '../serial-connection';
import {
  decodeResponse,
  EXCEPTION_CODES,
  encodeReadRequest,
  expectedResponseLength,
  MAX_READ_QUANTITY,
  ModbusFrameError,
  type ReadFunction,
  type ReadRequest,
} from './frame';

export type ModbusErrorCode = 'timeout' | 'crc' | 'exception' | 'unexpected_response' | 'not_open' | 'busy';

export class ModbusError extends Error {
  constructor(
    readonly code: ModbusErrorCode,
    message: string,
    readonly exceptionCode?: number,
  ) {
    super(message);
    this.name = 'ModbusError';
  }
}

export interface ModbusMasterOptions {
  clock: Clock;
  baudRate: number;
  /**
   * Modbus over Serial Line v1.02, §2.4.1: "the “Response time-out” is programmed
   * to avoid the master to stay indefinitely in a “Waiting for reply” state".
   * The spec leaves the value to the application; 500 ms suits 9600 baud.
   */
  responseTimeoutMs?: number;
}

interface Pending {
  request: ReadRequest;
  received: Buffer;
  timer: TimerHandle;
  resolve: (registers: number[]) => void;
  reject: (error: ModbusError) => void;
}

/**
 * A Modbus RTU master on one serial line: one transaction at a time, responses
 * framed by their expected length and CRC, a response timeout, and the 3.5
 * character silent interval before every request.
 */
export class ModbusRtuMaster {
  readonly #clock: Clock;
  readonly #timeoutMs: number;
  readonly #silentMs: number;
  #connection: SerialConnection | null = null;
  #pending: Pending | null = null;
  #lastActivityAt = 0;
  /** Bytes that arrived while no request was waiting: line noise or a late answer. */
  strayBytes = 0;

  constructor(options: ModbusMasterOptions) {
    this.#clock = options.clock;
    this.#timeoutMs = options.responseTimeoutMs ?? 500;
    this.#silentMs = silentIntervalMs(options.baudRate);
  }

  attach(connection: SerialConnection): void {
    this.#connection = connection;
  }

  detach(): void {
    this.#connection = null;
    this.#fail(new ModbusError('not_open', 'the serial port closed during the transaction'));
  }

  onData(chunk: Buffer): void {
    this.#lastActivityAt = this.#clock.now();
    const pending = this.#pending;
    if (!pending) {
      this.strayBytes += chunk.length;
      return;
    }
    pending.received = Buffer.concat([pending.received, chunk]);
    const length = expectedResponseLength(pending.received);
    if (length === null || pending.received.length < length) return;
    // Bytes past the expected length belong to no frame of ours; the next request starts clean.
    const frame = pending.received.subarray(0, length);
    this.strayBytes += pending.received.length - length;
    try {
      const response = decodeResponse(frame, pending.request);
      if (response.kind === 'exception') {
        const name = EXCEPTION_CODES[response.exceptionCode] ?? 'unknown exception';
        this.#fail(
          new ModbusError(
            'exception',
            `exception ${response.exceptionCode} (${name})`,
            response.exceptionCode,
          ),
        );
      } else {
        this.#settle();
        pending.resolve(response.registers);
      }
    } catch (err) {
      if (!(err instanceof ModbusFrameError)) throw err;
      this.#fail(new ModbusError(err.code, err.message));
    }
  }

  async readRegisters(
    unitId: number,
    fn: ReadFunction,
    address: number,
    quantity: number,
  ): Promise<number[]> {
    const connection = this.#connection;
    if (!connection) throw new ModbusError('not_open', 'the serial port is not open');
    if (this.#pending) throw new ModbusError('busy', 'a transaction is already waiting for its answer');
    if (quantity < 1 || quantity > MAX_READ_QUANTITY)
      throw new RangeError(`quantity ${quantity} out of 1..125`);
    const request: ReadRequest = { unitId, fn, address, quantity };
    await this.#waitSilentInterval();
    const answer = new Promise<number[]>((resolve, reject) => {
      const timer = this.#clock.setTimeout(() => {
        const got = this.#pending?.received.length ?? 0;
        this.#fail(
          new ModbusError('timeout', `no complete answer within ${this.#timeoutMs} ms (${got} bytes)`),
        );
      }, this.#timeoutMs);
      this.#pending = { request, received: Buffer.alloc(0), timer, resolve, reject };
    });
    // The port can close (or the answer time out) while the request is still being
    // written, before the caller awaits the answer: without a handler attached now, that
    // rejection would count as unhandled. The caller still gets it from the promise returned.
    answer.catch(() => undefined);
    try {
      await connection.write(encodeReadRequest(request));
    } catch (err) {
      this.#fail(new ModbusError('not_open', err instanceof Error ? err.message : String(err)));
    }
    this.#lastActivityAt = this.#clock.now();
    return answer;
  }

  /** §2.5.1.1: frames are separated by at least 3.5 character times of silence. */
  #waitSilentInterval(): Promise<void> {
    const wait = this.#lastActivityAt + this.#silentMs - this.#clock.now();
    if (wait <= 0) return Promise.resolve();
    return new Promise((resolve) => this.#clock.setTimeout(resolve, wait));
  }

  #settle(): void {
    if (this.#pending) this.#clock.clearTimeout(this.#pending.timer);
    this.#pending = null;
  }

  #fail(error: ModbusError): void {
    const pending = this.#pending;
    if (!pending) return;
    this.#settle();
    pending.reject(error);
  }
}

/**
 * t3.5 in milliseconds. §2.5.1.1: one character is 11 bits in RTU mode, and
 * "If baud rate is greater than 19200 Bps, fixed values for the 2 timers should be
 * used: it is recommended to use a value of 750µs for the inter-character time-out
 * (t1.5) and a value of 1.750ms for inter-frame delay (t3.5)."
 */
export function silentIntervalMs(baudRate: number): number {
  if (baudRate > 19_200) return 1.75;
  return (3.5 * 11 * 1000) / baudRate;
}
