import { afterEach, expect, it } from 'vitest';
import { FakeClock } from '../../shared/server/runtime/fake-clock';
import { topics } from '../../shared/topics';
import { IngestPipeline } from './ingest-pipeline';
import { demoConfig, tempDatabase, testDeps, within } from './testing/ingest-fixture';

const FULL = 2;
const NORMAL = 1;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function setup() {
  const tmp = tempDatabase();
  const clock = new FakeClock();
  const config = demoConfig();
  const pipeline = new IngestPipeline({ config, db: tmp.db, clock, ...testDeps() });
  pipeline.start();
  cleanups.push(async () => {
    await pipeline.stop();
    tmp.cleanup();
  });
  // The synchronous level each ingest transaction commits with, seen from inside it:
  // SQLite decides at COMMIT whether to fsync the WAL from this per-connection setting.
  tmp.db.exec(`
    CREATE TEMP TABLE commit_sync (ts INTEGER, level INTEGER);
    CREATE TEMP TRIGGER commit_sync_insert AFTER INSERT ON main.latest_readings BEGIN
      INSERT INTO commit_sync SELECT NEW.ts, synchronous FROM pragma_synchronous;
    END;
    CREATE TEMP TRIGGER commit_sync_update AFTER UPDATE ON main.latest_readings BEGIN
      INSERT INTO commit_sync SELECT NEW.ts, synchronous FROM pragma_synchronous;
    END;
  `);
  const levelsAt = (ts: number) =>
    tmp.db.prepare('SELECT DISTINCT level FROM commit_sync WHERE ts = ?').pluck().all(ts);
  return { tmp, clock, pipeline, config, levelsAt };
}

/** As the broker hands over a publish: QoS 1 waits for the commit, QoS 0 does not. */
function publish(pipeline: IngestPipeline, store: string, ts: number, qos: 0 | 1): Promise<void> {
  const payload = Buffer.from(JSON.stringify({ ts, readings: { temp_c: 3, door_open: false } }));
  const verdict = pipeline.check('wic-1', topics.telemetry(store, 'wic-1'), payload);
  if (!verdict.ok) throw new Error(`refused: ${verdict.detail}`);
  if (qos > 0) return verdict.commit(true);
  if (!verdict.store()) throw new Error('ingest stopped');
  return Promise.resolve();
}

it('commits a batch holding a QoS 1 message with an fsync (FULL), and a QoS 0 only batch without (NORMAL)', async () => {
  const { tmp, clock, pipeline, config, levelsAt } = setup();
  const store = config.store.id;
  const t0 = clock.now() - 1000;

  // One QoS 1 message among QoS 0 ones: its PUBACK waits for this commit.
  const mixed = [
    ...Array.from({ length: 10 }, (_, i) => publish(pipeline, store, t0 + i, 0)),
    publish(pipeline, store, t0 + 10, 1),
  ];
  clock.advance(config.storage.groupCommitMaxDelayMs);
  await within(Promise.all(mixed), 5000, 'mixed batch');
  expect(levelsAt(t0 + 10)).toEqual([FULL]);

  const qos0 = Array.from({ length: 10 }, (_, i) => publish(pipeline, store, t0 + 100 + i, 0));
  clock.advance(config.storage.groupCommitMaxDelayMs);
  await within(Promise.all(qos0), 5000, 'QoS 0 batch');
  expect(levelsAt(t0 + 109)).toEqual([NORMAL]);

  // The relaxed level never outlives its batch: the next QoS 1 message is durable again.
  const next = publish(pipeline, store, t0 + 200, 1);
  clock.advance(config.storage.groupCommitMaxDelayMs);
  await within(next, 5000, 'QoS 1 message');
  expect(levelsAt(t0 + 200)).toEqual([FULL]);
  expect(tmp.db.pragma('synchronous', { simple: true })).toBe(FULL);
  const stored = tmp.db.prepare("SELECT count(*) FROM readings WHERE equipment_id = 'wic-1'").pluck().get();
  expect(stored).toBe(2 * 22);
});
