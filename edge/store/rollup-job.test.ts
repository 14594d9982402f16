import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../shared/server/runtime/fake-clock';
import { IngestPipeline } from '../ingest/ingest-pipeline';
import { demoConfig, tempDatabase, testDeps, within } from '../ingest/testing/ingest-fixture';
import type { Database } from './database';
import { MINUTE_MS, ReadingsStore } from './readings-store';
import { bucketStart, RollupBacklog } from './rollup-backlog';
import { RollupJob } from './rollup-job';

type Point = { ts: number; value: number };
interface Bucket {
  bucket_ts: number;
  min: number;
  max: number;
  sum: number;
  count: number;
  last: number;
}

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function system(tmp: ReturnType<typeof tempDatabase>, clock: FakeClock) {
  const config = demoConfig();
  const { bus, logger } = testDeps();
  const backlog = new RollupBacklog(tmp.db);
  const pipeline = new IngestPipeline({ config, db: tmp.db, bus, clock, logger, rollupBacklog: backlog });
  const job = new RollupJob({
    db: tmp.db,
    clock,
    logger,
    backlog,
    graceMs: 10_000,
    sweepChunkMinutes: 3,
    lateChunk: 2,
  });
  pipeline.start();
  cleanups.push(async () => {
    await job.stop();
    pipeline.stop();
  });
  const send = async (points: Point[]) => {
    const all = points.map((p) =>
      pipeline.submitReadings('test', 'wic-1', { ts: p.ts, readings: { temp_c: p.value } }),
    );
    clock.advance(10);
    await within(Promise.all(all));
  };
  return { config, backlog, pipeline, job, send };
}

/** The rollups a correct job must produce for these points, computed independently. */
function expectedBuckets(points: Point[]): Bucket[] {
  const byBucket = new Map<number, Point[]>();
  for (const p of points) {
    const b = Math.floor(p.ts / MINUTE_MS) * MINUTE_MS;
    byBucket.set(b, [...(byBucket.get(b) ?? []), p]);
  }
  return [...byBucket.entries()]
    .sort(([a], [b]) => a - b)
    .map(([bucket_ts, ps]) => {
      const values = ps.map((p) => p.value);
      const last = ps.reduce((a, b) => (b.ts > a.ts ? b : a));
      return {
        bucket_ts,
        min: Math.min(...values),
        max: Math.max(...values),
        sum: values.reduce((a, b) => a + b, 0),
        count: values.length,
        last: last.value,
      };
    });
}

function storedBuckets(db: Database): Bucket[] {
  return db
    .prepare(
      `SELECT bucket_ts, min, max, sum, count, last FROM rollups_1m
       WHERE equipment_id = 'wic-1' AND metric = 'temp_c' ORDER BY bucket_ts`,
    )
    .all() as Bucket[];
}

function series(start: number, minutes: number, everyMs = 10_000): Point[] {
  const points: Point[] = [];
  for (let ts = start; ts < start + minutes * MINUTE_MS; ts += everyMs) {
    points.push({ ts, value: ((ts / everyMs) % 13) - 4 + 0.25 });
  }
  return points;
}

describe('RollupJob', () => {
  it('rolls up a known series, then folds late data into the right buckets', async () => {
    const tmp = tempDatabase();
    cleanups.push(tmp.cleanup);
    const clock = new FakeClock();
    const t0 = bucketStart(clock.now()) - 30 * MINUTE_MS;
    const { job, send, config } = system(tmp, clock);
    const onTime = series(t0, 20);
    await send(onTime);
    clock.advance(15_000); // past the grace period of the last minute

    const first = await job.runOnce(clock.now());
    expect(first.sweptMinutes).toBe(30);
    expect(storedBuckets(tmp.db)).toEqual(expectedBuckets(onTime));

    // A device flushes its offline buffer: readings between the ones already stored.
    const late = [
      { ts: t0 + 3 * MINUTE_MS + 5_000, value: -30 },
      { ts: t0 + 3 * MINUTE_MS + 59_999, value: 55 }, // the new last of minute 3
      { ts: t0 + 7 * MINUTE_MS + 1, value: 20 },
      { ts: t0 + 25 * MINUTE_MS, value: 9 }, // a minute that had no data
    ];
    await send(late);
    const second = await job.runOnce(clock.now());
    expect(second).toEqual({ sweptMinutes: 0, lateBuckets: 3 });
    const all = [...onTime, ...late];
    expect(storedBuckets(tmp.db)).toEqual(expectedBuckets(all));

    // 5-minute steps: aggregated from the 1-minute rollups, checked against the raw series.
    const store = new ReadingsStore(tmp.db, config);
    const points = store.rolledUp('wic-1', 'temp_c', t0, t0 + 30 * MINUTE_MS, 5 * MINUTE_MS);
    const expected = [0, 1, 2, 3, 5].map((k) => {
      const from = t0 + k * 5 * MINUTE_MS;
      const inStep = all.filter((p) => p.ts >= from && p.ts < from + 5 * MINUTE_MS).map((p) => p.value);
      const avg = inStep.reduce((a, b) => a + b, 0) / inStep.length;
      return {
        ts: from,
        value: avg,
        min: Math.min(...inStep),
        max: Math.max(...inStep),
        avg,
        count: inStep.length,
      };
    });
    expect(t0 % (5 * MINUTE_MS)).toBe(0);
    expect(points.map((p) => ({ ...p, value: round(Number(p.value)), avg: round(p.avg ?? 0) }))).toEqual(
      expected.map((p) => ({ ...p, value: round(p.value), avg: round(p.avg) })),
    );
    expect(() => store.rolledUp('wic-1', 'temp_c', t0, t0 + MINUTE_MS, 90_000)).toThrow(/multiple/);
  });

  it('recovers late data written before a crash', async () => {
    const tmp = tempDatabase();
    cleanups.push(tmp.cleanup);
    const clock = new FakeClock();
    const t0 = bucketStart(clock.now()) - 20 * MINUTE_MS;
    const onTime = series(t0, 10);
    const late = [{ ts: t0 + 2 * MINUTE_MS + 1234, value: 42 }];
    {
      const { job, send, pipeline } = system(tmp, clock);
      await send(onTime);
      await job.runOnce(clock.now());
      await send(late);
      // Crash: the job never sees the late bucket, nothing is stopped cleanly.
      pipeline.stop();
    }
    cleanups.splice(0, cleanups.length, tmp.cleanup);
    const db = tmp.reopen();
    const backlog = new RollupBacklog(db);
    const { logger } = testDeps();
    const job = new RollupJob({ db, clock, logger, backlog });
    job.start();
    await job.runOnce(clock.now());
    await job.stop();
    expect(storedBuckets(db)).toEqual(expectedBuckets([...onTime, ...late]));
  });

  it('does not sweep again after a clean restart', async () => {
    const tmp = tempDatabase();
    cleanups.push(tmp.cleanup);
    const clock = new FakeClock();
    const t0 = bucketStart(clock.now()) - 60 * MINUTE_MS;
    const { job, send } = system(tmp, clock);
    await send(series(t0, 50, 60_000));
    clock.advance(15_000);
    expect((await job.runOnce(clock.now())).sweptMinutes).toBe(60);
    const db = tmp.reopen();
    const { logger } = testDeps();
    const again = new RollupJob({ db, clock, logger, backlog: new RollupBacklog(db) });
    clock.advance(2 * MINUTE_MS);
    expect(await again.runOnce(clock.now())).toEqual({ sweptMinutes: 2, lateBuckets: 0 });
  });
});

function round(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}
