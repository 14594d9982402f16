import { randomBytes } from 'node:crypto';
import type { Clock, TimerHandle } from '../../../shared/server/runtime/clock';
import type { Logger } from '../../../shared/server/runtime/logger';
import { type ClaimedDelivery, idempotencyKeyOf } from './webhook-claims';
import type { WebhookStore } from './webhook-store';

export interface DispatcherOptions {
  /** First retry after this long; doubled per attempt up to `maxBackoffMs`. */
  baseBackoffMs: number;
  maxBackoffMs: number;
  maxAttempts: number;
  /** How often the due deliveries are checked besides the wake-ups after ingest. */
  pollMs: number;
  requestTimeoutMs: number;
  /**
   * How long a claimed delivery is this process's alone; after that another process takes it
   * over (this one died or hangs). Longer than `claimBatch` posts that all time out.
   */
  leaseMs: number;
  /** Deliveries claimed at a time. */
  claimBatch: number;
}

export const DEFAULT_DISPATCHER_OPTIONS: DispatcherOptions = {
  baseBackoffMs: 2_000,
  maxBackoffMs: 5 * 60_000,
  maxAttempts: 12,
  pollMs: 1_000,
  requestTimeoutMs: 10_000,
  leaseMs: 2 * 60_000,
  claimBatch: 10,
};

/** The header every delivery carries, the same on every attempt from every process. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

export interface DispatcherStats {
  delivered: number;
  failedAttempts: number;
  gaveUp: number;
  /** Attempts whose lease ran out before they were recorded (another process took them over). */
  lostClaims: number;
}

/**
 * Posts queued webhook deliveries with retry and exponential back-off. The queue is
 * the `webhook_deliveries` table, so a restart picks up where the last run stopped.
 * Several central processes may run one each: a delivery is claimed with a lease before
 * it is sent (webhook-claims.ts), so one process sends it at a time, and one that dies
 * mid-send leaves it to the others once the lease runs out. Every attempt carries the
 * same `Idempotency-Key`, for the receiver to drop the resend that such a death can cause.
 */
export class WebhookDispatcher {
  readonly stats: DispatcherStats = { delivered: 0, failedAttempts: 0, gaveUp: 0, lostClaims: 0 };
  /** This process's name on its claims. */
  readonly owner = `central-${process.pid}-${randomBytes(4).toString('hex')}`;
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
    for (;;) {
      const due = await this.deps.store.claimDue({
        owner: this.owner,
        now: this.deps.clock.now(),
        leaseMs: this.#options.leaseMs,
        limit: this.#options.claimBatch,
      });
      for (const [i, delivery] of due.entries()) {
        // A post must end before the lease does, or another process could send the same
        // delivery meanwhile: the time left (less a margin for recording it) caps its timeout.
        const leftMs = delivery.leaseUntil - this.deps.clock.now() - this.#options.leaseMs / 10;
        if (this.#stopped || leftMs <= 0) {
          // Handed back at once rather than left to expire: another process (or the next run) sends them.
          await this.deps.store.releaseClaims(
            due.slice(i).map((d) => d.id),
            this.owner,
          );
          break;
        }
        await this.#send(delivery, Math.min(this.#options.requestTimeoutMs, leftMs));
      }
      if (due.length < this.#options.claimBatch || this.#stopped) return;
    }
  }

  async #send(delivery: ClaimedDelivery, timeoutMs: number): Promise<void> {
    const error = await this.#post(delivery.url, delivery.body, idempotencyKeyOf(delivery), timeoutMs);
    const now = this.deps.clock.now();
    if (error === undefined) {
      const recorded = await this.deps.store.markDelivered(delivery.id, now, this.owner);
      this.stats.delivered++;
      if (!recorded) this.#lostClaim(delivery);
      this.#log.info({ deliveryId: delivery.id, alarmId: delivery.alarmId }, 'webhook delivered');
      return;
    }
    const attempts = delivery.attempts + 1;
    const giveUp = attempts >= this.#options.maxAttempts;
    const backoff = Math.min(this.#options.maxBackoffMs, this.#options.baseBackoffMs * 2 ** (attempts - 1));
    const recorded = await this.deps.store.markFailed(
      delivery.id,
      error,
      giveUp ? null : now + backoff,
      this.owner,
    );
    if (!recorded) this.#lostClaim(delivery);
    this.stats.failedAttempts++;
    if (giveUp) this.stats.gaveUp++;
    this.#log.warn(
      { deliveryId: delivery.id, attempts, error, retryInMs: giveUp ? null : backoff },
      giveUp ? 'webhook failed; giving up' : 'webhook failed; will retry',
    );
  }

  #lostClaim(delivery: ClaimedDelivery): void {
    this.stats.lostClaims++;
    this.#log.warn(
      { deliveryId: delivery.id, leaseUntil: delivery.leaseUntil },
      'webhook lease ran out before the attempt was recorded; another process owns it now',
    );
  }

  /** Undefined on success, else why it failed. */
  async #post(
    url: string,
    body: string,
    idempotencyKey: string,
    timeoutMs: number,
  ): Promise<string | undefined> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Drain the body so the connection is released.
      await response.arrayBuffer();
      return response.ok ? undefined : `HTTP ${response.status}`;
    } catch (err) {
      return (err as Error).message;
    }
  }
}
