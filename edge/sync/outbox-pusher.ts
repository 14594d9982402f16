import { SYNC_MAX_EVENTS_PER_BATCH, type SyncBatch, syncPriorityOf } from '../../shared/sync/sync-protocol';
import type { Clock, TimerHandle } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
import { type BackoffPolicy, backoffDelay, type Random } from './backoff';
import type { CentralClient } from './central-client';
import type { OutboxStore } from './outbox-store';
import { SyncError } from './sync-errors';

export interface OutboxPusherDeps {
  outbox: OutboxStore;
  client: CentralClient;
  storeId: string;
  clock: Clock;
  random: Random;
  logger: Logger;
  /** how often an idle pusher looks for new events */
  pollMs: number;
  backoff: BackoffPolicy;
  maxEventsPerBatch?: number;
  /** after a pass that delivered something, or after any change of the attempt state */
  onProgress: (pass: PassOutcome) => void;
}

export type PassOutcome =
  | { kind: 'drained'; delivered: number }
  | { kind: 'failed'; error: SyncError; retryInMs: number };

export interface PusherState {
  lastAttemptAt: number | null;
  lastError: { at: number; message: string; code: string } | null;
  consecutiveFailures: number;
  nextAttemptAt: number | null;
  batchesSent: number;
  eventsSent: number;
  duplicatesReported: number;
}

/**
 * Sends the outbox to central one batch at a time — never two in flight — high lane
 * first, and removes what central acknowledged. On failure it waits with exponential
 * back-off and jitter and resends the same rows; central ignores what it already has.
 */
export class OutboxPusher {
  readonly #deps: OutboxPusherDeps;
  readonly #log: Logger;
  readonly state: PusherState = {
    lastAttemptAt: null,
    lastError: null,
    consecutiveFailures: 0,
    nextAttemptAt: null,
    batchesSent: 0,
    eventsSent: 0,
    duplicatesReported: 0,
  };
  #timer: TimerHandle | undefined;
  #pass: Promise<void> | undefined;
  #running = false;
  #stopping = false;
  /** highest low-lane seq of the batch in flight: the outbox cap must not drop those */
  #inFlightLowThrough = 0;
  /** a nudge arrived during a pass: look again as soon as it ends */
  #nudged = false;

  constructor(deps: OutboxPusherDeps) {
    this.#deps = deps;
    this.#log = deps.logger.child({ ns: 'sync-push' });
  }

  get inFlightLowThrough(): number {
    return this.#inFlightLowThrough;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#stopping = false;
    this.#schedule(0);
  }

  /** Stops after the request in flight is aborted; its rows stay in the outbox for next time. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#stopping = true;
    if (this.#timer) this.#deps.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#deps.client.abort();
    await this.#pass;
  }

  /**
   * New high-priority events are waiting: push now. A pass in progress picks them up in
   * its next batch, or, if it is past its last read, runs again at once; a pending
   * back-off is kept (central is failing, hurrying would only add load).
   */
  nudge(): void {
    if (!this.#running || this.state.consecutiveFailures > 0) return;
    if (this.#pass) {
      this.#nudged = true;
      return;
    }
    // A burst (a storm of status changes) schedules one pass, not one timer per row.
    if (
      this.#timer &&
      this.state.nextAttemptAt !== null &&
      this.state.nextAttemptAt <= this.#deps.clock.now()
    )
      return;
    this.#schedule(0);
  }

  /** Resolves when the pass in progress (if any) has ended. */
  async settled(): Promise<void> {
    await this.#pass;
  }

  /** Runs one pass now (tests and the bench); resolves when it ends. */
  async pushNow(): Promise<void> {
    if (this.#pass) await this.#pass;
    if (this.#timer) this.#deps.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#runPass();
  }

  #schedule(ms: number): void {
    if (!this.#running) return;
    if (this.#timer) this.#deps.clock.clearTimeout(this.#timer);
    this.state.nextAttemptAt = this.#deps.clock.now() + ms;
    this.#timer = this.#deps.clock.setTimeout(() => {
      this.#timer = undefined;
      void this.#runPass();
    }, ms);
  }

  #runPass(): Promise<void> {
    if (this.#pass) return this.#pass;
    const pass = this.#drain().finally(() => {
      this.#pass = undefined;
      // A nudge that came after the pass's last read would otherwise wait a whole poll.
      if (this.#nudged) {
        this.#nudged = false;
        this.nudge();
      }
    });
    this.#pass = pass;
    return pass;
  }

  async #drain(): Promise<void> {
    const { outbox, client, clock, storeId } = this.#deps;
    const limit = Math.min(
      this.#deps.maxEventsPerBatch ?? SYNC_MAX_EVENTS_PER_BATCH,
      SYNC_MAX_EVENTS_PER_BATCH,
    );
    let delivered = 0;
    while (!this.#stopping) {
      this.#nudged = false;
      const events = outbox.nextBatch(limit);
      if (events.length === 0) break;
      const dropped = outbox.cursor().droppedRollups;
      const batch: SyncBatch = {
        storeId,
        sentAt: clock.now(),
        events,
        ...(dropped > 0 ? { dropped: { rollups: dropped } } : {}),
      };
      this.#inFlightLowThrough = lowThrough(events);
      this.state.lastAttemptAt = batch.sentAt;
      try {
        const ack = await client.postBatch(batch);
        outbox.acknowledge(
          events.map((e) => e.seq),
          clock.now(),
        );
        delivered += events.length;
        this.state.batchesSent++;
        this.state.eventsSent += events.length;
        this.state.duplicatesReported += ack.duplicates;
        this.state.consecutiveFailures = 0;
        this.state.lastError = null;
        if (ack.duplicates > 0) {
          this.#log.info(
            { duplicates: ack.duplicates, inserted: ack.inserted },
            'central already held part of a batch',
          );
        }
      } catch (err) {
        this.#inFlightLowThrough = 0;
        this.#failed(err);
        return;
      }
      this.#inFlightLowThrough = 0;
    }
    if (this.#stopping) return;
    if (delivered > 0) this.#log.debug({ delivered }, 'outbox drained');
    this.#deps.onProgress({ kind: 'drained', delivered });
    this.#schedule(this.#deps.pollMs);
  }

  #failed(err: unknown): void {
    const error = err instanceof SyncError ? err : new SyncError('SYNC_BAD_RESPONSE', String(err));
    if (this.#stopping) return;
    const now = this.#deps.clock.now();
    this.state.consecutiveFailures++;
    this.state.lastError = { at: now, message: error.message, code: error.code };
    const retryInMs = backoffDelay(this.state.consecutiveFailures, this.#deps.backoff, this.#deps.random);
    const log = this.state.consecutiveFailures === 1 || error.permanent ? this.#log.warn : this.#log.debug;
    log.call(
      this.#log,
      { code: error.code, status: error.status, failures: this.state.consecutiveFailures, retryInMs },
      `sync push failed: ${error.message}`,
    );
    this.#deps.onProgress({ kind: 'failed', error, retryInMs });
    this.#schedule(retryInMs);
  }
}

function lowThrough(events: readonly { seq: number; type: string }[]): number {
  let highest = 0;
  for (const e of events) if (syncPriorityOf(e.type) === 'low') highest = Math.max(highest, e.seq);
  return highest;
}
