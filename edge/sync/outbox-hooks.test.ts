import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../shared/server/runtime/fake-clock';
import { IngestPipeline } from '../ingest/ingest-pipeline';
import { demoConfig, tempDatabase, testDeps, within } from '../ingest/testing/ingest-fixture';
import type { Database } from '../store/database';
import { DeviceStatusStore } from '../store/device-status-store';
import { MINUTE_MS } from '../store/readings-store';
import { bucketStart, RollupBacklog } from '../store/rollup-backlog';
import { RollupJob } from '../store/rollup-job';
import { OutboxStore } from './outbox-store';
import { setOutboxStoreId } from './outbox-writer';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function outboxRows(db: Database) {
  return db
    .prepare('SELECT seq, store_id, type, entity_id, priority, payload FROM outbox ORDER BY seq')
    .all() as {
    seq: number;
    store_id: string;
    type: string;
    entity_id: string;
    priority: number;
    payload: string;
  }[];
}

describe('outbox hooks', () => {
  it('a device status change is one high-priority device.status event; a repeat is none', () => {
    const tmp = tempDatabase();
    cleanups.push(tmp.cleanup);
    setOutboxStoreId(tmp.db, 'demo-sh-001');
    const status = new DeviceStatusStore(tmp.db);
    status.setOnline('fryer-1', true, 1000, 'connect');
    status.setOnline('fryer-1', true, 2000, 'connect');
    status.setOnline('fryer-1', false, 3000, 'last_will');

    const rows = outboxRows(tmp.db);
    expect(rows.map((r) => [r.type, r.entity_id, r.priority, r.store_id])).toEqual([
      ['device.status', 'fryer-1', 0, 'demo-sh-001'],
      ['device.status', 'fryer-1', 0, 'demo-sh-001'],
    ]);
    expect(JSON.parse(rows[1]?.payload ?? '')).toEqual({
      equipmentId: 'fryer-1',
      online: false,
      cause: 'last_will',
      at: 3000,
    });
  });

  it('each rolled-up equipment-minute is one low-priority rollup.minute event carrying all its metrics, in the rollup transaction', async () => {
    const tmp = tempDatabase();
    cleanups.push(tmp.cleanup);
    const clock = new FakeClock();
    const { bus, logger } = testDeps();
    const backlog = new RollupBacklog(tmp.db);
    const pipeline = new IngestPipeline({
      config: demoConfig(),
      db: tmp.db,
      bus,
      clock,
      logger,
      rollupBacklog: backlog,
    });
    const job = new RollupJob({ db: tmp.db, clock, logger, backlog, graceMs: 10_000 });
    pipeline.start();
    cleanups.push(async () => {
      await job.stop();
      pipeline.stop();
    });
    const t0 = bucketStart(clock.now()) - 3 * MINUTE_MS;
    const sent = [0, 10_000, 20_000, MINUTE_MS, MINUTE_MS + 30_000].map((dt, i) =>
      pipeline.submitReadings('test', 'wic-1', {
        ts: t0 + dt,
        readings: { temp_c: 2 + i, door_open: i === 1 },
      }),
    );
    clock.advance(10);
    await within(Promise.all(sent));
    await job.runOnce(clock.now());

    const events = new OutboxStore(tmp.db).nextBatch(100).filter((e) => e.type === 'rollup.minute');
    // One event per equipment-minute, every metric of that minute inside it.
    expect(events.map((e) => e.payload)).toEqual([
      {
        equipmentId: 'wic-1',
        minuteTs: t0,
        metrics: {
          temp_c: { min: 2, max: 4, avg: 3, count: 3 },
          door_open: { min: 0, max: 1, avg: 1 / 3, count: 3 },
        },
      },
      {
        equipmentId: 'wic-1',
        minuteTs: t0 + MINUTE_MS,
        metrics: {
          temp_c: { min: 5, max: 6, avg: 5.5, count: 2 },
          door_open: { min: 0, max: 0, avg: 0, count: 2 },
        },
      },
    ]);
    expect(events.map((e) => [e.entityId, e.ts])).toEqual([
      ['wic-1', t0 + MINUTE_MS],
      ['wic-1', t0 + 2 * MINUTE_MS],
    ]);
    expect(outboxRows(tmp.db).every((r) => r.type !== 'rollup.minute' || r.priority === 1)).toBe(true);

    await job.runOnce(clock.now()); // nothing new to roll up: no new events
    expect(new OutboxStore(tmp.db).backlog().low).toBe(2);

    // Late data for one metric: that equipment-minute is sent again, whole, once.
    const late = pipeline.submitReadings('test', 'wic-1', { ts: t0 + 30_000, readings: { temp_c: 10 } });
    clock.advance(10);
    await within(late);
    await job.runOnce(clock.now());
    const again = new OutboxStore(tmp.db)
      .nextBatch(100)
      .filter((e) => e.type === 'rollup.minute')
      .slice(2);
    expect(again.map((e) => e.payload)).toEqual([
      {
        equipmentId: 'wic-1',
        minuteTs: t0,
        metrics: {
          temp_c: { min: 2, max: 10, avg: 4.75, count: 4 },
          door_open: { min: 0, max: 1, avg: 1 / 3, count: 3 },
        },
      },
    ]);
  });
});
