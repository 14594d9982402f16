import type { Logger } from '../../shared/server/runtime/logger';
import type { EdgeBroker } from '../broker/edge-broker';

/** Publishes one kind of announcement (`what` names it in the log) on a topic under `_edge/`. */
export type Announce = (
  what: string,
) => (topic: string, payload: string, options: { retain: boolean; qos: 0 | 1 }) => void;

/**
 * What the edge announces under `_edge/`, after it is stored: a publish that fails (the
 * broker stopping) is logged, never thrown into the service that announces it. The broker
 * is asked for at publish time: rooms built before it only publish once the edge runs.
 */
export function announcerVia(broker: () => EdgeBroker, log: Logger): Announce {
  return (what) => (topic, payload, options) => {
    broker()
      .publish(topic, payload, options)
      .catch((err: unknown) => {
        log.warn({ err, topic }, `${what} not published over MQTT (it is stored)`);
      });
  };
}
