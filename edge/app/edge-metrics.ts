import { faults } from '../../shared/server/runtime/fault-containment';
import type { MetricsRegistry } from '../../shared/server/runtime/metrics';
import type { EdgeBroker } from '../broker/edge-broker';
import { registerDeviceClaimMetrics } from '../domains/commissioning/claim/device-claim-metrics';
import type { DeviceClaimService } from '../domains/commissioning/claim/device-claim-service';
import type { IngestPipeline } from '../ingest/ingest-pipeline';
import { registerBrokerMetrics } from './broker-metrics';
import { registerMemoryMetrics } from './memory-metrics';

/** The box's own numbers on `/metrics`, read at scrape time: broker, device claims, memory, contained faults. */
export function registerEdgeMetrics(
  metrics: MetricsRegistry,
  from: { broker: EdgeBroker; claims: DeviceClaimService; ingest: IngestPipeline },
): void {
  const { broker, claims, ingest } = from;
  registerBrokerMetrics(metrics, () => broker.stats());
  registerDeviceClaimMetrics(metrics, claims);
  if (!metrics.has('galley_memory_bytes')) registerMemoryMetrics(metrics, () => ingest.writerHeap);
  metrics.counter(
    'galley_contained_faults_total',
    'Exceptions caught at a boundary (broker hook or event, bus listener, timer, process) instead of ending the process',
    ['site'],
    { collect: () => faults.counts().map(({ site, count }) => ({ labels: { site }, value: count })) },
  );
}
