import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoreConfig } from '../../shared/config/store-config';
import { systemClock } from '../../shared/server/runtime/clock';
import { silentLogger } from '../../shared/server/runtime/logger';
import { MetricsRegistry } from '../../shared/server/runtime/metrics';
import { IngestPipeline } from '../ingest/ingest-pipeline';
import { demoConfig, tempDatabase } from '../ingest/testing/ingest-fixture';
import { EventBus } from '../runtime/event-bus';
import { SerialAdapters } from './serial-adapters';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function eventually(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('SerialAdapters with no port behind the configured paths', () => {
  it('keeps trying the missing ports, reports the equipment offline, and exports per-port metrics', async () => {
    const tmp = tempDatabase();
    cleanups.push(() => tmp.cleanup());
    const base = demoConfig();
    const config: StoreConfig = {
      ...base,
      equipment: base.equipment.map((e) =>
        e.serial ? { ...e, serial: { ...e.serial, path: join(tmp.dir, 'no-such-dir', e.id) } } : e,
      ),
    };
    const logger = silentLogger();
    const pipeline = new IngestPipeline({
      config,
      db: tmp.db,
      bus: new EventBus(),
      clock: systemClock,
      logger,
    });
    pipeline.start();
    cleanups.push(() => pipeline.stop());
    const adapters = new SerialAdapters({
      config,
      pipeline,
      clock: systemClock,
      logger,
      linkSilenceMs: 200,
      backoff: { initialMs: 20, maxMs: 40, factor: 2 },
    });
    const metrics = new MetricsRegistry();
    adapters.registerMetrics(metrics);
    adapters.start();
    cleanups.push(() => adapters.stop());

    await eventually(() => adapters.stats().every((s) => s.failedOpens >= 3), 'retried opens');
    expect(
      adapters
        .stats()
        .map((s) => [s.equipmentId, s.open, s.opens])
        .sort(),
    ).toEqual([
      ['fryer-3', false, 0],
      ['rif-1', false, 0],
    ]);
    const offline = () =>
      tmp.db.prepare("SELECT online FROM device_status WHERE equipment_id = 'fryer-3'").get() as
        | { online: number }
        | undefined;
    await eventually(() => offline()?.online === 0, 'fryer-3 recorded offline');
    expect(metrics.render()).toMatch(/galley_serial_link_up\{equipment="fryer-3",path="[^"]+"\} 0/);
    expect(metrics.render()).toMatch(
      /galley_serial_port_open_failures_total\{equipment="rif-1",path="[^"]+"\} [3-9]/,
    );

    await adapters.stop();
    expect(adapters.stats()).toEqual([]);
  });
});
