import { type ChildProcess, spawn } from 'node:child_process';
import type { CommandIo } from '../../shared/server/command-io';

export interface DemoSimulatorOptions {
  /** bin/galley.js of this checkout */
  galley: string;
  configFile: string;
  mqttUrl: string;
  credentialsFile: string;
  scenarioFile: string;
  /** `--serial-device-path` when the demo runs socat pty pairs */
  serialDevicePath?: string | undefined;
  /** the control channel's port; 0 = a free one */
  controlPort: number;
  io: CommandIo;
}

export interface DemoSimulator {
  child: ChildProcess;
  /** The control channel's bound port, once the simulator says it listens. */
  controlPort: Promise<number>;
  stop(): Promise<void>;
}

/** The line `galley sim` prints once its control channel listens. */
const CONTROL_LINE = /^control http:\/\/[^\s:]+:(\d+)\s*$/;
const READY_TIMEOUT_MS = 15_000;

/**
 * The demo store's equipment in a child process: the same `galley sim` a device
 * maker would run, with its control channel on, so faults can be injected while the
 * demo runs. Its lines reach the demo's output prefixed `[sim]`.
 */
export function spawnDemoSimulator(options: DemoSimulatorOptions): DemoSimulator {
  const { io } = options;
  const child = spawn(
    process.execPath,
    [
      options.galley,
      'sim',
      '--config',
      options.configFile,
      '--mqtt-url',
      options.mqttUrl,
      '--credentials',
      options.credentialsFile,
      '--scenario',
      options.scenarioFile,
      '--control-port',
      String(options.controlPort),
      ...(options.serialDevicePath ? ['--serial-device-path', options.serialDevicePath] : []),
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: Ctrl-C reaches only the demo, which stops the simulator first.
      detached: true,
      env: { ...process.env, GALLEY_LOG_LEVEL: process.env.GALLEY_LOG_LEVEL ?? 'warn' },
    },
  );
  const controlPort = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the simulator did not open its control channel within ${READY_TIMEOUT_MS} ms`)),
      READY_TIMEOUT_MS,
    );
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`the simulator exited (${code}) before its control channel listened`));
    };
    child.once('exit', onExit);
    forwardLines(child.stdout, (line) => {
      const port = CONTROL_LINE.exec(line)?.[1];
      if (port !== undefined) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(Number(port));
        // The demo prints the ready-to-paste inject command instead of the bare URL.
        return;
      }
      io.stdout.write(`[sim] ${line}\n`);
    });
  });
  // A caller that stops before awaiting it must not leave an unhandled rejection behind.
  controlPort.catch(() => undefined);
  forwardLines(child.stderr, (line) => io.stderr.write(`[sim] ${line}\n`));
  return {
    child,
    controlPort,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killTimer);
    },
  };
}

/** Whole lines of a child's stream, however its chunks split them. */
function forwardLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  let pending = '';
  stream?.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line) onLine(line);
  });
  stream?.on('end', () => {
    if (pending) onLine(pending);
    pending = '';
  });
}
