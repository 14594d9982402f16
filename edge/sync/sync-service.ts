import type { StoreConfig } from '../../shared/config/store-config';
import type { SyncSettings } from '../../shared/config/sync-settings';
import { BackgroundJob } from '../../shared/server/runtime/background-job';
import type { Clock, TimerHandle } from '../../shared/server/runtime/clock';
import type { Logger } from '../../shared/server/runtime/logger';
import type { MetricsRegistry } from '../../shared/server/runtime/metrics';
import { type SetAsideRetry, SYNC_PROTOCOL_VERSION, type SyncHealth } from '../../shared/sync/sync-protocol';
import { edgeVersion } from '../runtime/edge-version';
import type { EventBus } from '../runtime/event-bus';
import type { Database } from '../store/database';
import type { Random } from './backoff';
import { CentralClient, type CentralEndpoint } from './central-client';
import { ConfigPuller } from './config-puller';
import { ConfigStateStore } from './config-state-store';
import { OutboxPusher, type PassOutcome } from './outbox-pusher';
import { OutboxStore } from './outbox-store';
import { onHighPriorityAppend, setOutboxStoreId } from './outbox-writer';
import { SetAsideStore, type SyncVersions } from './set-aside-store';
import { StoreCommandPoller, type StoreCommandTargets } from './store-command-applier';
import { registerSyncMetrics } from './sync-metrics';

export interface SyncServiceDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  bus: EventBus;
  metrics: MetricsRegistry;
  storeId: string;
  settings: SyncSettings;
  /** where to send; without it sync is disabled (the outbox still fills, within its cap) */
  central?: CentralEndpoint | undefined;
  random?: Random;
  /** the local config the central overlay is laid over (the file, as last loaded) */
  baseConfig: () => StoreConfig;
  /** switches the running edge to a config (the same path as a file reload) */
  applyConfig: (next: StoreConfig) => void;
  /** what the region's actions act on; without it the edge does not ask for them */
  commandTargets?: StoreCommandTargets;
  /** first retry delay; later ones double up to settings.retryMaxS */
  retryBaseMs?: number;
  /** defaults to package.json's; events set aside under another version are retried at start */
  edgeVersion?: string;
  /** defaults to SYNC_PROTOCOL_VERSION (tests simulate an upgrade with it) */
  protocolVersion?: number;
}

/** How many of the newest set-aside events GET /api/sync shows with their reasons. */
const SET_ASIDE_SHOWN = 5;

/**
 * The edge side of the central sync: keeps the outbox within its cap, pushes it to
 * central, pulls central's config, and reports its health (API, /metrics).
 */
export class SyncService {
  readonly #deps: SyncServiceDeps;
  readonly #log: Logger;
  readonly #outbox: OutboxStore;
  readonly #configState: ConfigStateStore;
  readonly #setAside: SetAsideStore;
  readonly #versions: SyncVersions;
  readonly #pusher: OutboxPusher | undefined;
  readonly #puller: ConfigPuller | undefined;
  readonly #commands: BackgroundJob<void> | undefined;
  #commandPollFailures = 0;
  #capTimer: TimerHandle | undefined;
  #unlistenOutbox: (() => void) | undefined;
  #pushFailures = 0;
  #lastHealth: SyncHealth | undefined;
  #started = false;

