import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { parse as parseYaml } from 'yaml';
import { DeviceCredentials } from '../../edge/store/credentials-store';
import { DATABASE_FILE, openDatabase } from '../../edge/store/database';
import { SessionsStore } from '../../edge/store/sessions-store';
import { systemClock } from '../../shared/server/runtime/clock';
import { type PtyPair, startPtyPair } from '../../shared/server/testing/pty-pair';
import { type EdgeProcess, startEdgeProcess } from '../testing/edge-process';

const DEMO_CONFIG = join(import.meta.dirname, '..', '..', 'config', 'demo-store.yaml');
export const STORE = 'demo-sh-001';
/** Demo PINs from the README (demo only). */
export const DEMO_PINS: Record<string, string> = {
  admin: '1234',
  'mgr-li': '2222',
  'tech-wang': '3333',
  'staff-chen': '1111',
};
export const INTEGRATION = { username: 'home-assistant', secret: 'ha-demo-secret' } as const;

interface HealthProbe {
  at: number;
  ms: number;
  ok: boolean;
  error?: string;
}

/**
 * Polls /healthz every 250 ms with a 1 s deadline from a process of its own, so the
 * attack traffic in the test's event loop does not delay the measurement.
 */
const PROBER = `
const port = Number(process.argv[1]);
let busy = false;
setInterval(async () => {
  if (busy) return;
  busy = true;
  const at = Date.now();
  const t0 = performance.now();
  let line;
  try {
    const res = await fetch('http://127.0.0.1:' + port + '/healthz', { signal: AbortSignal.timeout(1000) });
    const body = await res.json();
    const ok = res.status === 200 && body.ok === true;
    line = { at, ms: performance.now() - t0, ok, error: ok ? undefined : 'status ' + res.status };
  } catch (err) {
    line = { at, ms: performance.now() - t0, ok: false, error: String(err && err.message) };
  }
  process.stdout.write(JSON.stringify(line) + '\\n');
  busy = false;
}, 250);
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
`;

/** Watches the edge from outside for the whole run: /healthz (see PROBER) and its resident set from /proc. */
export class EdgeWatcher {
  readonly probes: HealthProbe[] = [];
  rssPeakKiB = 0;
  #timer: NodeJS.Timeout | undefined;
  #prober: ChildProcess | undefined;

  constructor(
    private readonly pid: number,
    private readonly httpPort: number,
  ) {}

  start(): void {
    this.#timer = setInterval(() => this.rss(), 250);
    const prober = spawn(process.execPath, ['-e', PROBER, String(this.httpPort)], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let buffer = '';
    prober.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line) this.probes.push(JSON.parse(line) as HealthProbe);
    });
    this.#prober = prober;
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#prober?.stdin?.end();
    this.#prober = undefined;
  }

  /** VmRSS in KiB, or 0 once the process is gone; tracks the peak. */
  rss(): number {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      this.rssPeakKiB = Math.max(this.rssPeakKiB, kib);
      return kib;
    } catch {
      return 0;
    }
  }

  async probe(): Promise<HealthProbe> {
    const started = performance.now();
    const at = Date.now();
    let probe: HealthProbe;
    try {
      const res = await fetch(`http://127.0.0.1:${this.httpPort}/healthz`, {
        signal: AbortSignal.timeout(1000),
      });
      const body = (await res.json()) as { ok?: unknown };
      probe = { at, ms: performance.now() - started, ok: res.status === 200 && body.ok === true };
      if (!probe.ok) probe.error = `status ${res.status}`;
    } catch (err) {
      probe = { at, ms: performance.now() - started, ok: false, error: (err as Error).message };
    }
    this.probes.push(probe);
    return probe;
  }

  failures(): HealthProbe[] {
    return this.probes.filter((p) => !p.ok || p.ms > 1000);
  }
}

