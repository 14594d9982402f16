import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CentralService } from '../../cloud-sync/central/central-service';
import {
  alarmView,
  batchOf,
  event,
  http,
  login,
  postBatch,
} from '../../cloud-sync/central/testing/central-test-kit';
import { silentLogger } from '../../edge/runtime/logger';
import type { AlarmFeed } from '../../shared/central/api';

export interface CentralIngestFigure {
  stores: number;
  database: 'sqlite' | 'postgres';
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
 */
export async function benchCentralIngest(
  options: { stores?: number; databaseUrl?: string; timeoutMs?: number } = {},
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
      await central.directory.addStore({ id, regionId: `r-${i % 20}` });
      tokens.push((await central.tokens.issue(id)).token);
    }
    const admin = await login(service.url, 'admin', ADMIN_PASSWORD);

    const sentAt = new Map<string, number>();
    const seenAt = new Map<string, number>();
    let polling = true;
    let cursor = 0;
    const poller = (async () => {
      while (polling && seenAt.size < storeCount) {
        const feed = await http<AlarmFeed>(`${service.url}/api/alarms?after=${cursor}&limit=500`, {
          token: admin,
        });
        const now = performance.now();
        for (const entry of feed.body.entries) if (!seenAt.has(entry.storeId)) seenAt.set(entry.storeId, now);
        cursor = feed.body.cursor;
      }
    })();

    const started = performance.now();
    const acks: number[] = [];
    let failed = 0;
    await Promise.all(
      tokens.map(async (token, i) => {
        const storeId = `s-${String(i).padStart(4, '0')}`;
        const t0 = performance.now();
        sentAt.set(storeId, t0);
        const answer = await postBatch(
          service.url,
          token,
          batchOf(storeId, [event(1, 'alarm.raised', 1, alarmView())]),
        );
        if (answer.status !== 200) failed++;
        acks.push(performance.now() - t0);
      }),
    );
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    while (seenAt.size < storeCount - failed && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 5));
    polling = false;
    await poller;
    const visible = [...seenAt].map(([id, at]) => at - (sentAt.get(id) ?? at)).sort((a, b) => a - b);
    acks.sort((a, b) => a - b);
    return {
      stores: storeCount,
      database: options.databaseUrl ? 'postgres' : 'sqlite',
      seconds: (performance.now() - started) / 1000,
      failed: failed + (storeCount - failed - seenAt.size),
      visibleP50Ms: Math.round(percentile(visible, 0.5)),
      visibleP99Ms: Math.round(percentile(visible, 0.99)),
      ackP99Ms: Math.round(percentile(acks, 0.99)),
    };
  } finally {
    await service.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

export function centralIngestRow(f: CentralIngestFigure): string {
  return `central ingest ${f.database}: ${f.stores} stores at once, ${f.seconds.toFixed(2)} s, visible in feed p50 ${f.visibleP50Ms} ms p99 ${f.visibleP99Ms} ms, ack p99 ${f.ackP99Ms} ms, failed ${f.failed}`;
}
