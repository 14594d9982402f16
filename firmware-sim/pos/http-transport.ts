import type { PosOrderSubmission } from '../../shared/api/orders';
import type { Clock } from '../../shared/server/runtime/clock';
import type { Logger } from '../../shared/server/runtime/logger';
import type { BackoffOptions } from '../backoff';
import type { Rng } from '../random';
import { DeliveryQueue, type DeliveryStats } from './delivery-queue';
import type { OrderTransport } from './transport';

export interface HttpOrderTransportOptions {
  /** the edge's base URL, e.g. http://127.0.0.1:8080 */
  baseUrl: string;
  /** an integration client of the store config with the `pos` API role */
  client: string;
  secret: string;
  clock: Clock;
  rng: Rng;
  logger: Logger;
  backoff?: Partial<BackoffOptions>;
  fetch?: typeof fetch;
}

/** `POST /api/pos/orders` with HTTP Basic credentials, as a POS integration calls the edge. */
export class HttpOrderTransport implements OrderTransport {
  readonly name = 'http';
  private readonly queue: DeliveryQueue;
  private readonly url: string;
  private readonly authorization: string;
  private duplicates = 0;

  constructor(options: HttpOrderTransportOptions) {
    this.url = new URL('/api/pos/orders', options.baseUrl).toString();
    this.authorization = `Basic ${Buffer.from(`${options.client}:${options.secret}`).toString('base64')}`;
    this.queue = new DeliveryQueue({
      clock: options.clock,
      rng: options.rng,
      logger: options.logger,
      ...(options.backoff ? { backoff: options.backoff } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      onAcknowledged: (_post, body) => {
        if (isDuplicateAnswer(body)) this.duplicates++;
      },
    });
  }

  send(submission: PosOrderSubmission): void {
    this.queue.push({
      url: this.url,
      headers: { 'content-type': 'application/json', authorization: this.authorization },
      body: JSON.stringify(submission),
      label: submission.eventId,
    });
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {
    this.queue.stop();
  }

  stats(): DeliveryStats & { duplicates: number } {
    return { ...this.queue.stats(), duplicates: this.duplicates };
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }
}

function isDuplicateAnswer(body: string): boolean {
  try {
    const parsed: unknown = JSON.parse(body);
    return (
      typeof parsed === 'object' && parsed !== null && (parsed as { duplicate?: unknown }).duplicate === true
    );
  } catch {
    // A 2xx without a JSON body is still an acknowledgement; it just says nothing about duplicates.
    return false;
  }
}
