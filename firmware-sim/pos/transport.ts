import type { PosOrderSubmission } from '../../shared/api/orders';
import type { DeliveryStats } from './delivery-queue';

/** One way the simulated POS hands its events over: HTTP POST, MQTT, Square-style webhooks. */
export interface OrderTransport {
  readonly name: string;
  /** Queues the event; it stays queued until the receiver acknowledged it. */
  send(submission: PosOrderSubmission): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  stats(): DeliveryStats;
  /** Resolves once everything sent so far was acknowledged or given up. */
  idle(): Promise<void>;
}
