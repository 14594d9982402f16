import type { Clock, TimerHandle } from '../../shared/server/runtime/clock';
import type { Logger } from '../../shared/server/runtime/logger';
import {
  SYNC_MAX_EVENTS_PER_BATCH,
  type SyncBatch,
  type SyncEvent,
  syncPriorityOf,
} from '../../shared/sync/sync-protocol';
import { type BackoffPolicy, backoffDelay, type Random } from './backoff';
import type { CentralClient } from './central-client';
import type { OutboxStore } from './outbox-store';
import type { Refusal, SetAsideStore, SyncVersions } from './set-aside-store';
import { SyncError } from './sync-errors';

export interface OutboxPusherDeps {
  outbox: OutboxStore;
  /** where events central refuses as invalid go, so that the rest can flow */
  setAside: SetAsideStore;
  /** recorded with each set-aside event: an upgrade offers them again */
  versions: SyncVersions;
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
  | { kind: 'drained'; delivered: number; setAside: number }
  | { kind: 'failed'; error: SyncError; retryInMs: number };

export interface PusherState {
  lastAttemptAt: number | null;
  lastError: { at: number; message: string; code: string } | null;
  consecutiveFailures: number;
  nextAttemptAt: number | null;
  batchesSent: number;
  eventsSent: number;
  duplicatesReported: number;
  /** events central refused and this pusher set aside (since start) */
  eventsSetAside: number;
  /** batches central refused as invalid (bisection halves included) */
  batchesRefused: number;
}

/**
 * Sends the outbox to central one batch at a time — never two in flight — high lane
 * first, and removes what central acknowledged. On failure it waits with exponential
 * back-off and jitter and resends the same rows; central ignores what it already has.
 *
 * Except when central refuses the events themselves (SyncError.refusesEvents): resending
 * them would fail forever and hold back every alarm behind them, so the refused events
 * are found, set aside with central's reason, and the rest is delivered in order.
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
    eventsSetAside: 0,
    batchesRefused: 0,
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
    const { outbox } = this.#deps;
    const limit = Math.min(
      this.#deps.maxEventsPerBatch ?? SYNC_MAX_EVENTS_PER_BATCH,
      SYNC_MAX_EVENTS_PER_BATCH,
    );
    let delivered = 0;
    let setAside = 0;
    while (!this.#stopping) {
      this.#nudged = false;
      const events = outbox.nextBatch(limit);
      if (events.length === 0) break;
      this.#inFlightLowThrough = lowThrough(events);
      try {
        const sent = await this.#deliver(events);
        delivered += sent.delivered;
        setAside += sent.setAside;
      } catch (err) {
        this.#inFlightLowThrough = 0;
        this.#failed(err);
        return;
      }
      this.#inFlightLowThrough = 0;
    }
    if (this.#stopping) return;
    if (delivered > 0) this.#log.debug({ delivered }, 'outbox drained');
    this.#deps.onProgress({ kind: 'drained', delivered, setAside });
    this.#schedule(this.#deps.pollMs);
  }

  /**
   * Posts `events` (ascending seq per lane) and removes from the outbox what central
   * stored. A refusal of the events is resolved here; any other failure is thrown, what
   * was already delivered staying delivered and the rest staying in the outbox.
   *
   * When central names the refused events (SyncBatchRefused) they are set aside and the
   * rest is posted again. When it does not (an older central, a 413 from a proxy), the
   * batch is bisected: each half is posted, left before right so that what central
   * stores keeps the outbox order, down to the single events central still refuses. One
   * bad event in 2 000 costs about 2·log2(2 000) ≈ 22 posts, once.
   */
  async #deliver(events: SyncEvent[]): Promise<{ delivered: number; setAside: number }> {
    const { outbox, client, clock, storeId } = this.#deps;
    const dropped = outbox.cursor().droppedRollups;
    const batch: SyncBatch = {
      storeId,
      sentAt: clock.now(),
      events,
      ...(dropped > 0 ? { dropped: { rollups: dropped } } : {}),
    };
    this.state.lastAttemptAt = batch.sentAt;
    let refusal: SyncError;
    try {
      const ack = await client.postBatch(batch);
      outbox.acknowledge(
        events.map((e) => e.seq),
        clock.now(),
      );
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
      return { delivered: events.length, setAside: 0 };
    } catch (err) {
      if (!(err instanceof SyncError) || !err.refusesEvents || this.#stopping) throw err;
      refusal = err;
    }
    this.state.batchesRefused++;
    const named = namedRefusals(refusal, events);
    if (named === 'batch') throw refusal; // central faults the envelope, not an event: back off
    if (named.length > 0 || events.length === 1) {
      const refused =
        named.length > 0
          ? named
          : [{ seq: (events[0] as SyncEvent).seq, reason: refusal.message, status: refusal.status ?? null }];
      this.#setAside(refused, events);
      const left = new Set(refused.map((r) => r.seq));
      const rest = events.filter((e) => !left.has(e.seq));
      if (rest.length === 0) return { delivered: 0, setAside: refused.length };
      const after = await this.#deliver(rest);
      return { delivered: after.delivered, setAside: refused.length + after.setAside };
    }
    const middle = Math.ceil(events.length / 2);
    const left = await this.#deliver(events.slice(0, middle));
    const right = await this.#deliver(events.slice(middle));
    return { delivered: left.delivered + right.delivered, setAside: left.setAside + right.setAside };
  }

  #setAside(refused: readonly Refusal[], events: readonly SyncEvent[]): void {
    const bySeq = new Map(events.map((e) => [e.seq, e]));
    this.#deps.setAside.setAside(refused, this.#deps.clock.now(), this.#deps.versions);
    this.state.eventsSetAside += refused.length;
    for (const { seq, reason, status } of refused) {
      const event = bySeq.get(seq);
      this.#log.warn(
        { seq, type: event?.type, entityId: event?.entityId, status, reason },
        'central refused an event: set aside, the events behind it go on',
      );
    }
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

/**
 * The events central named as refused, as seqs of `events`; 'batch' when central said
 * none of them is at fault (an empty list); [] when it named nothing usable (an older
 * central), which leaves finding them to bisection.
 */
function namedRefusals(error: SyncError, events: readonly SyncEvent[]): Refusal[] | 'batch' {
  const listed = error.refusedEvents;
  if (listed === undefined) return [];
  if (listed.length === 0) return 'batch';
  const refusals = new Map<number, Refusal>();
  for (const { index, seq, reason } of listed) {
    const event = events[index];
    // An index that does not match what was posted is not trusted: bisect instead.
    if (!event || (seq !== null && seq !== event.seq)) return [];
    refusals.set(event.seq, { seq: event.seq, reason, status: error.status ?? null });
  }
  return [...refusals.values()];
}

function lowThrough(events: readonly { seq: number; type: string }[]): number {
  let highest = 0;
  for (const e of events) if (syncPriorityOf(e.type) === 'low') highest = Math.max(highest, e.seq);
  return highest;
}
