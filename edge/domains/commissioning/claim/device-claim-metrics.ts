import type { MetricsRegistry } from '../../../../shared/server/runtime/metrics';
import type { DeviceClaimService } from './device-claim-service';

/**
 * Claims on `/metrics`, read at scrape time. Refusals by reason are in
 * `galley_mqtt_refused_connections_total{reason="claim_…"}` with every other CONNECT refusal.
 */
export function registerDeviceClaimMetrics(
  metrics: MetricsRegistry,
  claims: Pick<DeviceClaimService, 'counts' | 'list'>,
): void {
  metrics.counter(
    'galley_device_claims_total',
    'Device claims since start, by outcome (admitted at CONNECT, credentials delivered, refused)',
    ['outcome'],
    {
      collect: () =>
        Object.entries(claims.counts()).map(([outcome, value]) => ({ labels: { outcome }, value })),
    },
  );
  metrics.gauge('galley_device_claims_pending', 'Device claims waiting for a technician', [], {
    collect: () => [{ value: claims.list('pending').length }],
  });
}