  constructor(deps: SyncServiceDeps) {
    this.#deps = deps;
    this.#log = deps.logger.child({ ns: 'sync' });
    this.#setAside = new SetAsideStore(deps.db);
    this.#outbox = new OutboxStore(deps.db, (seqs) => this.#setAside.delivered(seqs));
    this.#configState = new ConfigStateStore(deps.db);
    this.#versions = {
      edge: deps.edgeVersion ?? edgeVersion(),
      protocol: deps.protocolVersion ?? SYNC_PROTOCOL_VERSION,
    };
    if (!deps.central) return;
    const client = new CentralClient({ ...deps.central, timeoutMs: deps.settings.requestTimeoutS * 1000 });
    this.#pusher = new OutboxPusher({
      outbox: this.#outbox,
      setAside: this.#setAside,
      versions: this.#versions,
      client,
      storeId: deps.storeId,
      clock: deps.clock,
      random: deps.random ?? Math.random,
      logger: deps.logger,
      pollMs: deps.settings.pushIntervalS * 1000,
      backoff: { baseMs: deps.retryBaseMs ?? 1000, maxMs: deps.settings.retryMaxS * 1000 },
      onProgress: (pass) => this.#onPass(pass),
    });
    this.#puller = new ConfigPuller({
      client: new CentralClient({ ...deps.central, timeoutMs: deps.settings.requestTimeoutS * 1000 }),
      state: this.#configState,
      storeId: deps.storeId,
      clock: deps.clock,
      logger: deps.logger,
      intervalMs: deps.settings.configPollS * 1000,
      baseConfig: deps.baseConfig,
      apply: deps.applyConfig,
    });
    const targets = deps.commandTargets;
    if (targets) {
      const poller = new StoreCommandPoller({
        central: deps.central,
        targets,
        clock: deps.clock,
        logger: deps.logger,
        timeoutMs: deps.settings.requestTimeoutS * 1000,
      });
      this.#commands = new BackgroundJob({
        clock: deps.clock,
        log: this.#log,
        intervalMs: deps.settings.commandPollS * 1000,
        run: async () => {
          try {
            await poller.pollOnce();
          } catch (err) {
            // Central out of reach is the pusher's to report; counted here, tried again next interval.
            this.#commandPollFailures++;
            this.#log.debug({ err }, 'regional actions not fetched');
          }
        },
      });
    }
  }

  get enabled(): boolean {
    return this.#pusher !== undefined;
  }

  /** The pusher (tests and the bench drive it directly); undefined when sync is disabled. */
  get pusher(): OutboxPusher | undefined {
    return this.#pusher;
  }

  get configPuller(): ConfigPuller | undefined {
    return this.#puller;
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    setOutboxStoreId(this.#deps.db, this.#deps.storeId);
    registerSyncMetrics(this.#deps.metrics, {
      health: () => this.health(),
      counters: () => ({
        batchesSent: this.#pusher?.state.batchesSent ?? 0,
        eventsSent: this.#pusher?.state.eventsSent ?? 0,
        pushFailures: this.#pushFailures,
        batchesRefused: this.#pusher?.state.batchesRefused ?? 0,
        configPullFailures: this.#puller?.failures ?? 0,
        commandPollFailures: this.#commandPollFailures,
      }),
    });
    this.#retryAfterUpgrade();
    this.enforceCap();
    this.#capTimer = this.#deps.clock.setInterval(
      () => this.enforceCap(),
      this.#deps.settings.pushIntervalS * 1000,
    );
    this.#pusher?.start();
    const pusher = this.#pusher;
    // Alarms, tickets and status changes go out as soon as they commit, not on the next poll.
    if (pusher) this.#unlistenOutbox = onHighPriorityAppend(this.#deps.db, () => pusher.nudge());
    this.#puller?.start();
    this.#commands?.start();
    if (!this.enabled) this.#log.info('sync disabled: no central URL; the outbox keeps events for later');
  }

  async stop(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    if (this.#capTimer) this.#deps.clock.clearInterval(this.#capTimer);
    this.#capTimer = undefined;
    this.#unlistenOutbox?.();
    this.#unlistenOutbox = undefined;
    this.#lastHealth = this.#computeHealth();
    await this.#pusher?.stop();
    await this.#puller?.stop();
    await this.#commands?.stop();
  }

  /**
   * A manager's retry: every set-aside event goes back to the outbox in its seq order
   * (they are sent ahead of newer events of their lane) and is pushed now.
   */
  retrySetAside(by: string): SetAsideRetry {
    const retried = this.#setAside.retry('all');
    if (retried > 0) {
      this.#log.info({ retried, by }, 'set-aside events put back in the outbox');
      this.#pusher?.nudge();
    }
    return { retried };
  }

  /** Events central refused under another edge or protocol version may pass now. */
  #retryAfterUpgrade(): void {
    try {
      const retried = this.#setAside.retry(this.#versions);
      if (retried > 0)
        this.#log.info(
          { retried, edgeVersion: this.#versions.edge, protocol: this.#versions.protocol },
          'set-aside events of another version put back in the outbox',
        );
    } catch (err) {
      this.#log.error({ err }, 'could not put set-aside events back in the outbox');
    }
  }

  /** Drops the oldest unsent rollups while the outbox is over its cap; returns how many. */
  enforceCap(): number {
    try {
      const dropped = this.#outbox.enforceCap(
        this.#deps.settings.outboxMaxRows,
        this.#pusher?.inFlightLowThrough ?? 0,
      );
      if (dropped > 0) {
        this.#log.warn(
          { dropped, maxRows: this.#deps.settings.outboxMaxRows },
          'outbox full: oldest rollups dropped',
        );
      }
      return dropped;
    } catch (err) {
      this.#log.error({ err }, 'outbox cap check failed');
      return 0;
    }
  }

  health(): SyncHealth {
    if (!this.#started && this.#lastHealth) return this.#lastHealth;
    return this.#computeHealth();
  }

  #computeHealth(): SyncHealth {
    const { central, clock } = this.#deps;
    const cursor = this.#outbox.cursor();
    const oldest = this.#outbox.oldestPendingTs();
    const pusher = this.#pusher?.state;
    return {
      enabled: this.enabled,
      centralUrl: central?.url ?? null,
      backlog: this.#outbox.backlog(),
      lastAckedSeq: cursor.lastAckedSeq,
      highestSeq: this.#outbox.highestSeq(),
      lagMs: oldest === undefined ? null : Math.max(0, clock.now() - oldest),
      lastSuccessAt: cursor.lastSuccessAt,
      lastAttemptAt: pusher?.lastAttemptAt ?? null,
      lastError: pusher?.lastError ? { at: pusher.lastError.at, message: pusher.lastError.message } : null,
      consecutiveFailures: pusher?.consecutiveFailures ?? 0,
      droppedRollups: cursor.droppedRollups,
      configVersion: this.#configState.applied()?.version ?? null,
      setAside: this.#setAside.held(),
      setAsideNewest: this.#setAside.newest(SET_ASIDE_SHOWN),
    };
  }

  #onPass(pass: PassOutcome): void {
    if (pass.kind === 'failed') this.#pushFailures++;
    if (pass.kind === 'drained' && pass.delivered > 0) this.#puller?.pollSoon();
    if (pass.kind === 'drained' && pass.setAside > 0)
      this.#log.warn({ setAside: pass.setAside }, 'central refused events: they are set aside');
  }
}
