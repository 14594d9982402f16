import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeClock } from '../../shared/server/runtime/fake-clock';
import { tempDatabase, testDeps } from '../ingest/testing/ingest-fixture';
import { MINUTE_MS, ReadingsStore } from './readings-store';
import { RetentionJob } from './retention-job';

const DAY = 86_400_000;
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

describe('RetentionJob', () => {
  it('removes exactly the raw readings and rollups older than their limits', async () => {
    const tmp = tempDatabase();
    cleanups.push(tmp.cleanup);
    const clock = new FakeClock();
    const now = clock.now();
    const rawCutoff = now - 30 * DAY;
    const rollupCutoff = now - 730 * DAY;
    const readings = new ReadingsStore(tmp.db);
    const insertRollup = tmp.db.prepare(
      `INSERT INTO rollups_1m (equipment_id, metric, bucket_ts, min, max, sum, count, last, last_ts)
       VALUES ('wic-1', 'temp_c', ?, 1, 1, 1, 1, 1, ?)`,
    );
    tmp.db.transaction(() => {
      // 1 050 old raw rows: more than one chunk, so chunking is exercised.
      for (let i = 1; i <= 1050; i++)
        readings.write(i % 2 ? 'wic-1' : 'fryer-1', rawCutoff - i * 1000, { temp_c: 1 });
      for (const ts of [rawCutoff, rawCutoff + 1, now - DAY, now]) readings.write('wic-1', ts, { temp_c: 2 });
      for (let i = 1; i <= 250; i++)
        insertRollup.run(rollupCutoff - i * MINUTE_MS, rollupCutoff - i * MINUTE_MS);
      for (const ts of [rollupCutoff, rollupCutoff + MINUTE_MS, rawCutoff - MINUTE_MS])
        insertRollup.run(ts, ts);
    })();

    const { logger } = testDeps();
    const job = new RetentionJob({
      db: tmp.db,
      clock,
      logger,
      storage: { rawRetentionDays: 30, rollupRetentionDays: 730 },
      chunkRows: 100,
    });
    expect(await job.runOnce(now)).toEqual({ rawDeleted: 1050, rollupsDeleted: 250 });

    const rawLeft = tmp.db.prepare('SELECT ts FROM readings ORDER BY ts').all() as { ts: number }[];
    expect(rawLeft.map((r) => r.ts)).toEqual([rawCutoff, rawCutoff + 1, now - DAY, now]);
    const rollupsLeft = tmp.db.prepare('SELECT bucket_ts FROM rollups_1m ORDER BY bucket_ts').all() as {
      bucket_ts: number;
    }[];
    expect(rollupsLeft.map((r) => r.bucket_ts)).toEqual([
      rollupCutoff,
      rollupCutoff + MINUTE_MS,
      rawCutoff - MINUTE_MS,
    ]);
    expect(await job.runOnce(now)).toEqual({ rawDeleted: 0, rollupsDeleted: 0 });
  });

  it('runs on its interval until stopped', async () => {
    const tmp = tempDatabase();
    cleanups.push(tmp.cleanup);
    const clock = new FakeClock();
    const readings = new ReadingsStore(tmp.db);
    const { logger } = testDeps();
    const job = new RetentionJob({
      db: tmp.db,
      clock,
      logger,
      storage: { rawRetentionDays: 1, rollupRetentionDays: 2 },
    });
    const count = () => (tmp.db.prepare('SELECT count(*) AS n FROM readings').get() as { n: number }).n;
    job.start();
    // Written after the first run; becomes old once a day has passed.
    readings.write('wic-1', clock.now(), { temp_c: 1 });
    await vi.waitFor(() => expect(job.running).toBe(false), { timeout: 5000 });
    expect(count()).toBe(1);
    clock.advance(DAY + 3_600_000);
    await vi.waitFor(() => expect(count()).toBe(0), { timeout: 5000 });
    await job.stop();
    expect(clock.pendingTimers).toBe(0);
  });
});
