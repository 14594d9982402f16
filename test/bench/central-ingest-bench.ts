import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CentralService } from '../../cloud-sync/central/central-service';
import { login } from '../../cloud-sync/central/testing/central-test-kit';
import { silentLogger } from '../../shared/server/runtime/logger';
import { type IngestClientsJob, type IngestClientsResult, runIngestClients } from './central-ingest-clients';

export interface CentralIngestFigure {
  stores: number;
  database: 'sqlite' | 'postgres';
  clients: 'in-process' | 'own process';
  seconds: number;
  failed: number;
  /** POST sent → the store's alarm seen by a poller of the regional feed. */
  visibleP50Ms: number;
  visibleP99Ms: number;
  ackP99Ms: number;
}

const ADMIN_PASSWORD = 'bench-admin-password';

/**
 * Many stores posting one batch (a critical alarm) at the same moment, while a
 * regional page polls the alarm feed with its cursor: how long until each store's
 * alarm is visible there. SQLite under a temp dir, or PostgreSQL at `databaseUrl`.
 * The posting and polling clients run in a process of their own, as edges and browsers
 * do (`clientsInProcess` puts them on central's event loop, as this bench first did).
 */
export async function benchCentralIngest(
  options: { stores?: number; databaseUrl?: string; timeoutMs?: number; clientsInProcess?: boolean } = {},
): Promise<CentralIngestFigure> {
  const storeCount = options.stores ?? 1000;
  const dataDir = mkdtempSync(join(tmpdir(), 'galley-'));
  const service = new CentralService({
    dataDir,
    databaseUrl: options.databaseUrl,
    logger: silentLogger(),
    port: 0,
    adminPassword: ADMIN_PASSWORD,
    webDir: join(dataDir, 'no-web'),
  });
  try {
    await service.start();
    const { central } = service;
    const tokens: string[] = [];
    for (let i = 0; i < storeCount; i++) {
      const id = `s-${String(i).padStart(4, '0')}`;
      await central.directory.addStore({ id, regionId: `r-${i % 20}`, state: 'open' });
      tokens.push((await central.tokens.issue(id)).token);
    }
    const admin = await login(service.url, 'admin', ADMIN_PASSWORD);
    const job: IngestClientsJob = {
      url: service.url,
      admin,
      stores: tokens.map((token, i) => ({ id: `s-${String(i).padStart(4, '0')}`, token })),
      timeoutMs: options.timeoutMs ?? 30_000,
    };
    const clients = options.clientsInProcess ? await runIngestClients(job) : await inChildProcess(job);
    const visible = [...clients.visibleMs].sort((a, b) => a - b);
    const acks = [...clients.ackMs].sort((a, b) => a - b);
    return {
      stores: storeCount,
      database: options.databaseUrl ? 'postgres' : 'sqlite',
      clients: options.clientsInProcess ? 'in-process' : 'own process',
      seconds: clients.seconds,
      failed: clients.failed,
      visibleP50Ms: Math.round(percentile(visible, 0.5)),
      visibleP99Ms: Math.round(percentile(visible, 0.99)),
      ackP99Ms: Math.round(percentile(acks, 0.99)),
    };
  } finally {
    await service.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs the clients in a child process (tsx loader, IPC) and returns what it measured. */
function inChildProcess(job: IngestClientsJob): Promise<IngestClientsResult> {
  const child = fork(join(import.meta.dirname, 'central-ingest-clients.ts'), ['--ingest-clients'], {
    cwd: join(import.meta.dirname, '..', '..'),
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (result) => resolve(result as IngestClientsResult));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`ingest clients exited with ${code} before answering`)));
    child.send(job);
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

export function centralIngestRow(f: CentralIngestFigure): string {
  return `central ingest ${f.database} (clients ${f.clients}): ${f.stores} stores at once, ${f.seconds.toFixed(2)} s, visible in feed p50 ${f.visibleP50Ms} ms p99 ${f.visibleP99Ms} ms, ack p99 ${f.ackP99Ms} ms, failed ${f.failed}`;
}
