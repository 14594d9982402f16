import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DAEMON_ENVIRONMENT } from '../bin/commands/daemon-environment';
import { provisionSimulatedDevices } from '../bin/commands/demo-provisioning';
import { openDatabase } from '../edge/store/database';
import { loadCredentials } from '../firmware-sim/credentials';
import { scaleConfig, scaleStoreConfig } from '../firmware-sim/scale';
import { Simulation, type SimulationStatus } from '../firmware-sim/simulation';
import { loadStoreConfig } from '../shared/server/config/load-store-config';
import { systemClock } from '../shared/server/runtime/clock';
import { silentLogger } from '../shared/server/runtime/logger';
import { within } from '../shared/server/testing/mqtt-clients';

const DEMO_CONFIG = join(import.meta.dirname, '..', 'config', 'demo-store.yaml');
const GALLEY = join(import.meta.dirname, '..', 'bin', 'galley.js');

export interface ScaleRunOptions {
  devices: number;
  /** Wall seconds of steady publishing once every device is connected. */
  durationS: number;
  /** Every device reports this often (default 1 s: 1 Hz). */
  reportIntervalS?: number;
  /** New MQTT connections per second from the simulator (default its own, 500/s). */
  connectRatePerS?: number;
  /** Each device's CONNACK timeout (default 30 s, as mqtt.js's own default). */
  connectTimeoutMs?: number;
  /** Longest wait for every device to be connected. */
  allConnectedWithinMs?: number;
  /**
   * false: the edge runs without the store's preventive-maintenance plans, to
   * separate their per-reading cost from the rest of the pipeline.
   */
  maintenancePlans?: boolean;
  /** Called about every second with the simulator's totals, e.g. for a progress line. */
  onProgress?: (totals: SimulationStatus['totals'], phase: 'connect' | 'steady') => void;
}

export interface DeviceTally {
  equipmentId: string;
  /** Telemetry and events the edge PUBACKed, counted by the simulated device. */
  acked: number;
  /** Messages of this device in the edge's database: distinct telemetry timestamps plus events. */
  stored: number;
}

export interface ScaleFigure {
  devices: number;
  provisionMs: number;
  /** Devices connected when the steady window began; below `devices` when they did not all get in. */
  connected: number;
  /** From the simulator's start until every device is connected (or the wait gave up). */
  connectS: number;
  steadyS: number;
  /** Acknowledged messages per second over the steady window. */
  perSecond: number;
  acked: number;
  /** Publishes that failed or connections that errored, seen by the devices. */
  deviceErrors: number;
  /** Dropped from the devices' full buffers. */
  dropped: number;
  /** `galley_ingest_rejected_total` summed over reasons. */
  rejected: number;
  /** `galley_mqtt_refused_connections_total` summed over reasons. */
  refusedConnections: number;
  /** Acknowledged messages missing from the database (must be 0). */
  lost: number;
  edgeRssPeakMiB: number;
  edgeRssEndMiB: number;
  /** `galley_memory_bytes` by part in MiB, read at the end of the steady phase (devices still connected) */
  memoryMiB: Record<string, number>;
  tallies: DeviceTally[];
}

/**
 * The simulator's scale mode against a real `galley edge` process: a store config
 * of `devices` synthetic devices, all provisioned in one bulk call, the edge
 * started on free ports with device auth, then the simulation of those devices
 * (the code `galley sim --scale` runs) connecting and publishing QoS 1. Counts
 * what the devices saw acknowledged against what the edge stored.
 */
export async function runScale(options: ScaleRunOptions): Promise<ScaleFigure> {
  const dir = mkdtempSync(join(tmpdir(), 'galley-'));
  const dataDir = join(dir, 'data');
  let edge: EdgeProcess | null = null;
  let sim: Simulation | null = null;
  try {
    const store = loadStoreConfig(DEMO_CONFIG);
    const scaled = scaleStoreConfig(store, options.devices);
    const edgeConfig =
      options.maintenancePlans === false
        ? { ...scaled, maintenance: { ...scaled.maintenance, plans: [] } }
        : scaled;
    const configFile = join(dir, 'scale-store.json');
    writeFileSync(configFile, JSON.stringify(edgeConfig));
    // The simulator plays only the synthetic devices; the store's own equipment stays quiet.
    const config = scaleConfig(store, options.devices);

    const provisionStart = performance.now();
    const db = openDatabase(dataDir);
    const credentialsFile = provisionSimulatedDevices(config, db, systemClock, dataDir);
    db.close();
    const provisionMs = performance.now() - provisionStart;

    edge = await startEdge(configFile, dataDir);
    const edgePid = edge.child.pid ?? 0;
    const rss = new RssSampler(edgePid);

    sim = new Simulation({
      config,
      mqttUrl: `mqtt://127.0.0.1:${edge.mqttPort}`,
      credentials: loadCredentials(credentialsFile),
      logger: silentLogger(),
      reportIntervalMs: (options.reportIntervalS ?? 1) * 1000,
      connectRatePerS: options.connectRatePerS,
      connectTimeoutMs: options.connectTimeoutMs ?? 30_000,
    });
    const connectStart = performance.now();
    await sim.start();
    const running = sim;
    let phase: 'connect' | 'steady' = 'connect';
    const progress = setInterval(() => options.onProgress?.(running.status().totals, phase), 1000);
    await until(
      () => running.status().totals.connected === options.devices,
      options.allConnectedWithinMs ?? 120_000,
    );
    const connectedBySteady = running.status().totals.connected;
    const connectS = (performance.now() - connectStart) / 1000;
    phase = 'steady';

    const steadyStart = performance.now();
    const ackedAtStart = sim.status().totals.acked;
    await new Promise((resolve) => setTimeout(resolve, options.durationS * 1000));
    const status = sim.status();
    const steadyS = (performance.now() - steadyStart) / 1000;
    const memoryMiB = memoryParts(await (await fetch(`http://127.0.0.1:${edge.httpPort}/metrics`)).text());
    clearInterval(progress);
    await sim.stop();
    sim = null;

    const metrics = await (await fetch(`http://127.0.0.1:${edge.httpPort}/metrics`)).text();
    const edgeRssEndMiB = rss.sample();
    rss.stop();
    await stopEdge(edge);
    edge = null;

    const tallies = tally(status, dataDir);
    return {
      devices: options.devices,
      connected: connectedBySteady,
      provisionMs,
      connectS,
      steadyS,
      perSecond: (status.totals.acked - ackedAtStart) / steadyS,
      acked: status.totals.acked,
      deviceErrors: status.totals.errors,
      dropped: status.totals.dropped,
      rejected: sumSeries(metrics, 'galley_ingest_rejected_total'),
      refusedConnections: sumSeries(metrics, 'galley_mqtt_refused_connections_total'),
      lost: tallies.reduce((n, t) => n + Math.max(0, t.acked - t.stored), 0),
      edgeRssPeakMiB: rss.peakMiB,
      edgeRssEndMiB,
      memoryMiB,
      tallies,
    };
  } finally {
    await sim?.stop();
    if (edge) await stopEdge(edge);
    rmSync(dir, { recursive: true, force: true });
  }
}

