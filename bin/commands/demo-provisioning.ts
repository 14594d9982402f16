import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CredentialError, DeviceCredentials } from '../../edge/store/credentials-store';
import type { Database } from '../../edge/store/database';
import type { StoreConfig } from '../../shared/config/store-config';
import type { Clock } from '../../shared/server/runtime/clock';
import type { Logger } from '../../shared/server/runtime/logger';

export const SIM_CREDENTIALS_FILE = 'sim-credentials.json';

/**
 * Gives every MQTT device of the store a fresh secret and writes them where the
 * simulator reads them — in bulk, so a scale run's thousands of devices are one
 * call, not a `galley device add` each. Only for the demo: a real device keeps its secret, and the
 * edge never stores secrets in the clear.
 */
export function provisionSimulatedDevices(
  config: StoreConfig,
  db: Database,
  clock: Clock,
  dataDir: string,
): string {
  const credentials = new DeviceCredentials({ db, clock });
  const secrets: Record<string, string> = {};
  // One transaction: a scale run provisions thousands at once, and one commit is one fsync.
  db.transaction(() => {
    for (const equipment of config.equipment) {
      if (equipment.protocol !== 'mqtt') continue;
      try {
        secrets[equipment.id] = credentials.rotate(equipment.id);
      } catch (err) {
        if (!(err instanceof CredentialError) || err.code !== 'CREDENTIAL_NOT_FOUND') throw err;
        secrets[equipment.id] = credentials.add(equipment.id);
      }
    }
  })();
  const file = join(dataDir, SIM_CREDENTIALS_FILE);
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}

/** Where the demo puts the edge's end of a serial equipment's pty pair; the equipment opens `<path>.device`. */
export function demoSerialPath(dataDir: string, equipmentId: string): string {
  return join(dataDir, 'serial', equipmentId);
}

export interface DemoSerialLines {
  /** The store config with each serial equipment's path on its pty pair. */
  config: StoreConfig;
  /** `--serial-device-path` for the simulator: the equipment's end of each pair. */
  devicePathTemplate: string;
  stop(): Promise<void>;
}

const SOCAT_READY = 'starting data transfer loop';
const SOCAT_START_TIMEOUT_MS = 5000;
const SOCAT_RESTART_DELAY_MS = 1000;
const SOCAT_RESTART_MAX_DELAY_MS = 30_000;

/**
 * The demo's serial cables: one socat pseudo-terminal pair per piece of serial
 * equipment under `<dataDir>/serial/`, the edge on `<id>`, the simulated
 * controller on `<id>.device`. A socat that dies is started again, as a cable put
 * back; both ends reopen on their own. Without socat, null: the log says so once
 * and the edge keeps trying those ports with back-off (the equipment shows offline).
 */
export async function startDemoSerialLines(
  config: StoreConfig,
  dataDir: string,
  logger: Logger,
): Promise<DemoSerialLines | null> {
  const log = logger.child({ ns: 'demo-serial' });
  const serial = config.equipment.filter((e) => e.protocol !== 'mqtt' && e.serial);
  if (serial.length === 0) return null;
  const probe = spawnSync('socat', ['-V'], { stdio: 'ignore' });
  if (probe.error) {
    log.warn(
      { err: probe.error.message, equipment: serial.map((e) => e.id) },
      'socat not found: serial equipment is not simulated on pty pairs and will show offline (apt-get install socat)',
    );
    return null;
  }
  mkdirSync(join(dataDir, 'serial'), { recursive: true });
  const pairs: SocatPair[] = [];
  try {
    for (const equipment of serial) {
      const pair = new SocatPair(demoSerialPath(dataDir, equipment.id), log);
      pairs.push(pair);
      await pair.start();
    }
  } catch (err) {
    await Promise.all(pairs.map((p) => p.stop()));
    log.warn({ err }, 'socat pty pairs did not start: serial equipment will show offline');
    return null;
  }
  return {
    config: {
      ...config,
      equipment: config.equipment.map((e) =>
        e.serial && e.protocol !== 'mqtt'
          ? { ...e, serial: { ...e.serial, path: demoSerialPath(dataDir, e.id) } }
          : e,
      ),
    },
    devicePathTemplate: `${demoSerialPath(dataDir, '{id}')}.device`,
    stop: async () => {
      await Promise.all(pairs.map((p) => p.stop()));
    },
  };
}

/** One `socat pty pty` process linking `path` and `path.device`, restarted if it dies. */
class SocatPair {
  #child: ChildProcess | null = null;
  #restartTimer: NodeJS.Timeout | null = null;
  #running = false;

  constructor(
    readonly path: string,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    this.#running = true;
    await this.#launch();
  }

  async stop(): Promise<void> {
    this.#running = false;
    if (this.#restartTimer) clearTimeout(this.#restartTimer);
    this.#restartTimer = null;
    const child = this.#child;
    this.#child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
  }

  async #launch(): Promise<void> {
    // A link left behind by a demo that was killed would point at a pty that is gone.
    for (const link of [this.path, `${this.path}.device`]) rmSync(link, { force: true });
    const child = spawn(
      'socat',
      ['-d', '-d', `pty,raw,echo=0,link=${this.path}`, `pty,raw,echo=0,link=${this.path}.device`],
      // Its own process group: Ctrl-C in the terminal reaches only the demo, which stops the
      // cables after the edge, instead of every socat dying first and being restarted.
      { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
    );
    this.#child = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`socat did not link ${this.path} within ${SOCAT_START_TIMEOUT_MS} ms: ${output}`));
      }, SOCAT_START_TIMEOUT_MS);
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (!output.includes(SOCAT_READY)) return;
        clearTimeout(timer);
        child.stderr?.off('data', onData);
        resolve();
      };
      child.stderr?.on('data', onData);
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`socat exited (${code}) before linking ${this.path}: ${output}`));
      });
    });
    // Keep draining socat's stderr so it never blocks on a full pipe.
    child.stderr?.resume();
    child.once('exit', (code, signal) => this.#onExit(child, code ?? signal));
    this.log.info({ path: this.path }, 'serial pty pair ready');
  }

  #onExit(child: ChildProcess, status: number | string | null): void {
    if (this.#child !== child || !this.#running) return;
    this.#child = null;
    this.log.warn({ path: this.path, status }, 'socat exited; starting it again');
    this.#scheduleRestart(SOCAT_RESTART_DELAY_MS);
  }

  #scheduleRestart(delayMs: number): void {
    this.#restartTimer = setTimeout(() => {
      this.#restartTimer = null;
      if (!this.#running) return;
      this.#launch().catch((err: unknown) => {
        if (!this.#running) return;
        this.log.error({ err, path: this.path, retryInMs: delayMs * 2 }, 'socat did not start again');
        this.#scheduleRestart(Math.min(delayMs * 2, SOCAT_RESTART_MAX_DELAY_MS));
      });
    }, delayMs);
  }
}
