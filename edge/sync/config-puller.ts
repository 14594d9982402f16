import type { StoreConfig } from '../../shared/config/store-config';
import type { Clock, TimerHandle } from '../../shared/server/runtime/clock';
import type { Logger } from '../../shared/server/runtime/logger';
import type { ConfigApplyReport, PushedConfig } from '../../shared/sync/sync-protocol';
import type { CentralClient } from './central-client';
import { overlayConfig } from './config-overlay';
import type { ConfigStateStore } from './config-state-store';
import { SyncError } from './sync-errors';

export interface ConfigPullerDeps {
  client: CentralClient;
  state: ConfigStateStore;
  storeId: string;
  clock: Clock;
  logger: Logger;
  intervalMs: number;
  /** the local config (the file) the overlay is laid over */
  baseConfig: () => StoreConfig;
  /** switches the running edge to `next` (rules, ticket policy) without a restart; may throw */
  apply: (next: StoreConfig) => void;
}

/**
 * Asks central for a newer store config, overlays it on the local file, validates the
 * whole, and applies it or rejects it with every reason; either way central is told.
 * The applied version and overlay are kept in SQLite before the report is sent, so a
 * restart runs the same config and the report is retried until central has it.
 */
export class ConfigPuller {
  readonly #deps: ConfigPullerDeps;
  readonly #log: Logger;
  #timer: TimerHandle | undefined;
  #poll: Promise<void> | undefined;
  #running = false;
  failures = 0;

  constructor(deps: ConfigPullerDeps) {
    this.#deps = deps;
    this.#log = deps.logger.child({ ns: 'sync-config' });
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer) this.#deps.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#poll;
  }

  /** Polls now (after a successful push: central is reachable, so a new config may be waiting). */
  pollSoon(): void {
    if (this.#running && !this.#poll) this.#schedule(0);
  }

  /** One poll; resolves when it ends (errors are logged and counted, not thrown). */
  pollOnce(): Promise<void> {
    if (this.#poll) return this.#poll;
    const poll = this.#pollOnce().finally(() => {
      this.#poll = undefined;
      this.#schedule(this.#deps.intervalMs);
    });
    this.#poll = poll;
    return poll;
  }

  #schedule(ms: number): void {
    if (!this.#running) return;
    if (this.#timer) this.#deps.clock.clearTimeout(this.#timer);
    this.#timer = this.#deps.clock.setTimeout(() => {
      this.#timer = undefined;
      void this.pollOnce();
    }, ms);
  }

  async #pollOnce(): Promise<void> {
    const { client, state } = this.#deps;
    try {
      await this.#sendPendingReport();
      const pushed = await client.fetchConfig(state.latestSeenVersion());
      if (pushed) {
        this.#handle(pushed);
        await this.#sendPendingReport();
      }
      this.failures = 0;
    } catch (err) {
      if (!this.#running && err instanceof SyncError && err.code === 'SYNC_STOPPED') return;
      this.failures++;
      const message = err instanceof Error ? err.message : String(err);
      (this.failures === 1 ? this.#log.warn : this.#log.debug).call(
        this.#log,
        { failures: this.failures },
        `config pull failed: ${message}`,
      );
    }
  }

  async #sendPendingReport(): Promise<void> {
    const report = this.#deps.state.pendingReport();
    if (!report) return;
    await this.#deps.client.postConfigReport(report);
    this.#deps.state.recordReported();
  }

  #handle(pushed: PushedConfig): void {
    const { state, clock } = this.#deps;
    const at = clock.now();
    const result =
      pushed.storeId === this.#deps.storeId
        ? overlayConfig(this.#deps.baseConfig(), pushed.overlay)
        : {
            ok: false as const,
            errors: [{ path: 'storeId', message: `config is for store ${pushed.storeId}, not this one` }],
          };
    if (result.ok) {
      try {
        this.#deps.apply(result.config);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        this.#reject({
          version: pushed.version,
          outcome: 'rejected',
          errors: [{ path: '(apply)', message }],
          at,
        });
        return;
      }
      const report: ConfigApplyReport = { version: pushed.version, outcome: 'applied', errors: [], at };
      state.recordApplied({ version: pushed.version, overlay: pushed.overlay }, report);
      this.#log.info(
        { version: pushed.version, sections: Object.keys(pushed.overlay) },
        'central config applied',
      );
      return;
    }
    this.#reject({ version: pushed.version, outcome: 'rejected', errors: result.errors, at });
  }

  #reject(report: ConfigApplyReport): void {
    this.#deps.state.recordRejected(report);
    this.#log.error(
      { version: report.version, problems: report.errors.map((e) => `${e.path}: ${e.message}`) },
      'central config rejected; keeping the running config',
    );
  }
}
