import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * A pseudo-terminal pair from Debian's socat, linked at two paths: bytes written to
 * one end come out of the other, like a null-modem cable between two serial ports.
 * `kill()` takes both ends away (as an unplugged USB adapter would); `restart()`
 * brings a new pair up on the same paths.
 */
export interface PtyPair {
  readonly edgePath: string;
  readonly devicePath: string;
  readonly running: boolean;
  kill(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPtyPair(edgePath: string, devicePath: string, timeoutMs = 5000): Promise<PtyPair> {
  let child: ChildProcess | null = null;
  const launch = async (): Promise<void> => {
    const proc = spawn(
      'socat',
      ['-d', '-d', `pty,raw,echo=0,link=${edgePath}`, `pty,raw,echo=0,link=${devicePath}`],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    child = proc;
    let log = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        proc.kill('SIGKILL');
        reject(new Error(`socat did not link ${edgePath} within ${timeoutMs} ms:\n${log}`));
      }, timeoutMs);
      proc.stderr?.on('data', (chunk: Buffer) => {
        log += chunk.toString('utf8');
        if (log.includes('starting data transfer loop')) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`socat exited (${code}) before linking ${edgePath}:\n${log}`));
      });
    });
    if (!existsSync(edgePath) || !existsSync(devicePath))
      throw new Error(`socat started but ${edgePath} is missing`);
  };
  const kill = async (): Promise<void> => {
    const proc: ChildProcess | null = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM');
    await exited;
  };
  await launch();
  return {
    edgePath,
    devicePath,
    get running() {
      const proc: ChildProcess | null = child;
      return proc !== null && proc.exitCode === null && proc.signalCode === null;
    },
    kill,
    restart: async () => {
      await kill();
      await launch();
    },
    stop: kill,
  };
}
