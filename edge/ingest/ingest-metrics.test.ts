import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../shared/server/runtime/fake-clock';
import { MetricsRegistry } from '../../shared/server/runtime/metrics';
import { topics } from '../../shared/topics';
import { registerIngestMetrics } from './ingest-metrics';
import { IngestPipeline } from './ingest-pipeline';
import { demoConfig, tempDatabase, testDeps, within } from './testing/ingest-fixture';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

describe('registerIngestMetrics', () => {
  it('shows committed messages and transactions of the current pipeline', async () => {
    const tmp = tempDatabase();
    cleanups.push(tmp.cleanup);
    const clock = new FakeClock();
    const metrics = new MetricsRegistry();
    const config = demoConfig();
    for (const round of [1, 2]) {
      const pipeline = new IngestPipeline({ config, db: tmp.db, clock, ...testDeps() });
      pipeline.start();
      registerIngestMetrics(metrics, pipeline);
      const commits = [0, 1, 2].map((i) => {
        const v = pipeline.check(
          'wic-1',
          topics.telemetry(config.store.id, 'wic-1'),
          Buffer.from(JSON.stringify({ ts: clock.now() - round * 100 - i, readings: { temp_c: 1 } })),
        );
        if (!v.ok) throw new Error(v.detail);
        return v.commit();
      });
      clock.advance(10);
      await within(Promise.all(commits));
      pipeline.stop();
      const text = metrics.render();
      expect(text).toContain('galley_ingest_committed_total 3\n');
      expect(text).toContain('galley_ingest_transactions_total 1\n');
      expect(text).toContain('galley_ingest_waiting 0\n');
    }
  });
});
