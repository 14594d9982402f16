import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../shared/server/runtime/fake-clock';
import { topics } from '../../shared/topics';
import type { EdgeEvents } from '../runtime/event-bus';
import { DATABASE_FILE } from '../store/database';
import { MINUTE_MS } from '../store/readings-store';
import { RollupBacklog } from '../store/rollup-backlog';
import { IngestPipeline } from './ingest-pipeline';
import { demoConfig, tempDatabase, testDeps, within } from './testing/ingest-fixture';

const STORE = 'demo-sh-001';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function setup() {
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
    writer: 'thread',
  });
  pipeline.start();
  cleanups.push(() => pipeline.stop());
  return { tmp, clock, bus, backlog, pipeline };
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('IngestPipeline with the writer thread', () => {
  it('has every reading committed and visible to another connection when its commit resolves', async () => {
    const { tmp, clock, bus, pipeline } = setup();
    const announced: EdgeEvents['readingsCommitted'] = [];
    bus.on('readingsCommitted', (batch) => announced.push(...batch));
    const reader = new BetterSqlite3(`${tmp.dir}/${DATABASE_FILE}`, { readonly: true });
    cleanups.push(() => {
      reader.close();
    });
    const exists = reader.prepare('SELECT 1 FROM readings WHERE equipment_id = ? AND metric = ? AND ts = ?');
    const base = clock.now() - 1000;
    const commits = Array.from({ length: 500 }, (_, i) => {
      const v = pipeline.check(
        'wic-1',
        topics.telemetry(STORE, 'wic-1'),
        json({ ts: base + i, readings: { temp_c: 3, door_open: i % 2 === 0 } }),
      );
      if (!v.ok) throw new Error(v.detail);
      return v.commit().then(() => exists.get('wic-1', 'door_open', base + i) !== undefined);
    });
    clock.advance(10);
    const visible = await within(Promise.all(commits), 10_000, '500 commits on the writer thread');
    expect(visible.every(Boolean)).toBe(true);
    expect(announced).toHaveLength(500);
    expect(pipeline.stats()).toMatchObject({ committedItems: 500, failedItems: 0 });
  });

  it('marks late data for the rollup job: the crash mark is persisted and the bucket is pending', async () => {
    const { tmp, clock, backlog, pipeline } = setup();
    const frontier = Math.floor(clock.now() / MINUTE_MS) * MINUTE_MS;
    tmp.db.transaction(() => backlog.setFrontier(frontier))();
    const lateTs = frontier - 5 * MINUTE_MS + 1234;
    const committed = pipeline.submitReadings('test', 'wic-1', { ts: lateTs, readings: { temp_c: 4 } });
    clock.advance(10);
    await within(committed, 10_000, 'late reading');
    const mark = tmp.db.prepare("SELECT value FROM kv WHERE key = 'rollup.recover_from'").get() as
      | { value: string }
      | undefined;
    expect(Number(mark?.value)).toBe(frontier - 5 * MINUTE_MS);
    expect(backlog.peekLate(10)).toEqual([
      { equipmentId: 'wic-1', metric: 'temp_c', bucketTs: frontier - 5 * MINUTE_MS },
    ]);
  });

  it('finishes what was sent when stopped, then refuses writes', async () => {
    const { tmp, clock, pipeline } = setup();
    const committed = pipeline.submitReadings('test', 'wic-1', { ts: clock.now(), readings: { temp_c: 5 } });
    await pipeline.stop();
    await within(committed);
    expect((tmp.db.prepare('SELECT count(*) AS n FROM readings').get() as { n: number }).n).toBe(1);
    await expect(
      pipeline.submitReadings('test', 'wic-1', { ts: clock.now(), readings: { temp_c: 6 } }),
    ).rejects.toMatchObject({ code: 'INGEST_STOPPED' });
  });
});
