import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(import.meta.dirname, '..', '..');
const GALLEY = join(ROOT, 'bin', 'galley.js');
export const HAPROXY_CONFIG = join(ROOT, 'deploy', 'haproxy', 'galley-central.cfg');
export const HAPROXY_BIN = process.env.GALLEY_HAPROXY_BIN ?? '/usr/sbin/haproxy';
export const CLUSTER_ADMIN_PASSWORD = 'cluster-admin-password';

const run = promisify(execFile);

/** One `galley central` process, started from the launcher as an operator would. */
export interface CentralProcess {
  readonly port: number;
  readonly url: string;
  readonly pid: number;
  /** Resolves with the exit code (null when killed by a signal) once the process is gone. */
  readonly exited: Promise<number | null>;
  /** Everything it wrote, for failure messages. */
  output(): string;
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

export interface CentralProcessOptions {
  databaseUrl: string;
  dataDir: string;
  /** 0 = a free one (read back from its log). */
  port: number;
  env?: Record<string, string>;
}

/**
 * Node flags for the central processes a test or bench starts, from
 * GALLEY_CENTRAL_NODE_ARGS (space-separated), e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`
 * to see where a bench's central processes spend their CPU (Node refuses --cpu-prof in
 * NODE_OPTIONS). A profile is written when the process exits on SIGTERM.
 */
function centralNodeArgs(): string[] {
  return (process.env.GALLEY_CENTRAL_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');
}

export function startCentralProcess(options: CentralProcessOptions): Promise<CentralProcess> {
  const child = spawn(
    process.execPath,
    [...centralNodeArgs(), GALLEY, 'central', '--data', options.dataDir, '--port', String(options.port)],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: options.databaseUrl,
        GALLEY_CENTRAL_ADMIN_PASSWORD: CLUSTER_ADMIN_PASSWORD,
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let text = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const bound = /central listening on 127\.0\.0\.1:(\d+)/.exec(text);
      if (!bound) return;
      child.stdout?.off('data', onData);
      child.stdout?.on('data', (more: Buffer) => {
        text += more.toString('utf8');
      });
      const port = Number(bound[1]);
      resolve({
        port,
        url: `http://127.0.0.1:${port}`,
        pid: child.pid ?? -1,
        exited,
        output: () => text,
        kill: (signal) => {
          child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    void exited.then((code) =>
      reject(new Error(`galley central exited (${code}) before listening:\n${text}`)),
    );
  });
}

/** Runs `galley central …` (an admin command) against the database; resolves with its stdout. */
export async function centralCli(databaseUrl: string, dataDir: string, args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [GALLEY, 'central', ...args, '--data', dataDir], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  return stdout;
}

/** The shipped HAProxy configuration in front of three central processes. */
export interface LoadBalancer {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * `checkMs`: the readiness check interval. A killed process refuses the check's connection and
 * is out of rotation within one interval; a busy one has the shipped config's `timeout check`
 * to answer.
 */
export async function startHaproxy(
  backendPorts: [number, number, number],
  checkMs = 200,
): Promise<LoadBalancer> {
  if (!existsSync(HAPROXY_BIN)) {
    throw new Error(
      `HAProxy is needed for the central cluster test but ${HAPROXY_BIN} is missing: ` +
        'install the Debian package `haproxy` (apt-get install -y --no-install-recommends haproxy)',
    );
  }
  const port = await freePort();
  const child: ChildProcess = spawn(HAPROXY_BIN, ['-db', '-f', HAPROXY_CONFIG], {
    env: {
      ...process.env,
      GALLEY_LB_BIND: `127.0.0.1:${port}`,
      GALLEY_CENTRAL_1: `127.0.0.1:${backendPorts[0]}`,
      GALLEY_CENTRAL_2: `127.0.0.1:${backendPorts[1]}`,
      GALLEY_CENTRAL_3: `127.0.0.1:${backendPorts[2]}`,
      GALLEY_LB_CHECK_MS: String(checkMs),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (c: Buffer) => {
    text += c.toString('utf8');
  });
  child.stderr?.on('data', (c: Buffer) => {
    text += c.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy exited (${child.exitCode}):\n${text}`);
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`haproxy did not answer on ${url}:\n${text}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