export interface AttackedEdge {
  edge: EdgeProcess;
  dir: string;
  dataDir: string;
  watcher: EdgeWatcher;
  /** equipment id → its provisioned secret */
  secrets: Map<string, string>;
  /** legacy serial equipment id → its pty pair (the device end is `devicePath`) */
  serial: Map<string, PtyPair>;
  /** a bearer token that expired an hour ago, planted in the database before start */
  expiredToken: string;
  mqttPort: number;
  httpPort: number;
  url(path: string): string;
  alive(): boolean;
  /** SIGTERM, wait for a clean stop; the database can be read afterwards */
  stop(): Promise<number | NodeJS.Signals | null>;
  /** read-only handle on the edge's database (after stop) */
  openDatabaseReadOnly(): BetterSqlite3.Database;
  cleanup(): Promise<void>;
}

/**
 * A real `galley edge` process on free ports over the demo store: the given devices
 * provisioned, its two legacy serial pieces on socat pty pairs (when `withSerial`), and
 * an expired session planted for the forged-token checks.
 */
export async function startAttackedEdge(options: {
  devices: string[];
  withSerial?: boolean;
}): Promise<AttackedEdge> {
  const dir = mkdtempSync(join(tmpdir(), 'galley-abuse-'));
  const dataDir = join(dir, 'data');
  const config = parseYaml(readFileSync(DEMO_CONFIG, 'utf8')) as {
    equipment: { id: string; serial?: { path: string } }[];
  };
  const serial = new Map<string, PtyPair>();
  for (const e of config.equipment) {
    if (!e.serial) continue;
    e.serial.path = join(dir, `${e.id}.tty`);
    if (options.withSerial) serial.set(e.id, await startPtyPair(e.serial.path, join(dir, `${e.id}.device`)));
  }
  const configFile = join(dir, 'store.json');
  writeFileSync(configFile, JSON.stringify(config));

  const secrets = new Map<string, string>();
  const db = openDatabase(dataDir);
  let expiredToken: string;
  try {
    const credentials = new DeviceCredentials({ db, clock: systemClock });
    for (const id of options.devices) secrets.set(id, credentials.add(id));
    const anHourPastExpiry = { ...systemClock, now: () => Date.now() - 13 * 3_600_000 };
    expiredToken = new SessionsStore(db, anHourPastExpiry).create('admin', 'admin').token;
  } finally {
    db.close();
  }

  const edge = await startEdgeProcess(configFile, dataDir);
  const pid = edge.child.pid ?? 0;
  const watcher = new EdgeWatcher(pid, edge.httpPort);
  watcher.start();
  return {
    edge,
    dir,
    dataDir,
    watcher,
    secrets,
    serial,
    expiredToken,
    mqttPort: edge.mqttPort,
    httpPort: edge.httpPort,
    url: (path) => `http://127.0.0.1:${edge.httpPort}${path}`,
    alive: () => edge.child.exitCode === null && edge.child.signalCode === null,
    async stop() {
      watcher.stop();
      if (edge.child.exitCode === null && edge.child.signalCode === null) edge.child.kill('SIGTERM');
      const timer = setTimeout(() => edge.child.kill('SIGKILL'), 15_000);
      const code = await edge.exited;
      clearTimeout(timer);
      return code;
    },
    openDatabaseReadOnly: () => new BetterSqlite3(join(dataDir, DATABASE_FILE), { readonly: true }),
    async cleanup() {
      watcher.stop();
      if (edge.child.exitCode === null && edge.child.signalCode === null) {
        edge.child.kill('SIGKILL');
        await edge.exited;
      }
      for (const pair of serial.values()) await pair.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function mib(kib: number): string {
  return `${(kib / 1024).toFixed(1)} MiB`;
}

/** The parts of the edge's log that say it caught something, for a failing test's message. */
export function faultLines(log: string, max = 5): string {
  return log
    .split('\n')
    .filter((l) => /"level":(50|60)/.test(l))
    .slice(-max)
    .map((l) => l.slice(0, 400))
    .join('\n');
}
