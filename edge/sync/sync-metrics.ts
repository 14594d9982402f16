import type { MetricsRegistry, Sample } from '../../shared/server/runtime/metrics';
import type { SyncHealth } from '../../shared/sync/sync-protocol';

export interface SyncMetricsSource {
  health(): SyncHealth;
  counters(): {
    batchesSent: number;
    eventsSent: number;
    pushFailures: number;
    batchesRefused: number;
    configPullFailures: number;
    commandPollFailures: number;
  };
}

// The registry keeps its collectors for the life of the process; a sync service built
// again (edge restarted in tests) takes the place of the old one as their source.
const sources = new WeakMap<MetricsRegistry, { current: SyncMetricsSource }>();

/** Sync health on `/metrics`, read at scrape time from the same numbers as GET /api/sync. */
export function registerSyncMetrics(metrics: MetricsRegistry, source: SyncMetricsSource): void {
  const existing = sources.get(metrics);
  if (existing) {
    existing.current = source;
    return;
  }
  const holder = { current: source };
  sources.set(metrics, holder);
  const health = (pick: (h: SyncHealth) => number | null) => (): Sample[] => {
    const value = pick(holder.current.health());
    return value === null ? [] : [{ value }];
  };
  const counter = (pick: (c: ReturnType<SyncMetricsSource['counters']>) => number) => (): Sample[] => [
    { value: pick(holder.current.counters()) },
  ];
  metrics.gauge('galley_sync_enabled', '1 when the edge forwards to a central service', [], {
    collect: health((h) => (h.enabled ? 1 : 0)),
  });
  metrics.gauge(
    'galley_sync_backlog_events',
    'Outbox events central has not acknowledged, by lane',
    ['lane'],
    {
      collect: () => {
        const { backlog } = holder.current.health();
        return [
          { labels: { lane: 'high' }, value: backlog.high },
          { labels: { lane: 'low' }, value: backlog.low },
        ];
      },
    },
  );
  metrics.gauge('galley_sync_lag_seconds', 'Age of the oldest unsent outbox event (0 when none waits)', [], {
    collect: health((h) => (h.lagMs ?? 0) / 1000),
  });
  metrics.gauge('galley_sync_last_acked_seq', 'Highest outbox seq central acknowledged', [], {
    collect: health((h) => h.lastAckedSeq),
  });
  metrics.gauge('galley_sync_consecutive_failures', 'Failed pushes since the last success', [], {
    collect: health((h) => h.consecutiveFailures),
  });
  metrics.gauge('galley_sync_last_success_timestamp_seconds', 'When central last acknowledged a batch', [], {
    collect: health((h) => (h.lastSuccessAt === null ? null : h.lastSuccessAt / 1000)),
  });
  metrics.gauge('galley_sync_config_version', 'Central config version applied here', [], {
    collect: health((h) => h.configVersion),
  });
  metrics.counter('galley_sync_dropped_rollups_total', 'Rollup events dropped on a full outbox', [], {
    collect: health((h) => h.droppedRollups),
  });
  metrics.counter('galley_sync_batches_sent_total', 'Batches central acknowledged', [], {
    collect: counter((c) => c.batchesSent),
  });
  metrics.counter('galley_sync_events_sent_total', 'Events central acknowledged', [], {
    collect: counter((c) => c.eventsSent),
  });
  metrics.counter('galley_sync_push_failures_total', 'Pushes that failed and were retried', [], {
    collect: counter((c) => c.pushFailures),
  });
  metrics.gauge(
    'galley_sync_set_aside_events',
    'Events central refused as invalid, kept aside on the edge until retried (GET /api/sync lists the newest)',
    [],
    { collect: health((h) => h.setAside ?? 0) },
  );
  metrics.counter(
    'galley_sync_refused_batches_total',
    'Posts central refused as invalid (halves of a bisected batch included)',
    [],
    { collect: counter((c) => c.batchesRefused) },
  );
  metrics.counter('galley_sync_config_pull_failures_total', 'Config polls that failed', [], {
    collect: counter((c) => c.configPullFailures),
  });
  metrics.counter(
    'galley_sync_command_poll_failures_total',
    "Polls for the region's actions on this store that failed",
    [],
    { collect: counter((c) => c.commandPollFailures) },
  );
}
