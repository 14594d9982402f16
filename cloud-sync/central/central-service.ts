import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { closeWithin } from '../../shared/server/http/close-within';
import { type Clock, systemClock } from '../../shared/server/runtime/clock';
import { createRootLogger, type Logger } from '../../shared/server/runtime/logger';
import { createCentralServer } from './api/central-server';
import { StoreTokens } from './auth/store-tokens';
import { CentralUsers } from './auth/users';
import { StoreBackups } from './backups/store-backups';
import type { CentralContext } from './central-context';
import { withAdvisoryLock } from './cluster/advisory-lock';
import { answerWhileMigrating } from './cluster/migrating-responder';
import { CentralReadiness } from './cluster/readiness';
import { ConfigVersions } from './config/config-versions';
import { openCentralDatabase } from './db/central-db';
import { StoreDirectory } from './directory';
import { BatchIngest } from './ingest/batch-ingest';
import { AlarmFeedSignal } from './live/alarm-feed-signal';
import { CentralHousekeeping, type HousekeepingOptions } from './retention/central-housekeeping';
import { type DispatcherOptions, WebhookDispatcher } from './webhooks/webhook-dispatcher';
import { WebhookStore } from './webhooks/webhook-store';

export const DEFAULT_CENTRAL_PORT = 8090;
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../web/dist', import.meta.url));

export interface CentralOptions {
  dataDir: string;
  /** PostgreSQL connection string; SQLite under dataDir when absent. */
  databaseUrl?: string | undefined;
  clock?: Clock;
  logger?: Logger;
  webhookOptions?: Partial<DispatcherOptions>;
  /** box backups kept per store (GALLEY_BACKUPS_KEPT; default 12) */
  backupsKept?: number | undefined;
}

/**
 * The central service's parts without HTTP: what the admin CLI and the demo launcher
 * use (`openCentral`), and what `CentralService` serves. Close it when done.
 */
export interface Central extends CentralContext {
  close(): Promise<void>;
}

export async function openCentral(options: CentralOptions): Promise<Central> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createRootLogger('galley-central');
  const database = await openCentralDatabase(options);
  const { db } = database;
  const webhooks = new WebhookStore({ db, clock, dialect: database.dialect });
  const dispatcher = new WebhookDispatcher({ store: webhooks, clock, logger }, options.webhookOptions);
  const alarmFeed = new AlarmFeedSignal({
    dialect: database.dialect,
    databaseUrl: options.databaseUrl,
    clock,
    logger,
  });
  return {
    database,
    clock,
    logger,
    users: new CentralUsers({ db, clock }),
    tokens: new StoreTokens({ db, clock }),
    directory: new StoreDirectory({ db, clock }),
    ingest: new BatchIngest({
      db,
      dialect: database.dialect,
      clock,
      logger,
      onNotificationsQueued: () => dispatcher.wake(),
      alarmFeed,
    }),
    configs: new ConfigVersions({ db, clock }),
    webhooks,
    dispatcher,
    backups: new StoreBackups({
      db,
      dataDir: options.dataDir,
      clock,
      kept: options.backupsKept ?? backupsKeptFromEnv(),
    }),
    alarmFeed,
    close: async () => {
      await alarmFeed.stop();
      await database.close();
    },
  };
}

/** `GALLEY_BACKUPS_KEPT`: a whole number from 1 to 1000; unset, the default. */
function backupsKeptFromEnv(): number | undefined {
  const raw = process.env.GALLEY_BACKUPS_KEPT;
  if (raw === undefined || raw === '') return undefined;
  const kept = Number(raw);
  if (!Number.isInteger(kept) || kept < 1 || kept > 1000)
    throw new Error(`GALLEY_BACKUPS_KEPT must be a whole number from 1 to 1000, not "${raw}"`);
  return kept;
}

export interface CentralServiceOptions extends CentralOptions {
  port?: number;
  host?: string;
  webDir?: string;
  version?: string;
  /** First start: the admin's password; generated (and returned by start) when absent. */
  adminPassword?: string | undefined;
  /** Rollup retention and session clean-up (defaults: rollups kept 35 days, hourly). */
  housekeeping?: Partial<HousekeepingOptions>;
  /** On `drain()`: how long `/readyz` answers 503 before the port closes, for the load balancer to notice. */
  drainDelayMs?: number;
  /** Load balancer addresses whose X-Forwarded-For names the client (GALLEY_TRUST_PROXY). */
  trustProxy?: readonly string[];
}

