import { AlarmFeed, CENTRAL_ROUTES } from '../../shared/central/api';
import type { AckedAlarm } from './central-cluster-traffic';
import { SERVED_BY_HEADER } from './central-cluster-traffic';

/**
 * How long the regional page pauses after a failed poll of its live feed: POLL_MS.feed in
 * cloud-sync/web/src/app/Dashboard.tsx (not imported: that module is the React page).
 */
export const PAGE_FEED_POLL_MS = 1_000;
/** The page's long poll: LONG_POLL_WAIT_S in cloud-sync/web/src/alarms/use-alarm-feed.ts. */
export const PAGE_FEED_WAIT_S = 25;

/** One critical alarm, from its sync POST to the poll that showed it. */
export interface AlertSample {
  storeId: string;
  alarmId: number;
  /** when its batch was first sent */
  sentAt: number;
  latencyMs: number;
  /** of which the store waited for its acknowledgement (resends included) */
  ackMs: number;
  /** the feed was served by another process than the one that took the write */
  crossProcess: boolean;
}

export interface FeedTarget {
  url: string;
  /** the process's name when polled directly (HAProxy's names: central1, central2, …) */
  name?: string;
}

interface Seen {
  at: number;
  server: string | undefined;
}

/**
 * The regional page's live feed, as the page gets it (use-alarm-feed.ts): GET /api/alarms
 * with its `after` cursor and `wait` (a long poll central holds until something new
 * arrives), asked again as soon as it answers, or `everyMs` after a failed one, whatever
 * process the balancer sends it to. Alarms acknowledged to stores are matched with the poll
 * that first showed them.
 */
export class AlertFeedWatcher {
  readonly #seen = new Map<string, Seen>();
  readonly #acked = new Map<string, AckedAlarm>();
  #cursor = 0;
  #polls = 0;
  #failedPolls = 0;
  #running: Promise<void> | undefined;
  #stopped = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #wake: (() => void) | undefined;
  /** ends the poll held at central when the watcher stops */
  readonly #leaving = new AbortController();

  #turn = 0;
  readonly #targets: readonly FeedTarget[];

  /**
   * `target`: the load balancer's address (the process that answered is named by its
   * header), or processes polled in turn, as a balancer would, each with its name.
   */
  constructor(
    target: string | readonly FeedTarget[],
    private readonly token: string,
    private readonly everyMs = PAGE_FEED_POLL_MS,
  ) {
    this.#targets = typeof target === 'string' ? [{ url: target }] : target;
  }

  /** The page opens: its first poll sets the cursor (what was there before is history). */
  async start(): Promise<void> {
    const first = await this.#poll(`limit=100`);
    if (!first) throw new Error('the alarm feed did not answer its first poll');
    this.#running = this.#loop();
  }

  /** Tell the watcher of an alarm a store had acknowledged (StoreTrafficOptions.onAlarmAcked). */
  readonly acked = (alarm: AckedAlarm): void => {
    this.#acked.set(keyOf(alarm.storeId, alarm.alarmId), alarm);
  };

  /** Acknowledged alarms the feed has not shown yet. */
  unseen(): AckedAlarm[] {
    return [...this.#acked.entries()].filter(([key]) => !this.#seen.has(key)).map(([, alarm]) => alarm);
  }

  async waitAllSeen(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.unseen().length > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#wake?.();
    this.#leaving.abort();
    await this.#running;
  }

  samples(): AlertSample[] {
    const out: AlertSample[] = [];
    for (const [key, alarm] of this.#acked) {
      const seen = this.#seen.get(key);
      if (!seen) continue;
      out.push({
        storeId: alarm.storeId,
        alarmId: alarm.alarmId,
        sentAt: alarm.sentAt,
        // The feed may show it before the store hears its ack (commit, then answer).
        latencyMs: Math.max(0, seen.at - alarm.sentAt),
        ackMs: alarm.ackedAt - alarm.sentAt,
        crossProcess: seen.server !== undefined && alarm.server !== undefined && seen.server !== alarm.server,
      });
    }
    return out;
  }

  get polls(): number {
    return this.#polls;
  }

  get failedPolls(): number {
    return this.#failedPolls;
  }

  async #loop(): Promise<void> {
    while (!this.#stopped) {
      const answered = await this.#poll(`after=${this.#cursor}&limit=500&wait=${PAGE_FEED_WAIT_S}`);
      if (this.#stopped) return;
      if (answered) continue;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        this.#timer = setTimeout(resolve, this.everyMs);
      });
    }
  }

  /** One poll; false when it failed (a cut connection or a 502 while a process restarts). */
  async #poll(query: string): Promise<boolean> {
    this.#polls++;
    try {
      const target = this.#targets[this.#turn++ % this.#targets.length] as FeedTarget;
      const response = await fetch(`${target.url}${CENTRAL_ROUTES.alarms}?${query}`, {
        headers: { authorization: `Bearer ${this.token}` },
        signal: this.#leaving.signal,
      });
      const body: unknown = await response.json();
      if (response.status !== 200) throw new Error(`feed answered ${response.status}`);
      const page = AlarmFeed.parse(body);
      const at = Date.now();
      const server = response.headers.get(SERVED_BY_HEADER) ?? target.name;
      for (const entry of page.entries) {
        if (entry.change !== 'raised') continue;
        const key = keyOf(entry.storeId, entry.alarm.id);
        if (!this.#seen.has(key)) this.#seen.set(key, { at, server });
      }
      this.#cursor = Math.max(this.#cursor, page.cursor);
      return true;
    } catch {
      // The page shows its error banner and polls again on its next turn.
      if (!this.#stopped) this.#failedPolls++;
      return false;
    }
  }
}

function keyOf(storeId: string, alarmId: number): string {
  return `${storeId}#${alarmId}`;
}

/** The p-th percentile (0–100) of `values`, nearest rank; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((sorted.length * p) / 100) - 1))] ?? Number.NaN
  );
}
