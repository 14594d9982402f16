import { SerialPort } from 'serialport';

/** What an adapter needs from an open serial port, whichever binding is behind it. */
export interface SerialConnection {
  readonly path: string;
  write(data: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export interface SerialHandlers {
  onData(chunk: Buffer): void;
  /** The port closed under us (pty gone, adapter unplugged) or by `close()`. */
  onClose(error: Error | null): void;
}

export type OpenSerialPort = (
  path: string,
  baudRate: number,
  handlers: SerialHandlers,
) => Promise<SerialConnection>;

export class SerialPortError extends Error {
  constructor(
    readonly code: 'SERIAL_OPEN_FAILED' | 'SERIAL_WRITE_FAILED',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'SerialPortError';
  }
}

/** Wraps a serialport stream (real or mock binding) as a SerialConnection and opens it. */
export async function openStream(port: SerialPortLike, handlers: SerialHandlers): Promise<SerialConnection> {
  await new Promise<void>((resolve, reject) => {
    port.open((err) => {
      if (err)
        reject(
          new SerialPortError('SERIAL_OPEN_FAILED', `cannot open ${port.path}: ${err.message}`, {
            cause: err,
          }),
        );
      else resolve();
    });
  });
  port.on('data', (chunk: Buffer) => handlers.onData(chunk));
  // A read error on a vanished pty arrives as 'close' with `disconnected`; other errors close it too.
  port.on('error', () => {
    if (port.isOpen) port.close(() => {});
  });
  port.once('close', (err: Error | null) => handlers.onClose(err ?? null));
  return {
    path: port.path,
    write: (data) =>
      new Promise<void>((resolve, reject) => {
        port.write(Buffer.from(data), (err) => {
          if (err)
            reject(
              new SerialPortError('SERIAL_WRITE_FAILED', `write to ${port.path} failed: ${err.message}`, {
                cause: err,
              }),
            );
          else resolve();
        });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (!port.isOpen) return resolve();
        port.close(() => resolve());
      }),
  };
}

/** The part of SerialPortStream used here, so a stream over another binding fits too. */
export interface SerialPortLike {
  readonly path: string;
  readonly isOpen: boolean;
  open(cb: (err: Error | null) => void): void;
  close(cb: (err?: Error | null) => void): void;
  write(data: Buffer, cb: (err: Error | null | undefined) => void): boolean;
  on(event: 'data', fn: (chunk: Buffer) => void): unknown;
  on(event: 'error', fn: (err: Error) => void): unknown;
  once(event: 'close', fn: (err: Error | null) => void): unknown;
}

/** Opens a real device node or pty with serialport's native binding. */
export const openRealSerialPort: OpenSerialPort = (path, baudRate, handlers) =>
  openStream(new SerialPort({ path, baudRate, autoOpen: false }), handlers);
