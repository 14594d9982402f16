import type { Clock } from '../../../shared/server/runtime/clock';
import type { Logger } from '../../../shared/server/runtime/logger';
import { SyncError } from '../../sync/sync-errors';
import { ClosingRefusedError } from './closing-errors';
import { type ClosingReport, closeStore, type StoreClosingDeps } from './store-closing';

export interface ClosingRunnerOptions {
  /** runs before giving up; each waits `retryMs` for the outbox to drain */
  attempts: number;
  retryMs: number;
}

export const DEFAULT_CLOSING_RUNNER: ClosingRunnerOptions = { attempts: 60, retryMs: 10_000 };

/**
 * The closing run inside the edge daemon, started by central's `store.close` command
 * (regional operations do not stand at the box). A refusal the daemon itself resolves (the
 * outbox still draining, a record that slipped in, central unreachable) is retried after
 * `retryMs`, the pusher nudged meanwhile; any other refusal ends the run, logged. One run at
 * a time: the command again while it runs changes nothing.
 */
export class StoreClosingRunner {
  #running: Promise<ClosingReport | undefined> | undefined;
  readonly #log: Logger;

  constructor(
    private readonly deps: {
      closing: () => StoreClosingDeps;
      clock: Clock;
      logger: Logger;
      /** asks the outbox pusher to send now rather than at its next interval */
      nudgeSync?: () => void;
      options?: Partial<ClosingRunnerOptions>;
    },
  ) {
    this.#log = deps.logger.child({ ns: 'edge.closing' });
  }

  /** Starts the run unless one is running; throws when the box has no central to close with. */
  accept(): void {
    const closing = this.deps.closing();
    if (!closing.central) throw new ClosingRefusedError('NO_CENTRAL', 'this box does not sync with central');
    this.#running ??= this.#run(closing).finally(() => {
      this.#running = undefined;
    });
  }

  /** The run in progress, for tests and shutdown; undefined when none. */
  get running(): Promise<ClosingReport | undefined> | undefined {
    return this.#running;
  }

  async #run(closing: StoreClosingDeps): Promise<ClosingReport | undefined> {
    const { attempts, retryMs } = { ...DEFAULT_CLOSING_RUNNER, ...this.deps.options };
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const report = await closeStore(closing);
        this.#log.info(
          { finalSeq: report.sync.finalSeq, files: report.manifest.files.length },
          'store closed',
        );
        return report;
      } catch (err) {
        const retry =
          (err instanceof ClosingRefusedError && err.code === 'FINAL_SYNC_INCOMPLETE') ||
          (err instanceof SyncError && err.code !== 'SYNC_HTTP_STATUS');
        this.#log.warn({ err, attempt, retry }, 'closing run refused');
        if (!retry) return undefined;
        this.deps.nudgeSync?.();
        await new Promise<void>((resolve) => this.deps.clock.setTimeout(resolve, retryMs));
      }
    }
    this.#log.error(
      { attempts },
      'closing run gave up: the outbox did not drain; run `galley store close` at the box',
    );
    return undefined;
  }
}
