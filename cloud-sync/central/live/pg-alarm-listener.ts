import pg from 'pg';
import type { Clock, TimerHandle } from '../../../shared/server/runtime/clock';
import type { Logger } from '../../../shared/server/runtime/logger';
import type { AlarmFeedWakeups } from './alarm-feed-wakeups';

/** The one channel every central process LISTENs on; ingest NOTIFYs it in its transaction. */
export const ALARM_FEED_CHANNEL = 'galley_alarm_feed';
export const LISTEN_APPLICATION_NAME = 'galley-central-live';

/** First retry after a lost LISTEN connection, doubled per failure up to the ceiling. */
export const LISTEN_RETRY_FIRST_MS = 500;
export const LISTEN_RETRY_MAX_MS = 10_000;

export interface ListenerStats {
  notifications: number;
  /** LISTEN connections lost (an error or the server closing it) */
  lost: number;
  /** connected again after a loss or a failed first attempt */
  reconnects: number;
}

/**
 * One dedicated PostgreSQL connection per central process (not a pooled one: a pooled
 * connection goes back to the pool and its LISTEN with it) that turns NOTIFYs on the alarm
 * feed channel into wake-ups of the held long polls. A notification is delivered to every
 * listening session, the notifying process's own included, and only when the ingest
 * transaction that sent it commits, so a rolled-back group wakes nobody.
 *
 * While the connection is down notifications are lost, so after connecting again it wakes
 * every waiter once; meanwhile the waiters' own periodic re-query (alarm-feed-long-poll.ts)
 * bounds the delay.
 */
export class PgAlarmFeedListener {
  readonly stats: ListenerStats = { notifications: 0, lost: 0, reconnects: 0 };
  readonly #log: Logger;
  #client: pg.Client | undefined;
  #retry: TimerHandle | undefined;
  #retryMs = LISTEN_RETRY_FIRST_MS;
  #missedSome = false;
  #stopped = false;

  constructor(
    private readonly deps: {
      connectionString: string;
      wakeups: AlarmFeedWakeups;
      clock: Clock;
      logger: Logger;
    },
  ) {
    this.#log = deps.logger.child({ ns: 'central.live' });
  }

  get listening(): boolean {
    return this.#client !== undefined;
  }

  /** Connects and LISTENs; a failure does not fail the start, it is retried with back-off. */
  async start(): Promise<void> {
    this.#stopped = false;
    await this.#connect();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#retry) this.deps.clock.clearTimeout(this.#retry);
    this.#retry = undefined;
    const client = this.#client;
    this.#client = undefined;
    if (client) await client.end().catch(() => undefined);
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.deps.connectionString,
      // Names the session in pg_stat_activity, apart from the pooled query connections.
      application_name: LISTEN_APPLICATION_NAME,
    });
    // Both may fire for one loss; only the first for the current client counts.
    client.on('error', (err) => this.#lost(client, err));
    client.on('end', () => this.#lost(client, undefined));
    client.on('notification', (message) => {
      if (message.channel !== ALARM_FEED_CHANNEL) return;
      this.stats.notifications++;
      this.deps.wakeups.wake();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${ALARM_FEED_CHANNEL}`);
    } catch (err) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
      if (this.#stopped) return;
      this.#missedSome = true;
      this.#log.warn({ err, retryInMs: this.#retryMs }, 'could not LISTEN for alarm feed changes; retrying');
      this.#scheduleRetry();
      return;
    }
    if (this.#stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.#client = client;
    this.#retryMs = LISTEN_RETRY_FIRST_MS;
    if (this.#missedSome) {
      this.#missedSome = false;
      this.stats.reconnects++;
      this.#log.info({ reconnects: this.stats.reconnects }, 'listening for alarm feed changes again');
      // Changes committed while nobody listened were not announced: every waiter looks once.
      this.deps.wakeups.wake();
    }
  }

  #lost(client: pg.Client, err: Error | undefined): void {
    if (this.#client !== client) return;
    this.#client = undefined;
    if (this.#stopped) return;
    this.stats.lost++;
    this.#missedSome = true;
    this.#log.warn(
      { err, lost: this.stats.lost },
      'LISTEN connection for alarm feed changes lost; reconnecting',
    );
    client.end().catch(() => undefined);
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    if (this.#retry || this.#stopped) return;
    const delay = this.#retryMs;
    this.#retryMs = Math.min(LISTEN_RETRY_MAX_MS, this.#retryMs * 2);
    this.#retry = this.deps.clock.setTimeout(() => {
      this.#retry = undefined;
      void this.#connect();
    }, delay);
  }
}
