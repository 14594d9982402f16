import type { MetricsRegistry } from '../../shared/server/runtime/metrics';
import type { BrokerStatsSnapshot } from '../broker/broker-stats';

/** Broker numbers on `/metrics`, read from the broker at scrape time. */
export function registerBrokerMetrics(metrics: MetricsRegistry, stats: () => BrokerStatsSnapshot): void {
  metrics.gauge('galley_mqtt_connected_clients', 'MQTT clients connected now', [], {
    collect: () => [{ value: stats().connectedClients }],
  });
  metrics.counter('galley_mqtt_messages_in_total', 'PUBLISH packets received from clients', [], {
    collect: () => [{ value: stats().messagesIn }],
  });
  metrics.counter('galley_mqtt_refused_connections_total', 'CONNECTs refused, by reason', ['reason'], {
    collect: () =>
      Object.entries(stats().refusedConnections).map(([reason, value]) => ({ labels: { reason }, value })),
  });
  metrics.counter('galley_mqtt_dropped_total', 'Publishes the broker dropped itself, by reason', ['reason'], {
    collect: () =>
      Object.entries(stats().messagesDropped).map(([reason, value]) => ({ labels: { reason }, value })),
  });
  metrics.gauge('galley_mqtt_pending_connections', 'MQTT connections that have not completed CONNECT', [], {
    collect: () => [{ value: stats().pendingConnections }],
  });
  metrics.counter(
    'galley_mqtt_pending_closed_total',
    'MQTT connections closed before completing CONNECT (pending caps, CONNECT deadline), by reason',
    ['reason'],
    {
      collect: () =>
        Object.entries(stats().pendingClosed).map(([reason, value]) => ({ labels: { reason }, value })),
    },
  );
  metrics.counter(
    'galley_mqtt_protocol_violations_total',
    'MQTT connections closed for breaking an MQTT 3.1.1 wire rule, by rule',
    ['rule'],
    {
      collect: () =>
        Object.entries(stats().protocolViolations).map(([rule, value]) => ({ labels: { rule }, value })),
    },
  );
  metrics.gauge('galley_mqtt_relay_queued', 'Messages waiting to be routed to subscribers', [], {
    collect: () => [{ value: stats().relay.queued }],
  });
}