function tally(status: SimulationStatus, dataDir: string): DeviceTally[] {
  const db = openDatabase(dataDir);
  try {
    const stored = new Map<string, number>();
    const add = (rows: unknown[]) => {
      for (const row of rows as Array<{ id: string; n: number }>)
        stored.set(row.id, (stored.get(row.id) ?? 0) + row.n);
    };
    add(
      db
        .prepare('SELECT equipment_id AS id, count(DISTINCT ts) AS n FROM readings GROUP BY equipment_id')
        .all(),
    );
    add(
      db.prepare('SELECT equipment_id AS id, count(*) AS n FROM device_events GROUP BY equipment_id').all(),
    );
    return status.devices.map((d) => ({
      equipmentId: d.equipmentId,
      acked: d.acked,
      stored: stored.get(d.equipmentId) ?? 0,
    }));
  } finally {
    db.close();
  }
}

interface EdgeProcess {
  child: ChildProcess;
  mqttPort: number;
  httpPort: number;
  exited: Promise<unknown>;
}

/**
 * `galley edge` on free ports. Its log is read only until it has started: at info
 * level it logs every connection, and holding thousands of lines here would load
 * the process that also runs the simulated devices.
 */
async function startEdge(configFile: string, dataDir: string): Promise<EdgeProcess> {
  const child = spawn(
    process.execPath,
    [GALLEY, 'edge', '--config', configFile, '--data', dataDir, '--mqtt-port', '0', '--http-port', '0'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...DAEMON_ENVIRONMENT, GALLEY_LOG_LEVEL: 'info', GALLEY_HOST: '127.0.0.1' },
    },
  );
  const exited = new Promise<unknown>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  let log = '';
  const started = new Promise<{ mqttPort: number; httpPort: number }>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log += chunk.toString('utf8');
      const mqtt = /mqtt listening on [\d.]+:(\d+)/.exec(log);
      const http = /http listening on [\d.]+:(\d+)/.exec(log);
      if (!mqtt?.[1] || !http?.[1] || !log.includes('edge started')) return;
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.stdout?.resume();
      child.stderr?.resume();
      resolve({ mqttPort: Number(mqtt[1]), httpPort: Number(http[1]) });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`galley edge exited (${code}) before it started:\n${log}`)));
  });
  const ports = await within(started, 30_000, 'galley edge start');
  return { child, exited, ...ports };
}

async function stopEdge(edge: EdgeProcess): Promise<void> {
  if (edge.child.exitCode !== null || edge.child.signalCode !== null) return;
  edge.child.kill('SIGTERM');
  await within(edge.exited, 30_000, 'galley edge stop');
}

/** Sum of every sample of one Prometheus series in /metrics text. */
export function sumSeries(metricsText: string, name: string): number {
  let sum = 0;
  for (const line of metricsText.split('\n')) {
    if (!line.startsWith(name) || (line[name.length] !== '{' && line[name.length] !== ' ')) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(value)) sum += value;
  }
  return sum;
}

/** Resident set size of another process, read from /proc every second; peak kept. */
class RssSampler {
  peakMiB = 0;
  readonly #timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.#timer = setInterval(() => this.sample(), 1000);
  }

  sample(): number {
    let mib = 0;
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      mib = match?.[1] ? Number(match[1]) / 1024 : 0;
    } catch (err) {
      // The edge exited between samples; its last figure stands.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    this.peakMiB = Math.max(this.peakMiB, mib);
    return mib;
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}

/** Polls `check` until it holds (true) or `timeoutMs` has passed (false). */
async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/** `galley_memory_bytes{part="…"} N` lines as MiB by part. */
function memoryParts(metrics: string): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const match of metrics.matchAll(/^galley_memory_bytes\{part="(\w+)"\} (\d+)$/gm)) {
    if (match[1]) parts[match[1]] = Number(match[2]) / 1024 / 1024;
  }
  return parts;
}
