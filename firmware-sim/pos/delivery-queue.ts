import type { Clock, TimerHandle } from '../../shared/server/runtime/clock';
import type { Logger } from '../../shared/server/runtime/logger';
import { type BackoffOptions, backoffDelayMs, DEFAULT_BACKOFF } from '../backoff';
import type { Rng } from '../random';

/** One HTTP request a POS must get acknowledged: the body is fixed, so a retry repeats it byte for byte. */
export interface PendingPost {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** what it is, for logs: an event id */
  label: string;
}

export interface DeliveryStats {
  /** waiting, the one in flight included */
  queued: number;
  /** acknowledged with 2xx */
  delivered: number;
  /** answered 4xx (not 408/429): the receiver will never take it, so it is dropped, loudly */
  refused: number;
  /** attempts that failed and will be retried */
  failures: number;
  /** dropped from a full queue, oldest first */
  dropped: number;
}

export interface DeliveryQueueOptions {
  clock: Clock;
  rng: Rng;
  logger: Logger;
  backoff?: Partial<BackoffOptions>;
  requestTimeoutMs?: number;
  /** beyond it the oldest waiting request is dropped; a POS's memory is not endless either */
  capacity?: number;
  /** node's fetch unless given (tests count calls through it) */
  fetch?: typeof fetch;
  /** told of each acknowledged request with the answer's body */
  onAcknowledged?: (post: PendingPost, body: string) => void;
}

/**
 * Sends POSTs one at a time, in order, and keeps each in memory until the receiver
 * answers 2xx; a network error, a timeout or a 5xx is retried with exponential
 * back-off and jitter. In order because a feed's versions should arrive in order
 * when nothing goes wrong; out-of-order delivery is a fault the simulator injects
 * on purpose, not one its transport makes by accident.
 */
export class DeliveryQueue {
  private readonly queue: PendingPost[] = [];
  private readonly o: Required<Omit<DeliveryQueueOptions, 'backoff' | 'onAcknowledged' | 'fetch'>> & {
    backoff: BackoffOptions;
  };
  private readonly fetchFn: typeof fetch;
  private readonly onAcknowledged: DeliveryQueueOptions['onAcknowledged'];
  private readonly counts = { delivered: 0, refused: 0, failures: 0, dropped: 0 };
  private attempt = 0;
  private inFlight: AbortController | null = null;
  private retryTimer: TimerHandle | null = null;
  private running = true;
  private idleWaiters: (() => void)[] = [];

  constructor(options: DeliveryQueueOptions) {
    this.o = {
      clock: options.clock,
      rng: options.rng,
      logger: options.logger,
      backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
      requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
      capacity: options.capacity ?? 10_000,
    };
    this.fetchFn = options.fetch ?? fetch;
    this.onAcknowledged = options.onAcknowledged;
  }

  push(post: PendingPost): void {
    if (!this.running) throw new Error('the delivery queue is stopped');
    if (this.queue.length >= this.o.capacity) {
      // The head may be in flight; drop the oldest one behind it.
      const lost = this.queue.splice(this.inFlight ? 1 : 0, 1)[0];
      this.counts.dropped++;
      this.o.logger.warn({ label: lost?.label }, 'delivery queue full: dropped the oldest event');
    }
    this.queue.push(post);
    this.pump();
  }

  stats(): DeliveryStats {
    return { queued: this.queue.length, ...this.counts };
  }

  /** Resolves once nothing is waiting (at once if nothing is). */
  idle(): Promise<void> {
    if (this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops sending; what was not acknowledged stays counted as queued. */
  stop(): void {
    this.running = false;
    this.inFlight?.abort();
    if (this.retryTimer) this.o.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private pump(): void {
    if (!this.running || this.inFlight || this.retryTimer) return;
    const head = this.queue[0];
    if (!head) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
      return;
    }
    const controller = new AbortController();
    this.inFlight = controller;
    const timeout = setTimeout(() => controller.abort(), this.o.requestTimeoutMs);
    void this.send(head, controller.signal)
      .then((outcome) => this.settle(head, outcome))
      .finally(() => {
        clearTimeout(timeout);
        this.inFlight = null;
        this.pump();
      });
  }

  private async send(
    post: PendingPost,
    signal: AbortSignal,
  ): Promise<{ status: number; body: string } | Error> {
    try {
      const response = await this.fetchFn(post.url, {
        method: 'POST',
        headers: post.headers,
        body: post.body,
        signal,
      });
      return { status: response.status, body: await response.text() };
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err));
    }
  }

  private settle(post: PendingPost, outcome: { status: number; body: string } | Error): void {
    if (!this.running) return;
    if (!(outcome instanceof Error) && outcome.status >= 200 && outcome.status < 300) {
      this.queue.shift();
      this.attempt = 0;
      this.counts.delivered++;
      this.onAcknowledged?.(post, outcome.body);
      return;
    }
    const permanent =
      !(outcome instanceof Error) &&
      outcome.status >= 400 &&
      outcome.status < 500 &&
      outcome.status !== 408 &&
      outcome.status !== 429;
    if (permanent) {
      this.queue.shift();
      this.attempt = 0;
      this.counts.refused++;
      this.o.logger.warn(
        { label: post.label, status: outcome.status, body: outcome.body.slice(0, 500) },
        'event refused by the receiver',
      );
      return;
    }
    this.counts.failures++;
    const delay = backoffDelayMs(this.attempt++, this.o.backoff, this.o.rng);
    this.o.logger.debug(
      {
        label: post.label,
        delayMs: delay,
        error: outcome instanceof Error ? outcome.message : `HTTP ${outcome.status}`,
      },
      'delivery failed: will retry',
    );
    this.retryTimer = this.o.clock.setTimeout(() => {
      this.retryTimer = null;
      this.pump();
    }, delay);
  }
}