/**
 * After a regional network outage or a central restart, every store's edge connects
 * again within the same second. With Node's default backlog (511) the connections
 * beyond it wait out a SYN retransmit (1 s, then 3 s). The kernel caps it at somaxconn.
 */
const LISTEN_BACKLOG = 4096;

/** `galley central`: the database, the webhook dispatcher and the HTTP server, started and stopped together. */
export class CentralService {
  #central: Central | undefined;
  #server: FastifyInstance | undefined;
  #housekeeping: CentralHousekeeping | undefined;
  #readiness: CentralReadiness | undefined;
  #port = 0;

  constructor(private readonly options: CentralServiceOptions) {}

  get central(): Central {
    if (!this.#central) throw new Error('central is not started');
    return this.#central;
  }

  get housekeeping(): CentralHousekeeping {
    if (!this.#housekeeping) throw new Error('central is not started');
    return this.#housekeeping;
  }

  get port(): number {
    return this.#port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** Returns the admin's generated password on the very first start, for the caller to print once. */
  async start(): Promise<{ adminCreated?: { username: string; password: string } }> {
    const host = this.options.host ?? '127.0.0.1';
    // The port answers 503 `migrating` while the database is opened and migrated, and
    // until the real server takes it over.
    const early = await answerWhileMigrating({
      port: this.options.port ?? DEFAULT_CENTRAL_PORT,
      host,
      backlog: LISTEN_BACKLOG,
    });
    let central: Central;
    try {
      central = await openCentral(this.options);
    } catch (err) {
      await early.close();
      throw err;
    }
    this.#central = central;
    const log = central.logger.child({ ns: 'central' });
    try {
      const { db: database, dialect } = central.database;
      const adminCreated = await withAdvisoryLock(database, dialect, 'bootstrap', () =>
        central.users.ensureAdmin(this.options.adminPassword),
      );
      const readiness = new CentralReadiness({ db: central.database.db, clock: central.clock });
      this.#readiness = readiness;
      const server = createCentralServer(central, {
        readiness,
        trustProxy: this.options.trustProxy,
        version: this.options.version ?? '0.1.0',
        webDir: this.options.webDir ?? DEFAULT_WEB_DIR,
      });
      this.#server = server;
      await central.alarmFeed.start();
      await early.close();
      await server.listen({ port: early.port, host, backlog: LISTEN_BACKLOG });
      this.#port = (server.server.address() as AddressInfo).port;
      central.dispatcher.start();
      const { db } = central.database;
      this.#housekeeping = new CentralHousekeeping(
        { db, clock: central.clock, logger: central.logger, dialect: central.database.dialect },
        this.options.housekeeping,
      );
      this.#housekeeping.start();
      readiness.markReady();
      log.info(
        { port: this.#port, database: central.database.dialect },
        `central listening on ${this.options.host ?? '127.0.0.1'}:${this.#port}`,
      );
      return adminCreated ? { adminCreated } : {};
    } catch (err) {
      await early.close();
      await this.stop();
      throw err;
    }
  }

  /**
   * SIGTERM: `/readyz` turns 503 so the load balancer sends nothing new, then after
   * `drainDelayMs` the port closes, the requests in flight finish, and the rest stops.
   */
  async drain(): Promise<void> {
    const central = this.#central;
    if (!central || !this.#readiness) return;
    this.#readiness.markDraining();
    // Held long polls of the alarm feed answer now: the page asks again, through the balancer.
    central.alarmFeed.release();
    const delay = this.options.drainDelayMs ?? 0;
    if (delay > 0) await new Promise<void>((resolve) => central.clock.setTimeout(resolve, delay));
    await this.stop();
  }

  async stop(): Promise<void> {
    const central = this.#central;
    const server = this.#server;
    const housekeeping = this.#housekeeping;
    this.#central = undefined;
    this.#server = undefined;
    this.#housekeeping = undefined;
    central?.alarmFeed.release();
    if (server) await closeWithin(server);
    if (housekeeping) await housekeeping.stop();
    if (central) {
      await central.dispatcher.stop();
      await central.close();
    }
  }
}
