import { sql, type Transaction } from 'kysely';
import type { Clock } from '../../../shared/server/runtime/clock';
import type { Logger } from '../../../shared/server/runtime/logger';
import type { CentralDialect } from '../db/central-db';
import type { CentralTables } from '../db/schema';
import { AlarmFeedWakeups } from './alarm-feed-wakeups';
import { ALARM_FEED_CHANNEL, PgAlarmFeedListener } from './pg-alarm-listener';

/** What the ingest tells the live feed about a group that stores alarm events. */
export interface AlarmFeedAnnouncer {
  /** Inside the group's transaction. */
  inTransaction(trx: Transaction<CentralTables>): Promise<void>;
  /** Once that transaction has committed. */
  committed(): void;
}

/**
 * The live alarm feed's wake-up path in one place, whatever the database.
 *
 * SQLite (one process): the ingest wakes the waiters in-process after its commit.
 * PostgreSQL (any number of processes): the ingest sends `pg_notify` inside its transaction;
 * PostgreSQL delivers it at commit (never for a rolled-back group) to every process's LISTEN,
 * its own included, so one path serves the writer and the others alike.
 */
export class AlarmFeedSignal implements AlarmFeedAnnouncer {
  readonly wakeups = new AlarmFeedWakeups();
  readonly listener: PgAlarmFeedListener | undefined;

  constructor(
    private readonly deps: {
      dialect: CentralDialect;
      /** PostgreSQL's connection string, for the LISTEN connection */
      databaseUrl?: string | undefined;
      clock: Clock;
      logger: Logger;
    },
  ) {
    if (deps.dialect === 'postgres') {
      if (!deps.databaseUrl) throw new Error('the alarm feed on PostgreSQL needs its connection string');
      this.listener = new PgAlarmFeedListener({
        connectionString: deps.databaseUrl,
        wakeups: this.wakeups,
        clock: deps.clock,
        logger: deps.logger,
      });
    }
  }

  async inTransaction(trx: Transaction<CentralTables>): Promise<void> {
    if (this.deps.dialect !== 'postgres') return;
    await sql`select pg_notify(${ALARM_FEED_CHANNEL}, '')`.execute(trx);
  }

  committed(): void {
    if (this.deps.dialect === 'sqlite') this.wakeups.wake();
  }

  /** Starts listening (PostgreSQL); the admin CLI, which serves no feed, never calls it. */
  async start(): Promise<void> {
    await this.listener?.start();
  }

  /** Draining: held polls answer now, new ones at once. */
  release(): void {
    this.wakeups.release();
  }

  async stop(): Promise<void> {
    this.wakeups.release();
    await this.listener?.stop();
  }
}
