import type { Clock, TimerHandle } from '../../../shared/server/runtime/clock';
import type { Logger } from '../../../shared/server/runtime/logger';
import type { WebhookStore } from './webhook-store';

export interface DispatcherOptions {
  /** First retry after this long; doubled per attempt up to `maxBackoffMs`. */
  baseBackoffMs: number;
  maxBackoffMs: number;
  maxAttempts: number;
  /** How often the due deliveries are checked besides the wake-ups after ingest. */
  pollMs: number;
  requestTimeoutMs: number;
}

export const DEFAULT_DISPATCHER_OPTIONS: DispatcherOptions = {
  baseBackoffMs: 2_000,
  maxBackoffMs: 5 * 60_000,
  maxAttempts: 12,
  pollMs: 1_000,
  requestTimeoutMs: 10_000,
};

export interface DispatcherStats {
  delivered: number;
  failedAttempts: number;
  gaveUp: number;
}

/**
 * Posts queued webhook deliveries with retry and exponential back-off. The queue is
 * the `webhook_deliveries` table, so a restart picks up where the last run stopped.
 */
export class WebhookDispatcher {
  readonly stats: DispatcherStats = { delivered: 0, failedAttempts: 0, gaveUp: 0 };
  readonly #options: DispatcherOptions;
  readonly #log: Logger;
  #timer: TimerHandle | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = true;

  constructor(
    private readonly deps: { store: WebhookStore; clock: Clock; logger: Logger },
    options: Partial<DispatcherOptions> = {},
  ) {
    this.#options = { ...DEFAULT_DISPATCHER_OPTIONS, ...options };
    this.#log = deps.logger.child({ ns: 'central.webhooks' });
  }

  start(): void {
    this.#stopped = false;
    this.#timer = this.deps.clock.setInterval(() => this.wake(), this.#options.pollMs);
    this.wake();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) this.deps.clock.clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  /** Runs the due deliveries now (one run at a time; a wake during a run runs once more). */
  wake(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#runLoop().finally(() => {
      this.#running = undefined;
    });
  }

  /** Resolves when the current run, if any, has finished. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async #runLoop(): Promise<void> {
    do {
      this.#again = false;
      try {
        await this.runDue();
      } catch (err) {
        this.#log.error({ err }, 'webhook run failed; retrying on the next tick');
      }
    } while (this.#again && !this.#stopped);
  }

  async runDue(): Promise<void> {
    const due = await this.deps.store.due(this.deps.clock.now(), 50);
    for (const delivery of due) {
      if (this.#stopped) return;
      const error = await this.#post(delivery.url, delivery.body);
      const now = this.deps.clock.now();
      if (error === undefined) {
        await this.deps.store.markDelivered(delivery.id, now);
        this.stats.delivered++;
        this.#log.info({ deliveryId: delivery.id, alarmId: delivery.alarmId }, 'webhook delivered');
        continue;
      }
      const attempts = delivery.attempts + 1;
      const giveUp = attempts >= this.#options.maxAttempts;
      const backoff = Math.min(this.#options.maxBackoffMs, this.#options.baseBackoffMs * 2 ** (attempts - 1));
      await this.deps.store.markFailed(delivery.id, error, giveUp ? null : now + backoff);
      this.stats.failedAttempts++;
      if (giveUp) this.stats.gaveUp++;
      this.#log.warn(
        { deliveryId: delivery.id, attempts, error, retryInMs: giveUp ? null : backoff },
        giveUp ? 'webhook failed; giving up' : 'webhook failed; will retry',
      );
    }
  }

  /** Undefined on success, else why it failed. */
  async #post(url: string, body: string): Promise<string | undefined> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(this.#options.requestTimeoutMs),
      });
      // Drain the body so the connection is released.
      await response.arrayBuffer();
      return response.ok ? undefined : `HTTP ${response.status}`;
    } catch (err) {
      return (err as Error).message;
    }
  }
}
