import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { DAEMON_ENVIRONMENT } from '../../bin/commands/daemon-environment';
import { within } from '../../shared/server/testing/mqtt-clients';

const GALLEY = join(import.meta.dirname, '..', '..', 'bin', 'galley.js');
/** The newest part of the edge's log kept once it has started (what a failure report quotes). */
const KEEP_LOG_CHARS = 4 * 1024 * 1024;

export interface EdgeProcess {
  child: ChildProcess;
  mqttPort: number;
  httpPort: number;
  output: () => string;
  /** waits for the process to exit and returns its exit code or signal */
  exited: Promise<number | NodeJS.Signals | null>;
}

/**
 * Runs `galley edge` as its own process on free ports, as an operator would, so
 * tests can kill it hard and restart it.
 */
export async function startEdgeProcess(configFile: string, dataDir: string): Promise<EdgeProcess> {
  const child = spawn(
    process.execPath,
    [
      GALLEY,
      'edge',
      '--config',
      configFile,
      '--data',
      dataDir,
      '--mqtt-port',
      '0',
      '--http-port',
      '0',
      '--host',
      '127.0.0.1',
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...DAEMON_ENVIRONMENT, GALLEY_LOG_LEVEL: 'info' },
    },
  );
  let log = '';
  let started = false;
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  const ports = new Promise<{ mqttPort: number; httpPort: number }>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log += chunk.toString('utf8');
      // An attack run logs every refusal: scanning the whole log per chunk once started made
      // the harness quadratic in it, and keeping all of it grew without bound.
      if (started) {
        if (log.length > KEEP_LOG_CHARS * 2) log = log.slice(-KEEP_LOG_CHARS);
        return;
      }
      const mqtt = /mqtt listening on [\d.]+:(\d+)/.exec(log);
      const http = /http listening on [\d.]+:(\d+)/.exec(log);
      if (mqtt?.[1] && http?.[1] && log.includes('edge started')) {
        started = true;
        resolve({ mqttPort: Number(mqtt[1]), httpPort: Number(http[1]) });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`galley edge exited (${code}) before it started:\n${log}`)));
  });
  const { mqttPort, httpPort } = await within(ports, 20_000, 'galley edge start');
  return { child, mqttPort, httpPort, output: () => log, exited };
}
