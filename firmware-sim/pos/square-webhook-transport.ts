import type { PosOrderSubmission } from '../../shared/api/orders';
import { SQUARE_SIGNATURE_HEADER } from '../../shared/api/pos-connectors';
import type { Clock } from '../../shared/server/runtime/clock';
import type { Logger } from '../../shared/server/runtime/logger';
import type { BackoffOptions } from '../backoff';
import type { Rng } from '../random';
import { DeliveryQueue, type DeliveryStats } from './delivery-queue';
import { type SquareOrderBook, signSquareNotification } from './square-orders';
import type { OrderTransport } from './transport';

export interface SquareWebhookTransportOptions {
  book: SquareOrderBook;
  signatureKey: string;
  /** the URL registered with "Square": it is signed, so it must match the receiver's setting exactly */
  notificationUrl: string;
  /** where the POST really goes, when a proxy sits in between; the notification URL otherwise */
  targetUrl?: string;
  clock: Clock;
  rng: Rng;
  logger: Logger;
  backoff?: Partial<BackoffOptions>;
  fetch?: typeof fetch;
}

/** Bodies kept per event so a repeat is byte-identical, as Square's redeliveries are. */
const REMEMBERED_BODIES = 5_000;

/**
 * Square-style notifications: a signed `order.created` / `order.updated` per event,
 * retried until answered 2xx. The order itself is not in the notification: the
 * receiver fetches it from the simulated Square (SquareApiServer).
 */
export class SquareWebhookTransport implements OrderTransport {
  readonly name = 'square-webhook';
  private readonly queue: DeliveryQueue;
  private readonly bodies = new Map<string, string>();

  constructor(private readonly options: SquareWebhookTransportOptions) {
    this.queue = new DeliveryQueue({
      clock: options.clock,
      rng: options.rng,
      logger: options.logger,
      ...(options.backoff ? { backoff: options.backoff } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  send(submission: PosOrderSubmission): void {
    const at = this.options.clock.now();
    this.options.book.record(submission, at);
    let body = this.bodies.get(submission.eventId);
    if (body === undefined) {
      body = JSON.stringify(this.options.book.notification(submission, at));
      this.bodies.set(submission.eventId, body);
      if (this.bodies.size > REMEMBERED_BODIES) this.bodies.delete(this.bodies.keys().next().value!);
    }
    this.queue.push({
      url: this.options.targetUrl ?? this.options.notificationUrl,
      headers: {
        'content-type': 'application/json',
        [SQUARE_SIGNATURE_HEADER]: signSquareNotification(
          this.options.signatureKey,
          this.options.notificationUrl,
          body,
        ),
      },
      body,
      label: submission.eventId,
    });
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {
    this.queue.stop();
  }

  stats(): DeliveryStats {
    return this.queue.stats();
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }
}
