import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EventBus } from '../../edge/runtime/event-bus';
import { openDatabase } from '../../edge/store/database';
import { OUTBOX_LANE } from '../../edge/sync/outbox-writer';
import { SyncService } from '../../edge/sync/sync-service';
import { loadStoreConfig } from '../../shared/server/config/load-store-config';
import { systemClock } from '../../shared/server/runtime/clock';
import { silentLogger } from '../../shared/server/runtime/logger';
import { MetricsRegistry } from '../../shared/server/runtime/metrics';
import { RealCentral } from '../testing/central-sync-kit';

const DEMO_CONFIG = join(import.meta.dirname, '..', '..', 'config', 'demo-store.yaml');
const MINUTE_MS = 60_000;

export interface SyncDrainOptions {
  devices?: number;
  hours?: number;
  metricsPerDevice?: number;
  /** alarm, ticket and status events per device per day */
  highPerDevicePerDay?: number;
  /**
   * `per-equipment` (what the edge writes now): one rollup event per device and minute with
   * every metric; `per-metric`: the former one event per device, metric and minute.
   */
  rollupShape?: 'per-equipment' | 'per-metric';
  /** an external central (`galley central`) instead of the in-process central service */
  central?: { url: string; token: string };
}

export interface SyncDrainFigure {
  events: number;
  high: number;
  low: number;
  seconds: number;
  perSecond: number;
  batches: number;
  rssMiB: number;
}

/**
 * Time for the pusher to drain a backlog equal to `hours` of a `devices`-device store:
 * one rollup per device and minute (low lane, all metrics in it) plus alarm/ticket/status events
 * (high lane), sent as gzip batches to the real central service (SQLite) over loopback HTTP.
 */
export async function benchSyncDrain(options: SyncDrainOptions = {}): Promise<SyncDrainFigure> {
  const devices = options.devices ?? 200;
  const hours = options.hours ?? 24;
  const metrics = options.metricsPerDevice ?? 3;
  const highPerDay = options.highPerDevicePerDay ?? 20;
  const shape = options.rollupShape ?? 'per-equipment';
  const config = loadStoreConfig(DEMO_CONFIG);
  const storeId = config.store.id;
  const dir = mkdtempSync(join(tmpdir(), 'galley-'));
  const central = options.central ? undefined : await RealCentral.start([storeId]);
  const endpoint = options.central ?? { url: central?.url ?? '', token: central?.tokenOf(storeId) ?? '' };
  const db = openDatabase(dir);
  try {
    const t0 = Date.UTC(2026, 0, 5);
    const insert = db.prepare<[string, number, string, string, string, number]>(
      'INSERT INTO outbox (store_id, ts, type, entity_id, payload, priority) VALUES (?, ?, ?, ?, ?, ?)',
    );
    let high = 0;
    let low = 0;
    db.transaction(() => {
      const minutes = hours * 60;
      const highEvery = Math.max(1, Math.floor((24 * 60) / highPerDay));
      for (let m = 0; m < minutes; m++) {
        const minuteTs = t0 + m * MINUTE_MS;
        for (let d = 0; d < devices; d++) {
          const equipmentId = `dev-${d}`;
          if ((m + d) % highEvery === 0) {
            insert.run(
              storeId,
              minuteTs,
              'alarm.raised',
              String(m * devices + d),
              JSON.stringify({
                equipmentId,
                rule: 'temp_high',
                severity: 'critical',
                state: 'active_unacked',
                raisedAt: minuteTs,
              }),
              OUTBOX_LANE.high,
            );
            high++;
          }
          const stats = { min: 2.5, max: 4.25, avg: 3.375, count: 6 };
          const payloads =
            shape === 'per-metric'
              ? Array.from({ length: metrics }, (_, k) => ({
                  equipmentId,
                  metric: `metric_${k}`,
                  minuteTs,
                  ...stats,
                }))
              : [
                  {
                    equipmentId,
                    minuteTs,
                    metrics: Object.fromEntries(
                      Array.from({ length: metrics }, (_, k) => [`metric_${k}`, stats]),
                    ),
                  },
                ];
          for (const payload of payloads) {
            insert.run(
              storeId,
              minuteTs + MINUTE_MS,
              'rollup.minute',
              equipmentId,
              JSON.stringify(payload),
              OUTBOX_LANE.low,
            );
            low++;
          }
        }
      }
    })();
    const sync = new SyncService({
      db,
      clock: systemClock,
      logger: silentLogger(),
      bus: new EventBus(),
      metrics: new MetricsRegistry(),
      storeId,
      settings: { ...config.sync, outboxMaxRows: 10_000_000 },
      central: endpoint,
      baseConfig: () => config,
      applyConfig: () => undefined,
    });
    const started = performance.now();
    await sync.pusher?.pushNow();
    const seconds = (performance.now() - started) / 1000;
    const health = sync.health();
    if (health.backlog.high + health.backlog.low > 0)
      throw new Error(`drain stopped early: ${JSON.stringify(health)}`);
    const events = high + low;
    return {
      events,
      high,
      low,
      seconds,
      perSecond: Math.round(events / seconds),
      batches: sync.pusher?.state.batchesSent ?? 0,
      rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
    };
  } finally {
    db.close();
    await central?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function syncDrainRow(f: SyncDrainFigure): string {
  return `sync drain ${f.events} events (${f.high} high, ${f.low} rollups) in ${f.batches} batches: ${f.seconds.toFixed(1)} s, ${f.perSecond} events/s, RSS ${f.rssMiB} MiB (goal ≤ 60 s)`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const hours = Number(process.argv[2] ?? 24);
  const rollupShape = process.argv[3] === 'per-metric' ? 'per-metric' : 'per-equipment';
  benchSyncDrain({ hours, rollupShape }).then(
    (figure) => process.stdout.write(`${syncDrainRow(figure)}\n`),
    (err: unknown) => {
      process.stderr.write(`${String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
