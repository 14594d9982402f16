import { existsSync } from 'node:fs';
import { SerialPortMock } from 'serialport';
import type { Logger } from '../runtime/logger';
import { type OpenSerialPort, openRealSerialPort, openStream } from './serial-connection';

/**
 * Opens ports on serialport's mock binding: no device behind them, so the link
 * stays quiet. For a machine without socat, where the demo must still run.
 */
export const openMockSerialPort: OpenSerialPort = (path, baudRate, handlers) => {
  SerialPortMock.binding.createPort(path, { echo: false, record: false });
  return openStream(new SerialPortMock({ path, baudRate, autoOpen: false }), handlers);
};

/**
 * The real binding when the configured serial paths exist (device nodes or socat
 * ptys), the mock binding otherwise, and the log says which. Decided once at start:
 * a pty that vanishes later is a link fault to recover from, not a reason to switch.
 */
export function selectSerialOpener(paths: readonly string[], logger: Logger): OpenSerialPort {
  const missing = paths.filter((p) => !existsSync(p));
  if (paths.length === 0 || missing.length === 0) return openRealSerialPort;
  logger
    .child({ ns: 'serial' })
    .warn(
      { missing },
      "serial ports not found: serial equipment runs on serialport's mock binding (no socat ptys?)",
    );
  return openMockSerialPort;
}
