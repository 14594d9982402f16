import type { MetricsRegistry } from '../../shared/server/runtime/metrics';
import type { IngestPipeline } from './ingest-pipeline';

type StatsSource = Pick<IngestPipeline, 'stats' | 'flapStats'>;

// The registry keeps its collectors for the life of the process; a pipeline built
// again (edge restarted in tests) takes the place of the old one as their source.
const sources = new WeakMap<MetricsRegistry, { current: StatsSource }>();

/** Exposes group-commit and flap numbers on `/metrics`, read from the pipeline at scrape time. */
export function registerIngestMetrics(metrics: MetricsRegistry, pipeline: StatsSource): void {
  const existing = sources.get(metrics);
  if (existing) {
    existing.current = pipeline;
    return;
  }
  const source = { current: pipeline };
  sources.set(metrics, source);
  const read = (pick: (s: ReturnType<StatsSource['stats']>) => number) => () => [
    { value: pick(source.current.stats()) },
  ];
  metrics.counter('galley_ingest_transactions_total', 'SQLite transactions committed by ingest', [], {
    collect: read((s) => s.transactions),
  });
  metrics.counter(
    'galley_ingest_committed_total',
    'Messages durably stored (telemetry, events, status)',
    [],
    {
      collect: read((s) => s.committedItems),
    },
  );
  metrics.counter(
    'galley_ingest_commit_failures_total',
    'Messages whose transaction failed (not acknowledged)',
    [],
    {
      collect: read((s) => s.failedItems),
    },
  );
  metrics.gauge('galley_ingest_waiting', 'Messages waiting for the next group commit', [], {
    collect: read((s) => s.waiting),
  });
  metrics.counter(
    'galley_device_flaps_total',
    'Flapping episodes per equipment: an outage in which the device came back and dropped again, counted once',
    ['equipment'],
    {
      collect: () =>
        Object.entries(source.current.flapStats().episodes).map(([equipment, value]) => ({
          labels: { equipment },
          value,
        })),
    },
  );
  metrics.counter(
    'galley_device_flap_drops_total',
    'Drops of flapping devices that changed nothing (no re-raise, no event for central)',
    [],
    { collect: () => [{ value: source.current.flapStats().heldDrops }] },
  );
}
