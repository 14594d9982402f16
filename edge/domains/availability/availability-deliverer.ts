import type { AvailabilityWebhook } from '../../../shared/config/pos-connectors';
import type { Clock, TimerHandle } from '../../../shared/server/runtime/clock';
import type { Logger } from '../../../shared/server/runtime/logger';
import type { OutgoingRequest } from './availability-payloads';
import type { AvailabilityStore } from './availability-store';

const POLL_MS = 250;
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;
/** After a day of refusals the change is stale (newer ones are queued behind it): given up, visible. */
const GIVE_UP_AFTER_MS = 24 * 3_600_000;
const REQUEST_TIMEOUT_MS = 5_000;

/**
 * Sends the queued availability changes, to each webhook in the order they happened (an
 * item out then back must not arrive back then out), one at a time per webhook: the next
 * waits until the one before is acknowledged with a 2xx. Failures back off 1 s, 2 s, 4 s …
 * up to a minute; every attempt's outcome is stored with the delivery.
 */
export class AvailabilityDeliverer {
  #timer: TimerHandle | undefined;
  #busy = false;
  #stopped = false;

  constructor(
    private readonly deps: {
      store: AvailabilityStore;
      clock: Clock;
      logger: Logger;
      webhooks: () => readonly AvailabilityWebhook[];
      env: NodeJS.ProcessEnv;
      fetch?: typeof fetch;
    },
  ) {}

  start(): void {
    this.#stopped = false;
    this.#timer ??= this.deps.clock.setInterval(() => this.kick(), POLL_MS);
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) this.deps.clock.clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Starts a drain nobody waits for; what goes wrong is logged, the next poll tries again. */
  kick(): void {
    this.drain().catch((err: unknown) => this.deps.logger.error({ err }, 'availability deliveries stalled'));
  }

  /** Sends what is due now; resolves when every webhook's head is delivered or waiting to retry. */
  async drain(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      while (!this.#stopped) {
        const now = this.deps.clock.now();
        const heads = this.deps.store.heads().filter((d) => d.nextAttemptAt <= now);
        if (heads.length === 0) return;
        const results = await Promise.all(heads.map((d) => this.#attempt(d)));
        if (!results.some(Boolean)) return;
      }
    } finally {
      this.#busy = false;
    }
  }

  async #attempt(d: ReturnType<AvailabilityStore['heads']>[number]): Promise<boolean> {
    const { store, clock, logger } = this.deps;
    const webhook = this.deps.webhooks().find((w) => w.id === d.webhook);
    if (!webhook) {
      store.markFailed(d.id, {
        status: null,
        error: `webhook ${d.webhook} is no longer configured`,
        retryAt: clock.now(),
        giveUp: true,
      });
      return true;
    }
    const request = JSON.parse(d.request) as OutgoingRequest;
    const headers = { ...request.headers };
    const token = webhook.tokenEnv ? this.deps.env[webhook.tokenEnv] : undefined;
    if (token) headers.authorization = `Bearer ${token}`;
    let status: number | null = null;
    let error: string;
    try {
      const res = await (this.deps.fetch ?? fetch)(webhook.url, {
        method: request.method,
        headers,
        body: request.body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
      // Stopped meanwhile (the edge shutting down): the row stays pending and goes again at start.
      if (this.#stopped) return false;
      if (res.ok) {
        store.markDelivered(d.id, res.status, clock.now());
        return true;
      }
      error = `answered ${res.status}`;
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    if (this.#stopped) return false;
    const now = clock.now();
    const wait = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(d.attempts, 16));
    const giveUp = now - d.createdAt > GIVE_UP_AFTER_MS;
    store.markFailed(d.id, { status, error, retryAt: now + wait, giveUp });
    logger.warn(
      { webhook: d.webhook, delivery: d.id, status, attempts: d.attempts + 1 },
      `availability delivery failed: ${error}`,
    );
    return giveUp;
  }
}
