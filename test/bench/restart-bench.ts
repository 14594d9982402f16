import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DAEMON_ENVIRONMENT } from '../../bin/commands/daemon-environment';
import { provisionSimulatedDevices } from '../../bin/commands/demo-provisioning';
import { DATABASE_FILE, openDatabase } from '../../edge/store/database';
import { loadStoreConfig } from '../../shared/server/config/load-store-config';
import { systemClock } from '../../shared/server/runtime/clock';
import { connectClient, within } from '../../shared/server/testing/mqtt-clients';

const DEMO_CONFIG = join(import.meta.dirname, '..', '..', 'config', 'demo-store.yaml');
const GALLEY = join(import.meta.dirname, '..', '..', 'bin', 'galley.js');
const DEVICE = 'wic-1';

export interface RestartBenchOptions {
  /** size the store's database is grown to before the restarts */
  databaseBytes?: number;
  restarts?: number;
}

export interface RestartFigure {
  databaseMiB: number;
  fillS: number;
  /** process spawn → first CONNACK accepted for a provisioned device, per restart after a SIGKILL */
  toConnackMs: number[];
}

/**
 * Restart drill: a store database grown to about 1 GiB of raw readings, then the
 * edge is started, a device's first CONNACK is timed, and the process is SIGKILLed
 * (so every start recovers from a crash, as after a power cut), ten times.
 */
export async function benchRestart(options: RestartBenchOptions = {}): Promise<RestartFigure> {
  const target = options.databaseBytes ?? 1024 * 1024 * 1024;
  const dir = mkdtempSync(join(tmpdir(), 'galley-restart-'));
  try {
    const config = loadStoreConfig(DEMO_CONFIG);
    const fillStart = performance.now();
    const db = openDatabase(dir);
    const secrets = JSON.parse(
      readFileSync(provisionSimulatedDevices(config, db, systemClock, dir), 'utf8'),
    ) as Record<string, string>;
    growReadings(db, target, join(dir, DATABASE_FILE));
    db.close();
    const fillS = (performance.now() - fillStart) / 1000;
    const databaseMiB = statSync(join(dir, DATABASE_FILE)).size / 1048576;
    const secret = secrets[DEVICE];
    if (!secret) throw new Error(`${DEVICE} was not provisioned`);
    const toConnackMs: number[] = [];
    for (let i = 0; i < (options.restarts ?? 10); i += 1) toConnackMs.push(await timeToConnack(dir, secret));
    return { databaseMiB, fillS, toConnackMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A year-like history: every demo equipment's series at 1 Hz, written straight into the readings tables. */
function growReadings(db: ReturnType<typeof openDatabase>, target: number, file: string): void {
  const now = Date.now();
  const insertSeries = db.prepare(
    'INSERT OR IGNORE INTO series (equipment_id, metric) VALUES (?, ?) RETURNING id',
  );
  const ids: number[] = [];
  for (let e = 0; e < 40; e += 1) {
    const row = insertSeries.get(`bench-${e}`, 'temp_c') as { id: number } | undefined;
    if (row) ids.push(row.id);
  }
  const chunk = db.prepare(`
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999999)
    INSERT INTO series_readings (series_id, ts, value)
    SELECT ?, ? + i * 1000, 3.0 + (i % 50) / 10.0 FROM n`);
  let round = 0;
  while (statSync(file).size < target) {
    const series = ids[round % ids.length] ?? 1;
    const start = now - (Math.floor(round / ids.length) + 1) * 1_000_000_000;
    db.transaction(() => chunk.run(series, start))();
    round += 1;
  }
}

async function timeToConnack(dataDir: string, secret: string): Promise<number> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [GALLEY, 'edge', '--config', DEMO_CONFIG, '--data', dataDir, '--mqtt-port', '0', '--http-port', '0'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...DAEMON_ENVIRONMENT, GALLEY_LOG_LEVEL: 'info', GALLEY_HOST: '127.0.0.1' },
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    let log = '';
    const port = await within(
      new Promise<number>((resolve) => {
        const onData = (chunk: Buffer) => {
          log += chunk.toString('utf8');
          const m = /mqtt listening on [\d.]+:(\d+)/.exec(log);
          if (m?.[1]) resolve(Number(m[1]));
        };
        child.stdout?.on('data', onData);
        child.stderr?.on('data', onData);
      }),
      60_000,
      'mqtt listening',
    );
    for (;;) {
      try {
        const client = await connectClient(port, {
          username: DEVICE,
          password: secret,
          connectTimeout: 2000,
        });
        const ms = performance.now() - started;
        client.end(true);
        return ms;
      } catch {
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
}

export function restartRow(f: RestartFigure): string {
  const sorted = [...f.toConnackMs].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const worst = sorted[sorted.length - 1] ?? 0;
  return (
    `restart after SIGKILL, ${f.databaseMiB.toFixed(0)} MiB database (filled in ${f.fillS.toFixed(0)} s), ` +
    `${f.toConnackMs.length} restarts, spawn → first CONNACK: median ${median.toFixed(0)} ms, worst ${worst.toFixed(0)} ms ` +
    `(${f.toConnackMs.map((ms) => ms.toFixed(0)).join(' ')})`
  );
}
