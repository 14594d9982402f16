import type { CommissioningChecklist } from '../../../../shared/api/commissioning';
import { COMMISSIONING_PROGRESS_EVENT } from '../../../../shared/api/commissioning-progress';
import { BackgroundJob } from '../../../../shared/server/runtime/background-job';
import type { Clock, TimerHandle } from '../../../../shared/server/runtime/clock';
import type { Logger } from '../../../../shared/server/runtime/logger';
import type { SyncHealth } from '../../../../shared/sync/sync-protocol';
import type { Database } from '../../../store/database';
import { OutboxWriter } from '../../../sync/outbox-writer';
import { progressKey, progressOf } from './checklist-progress';

export interface ChecklistProgressJobDeps {
  db: Database;
  storeId: string;
  clock: Clock;
  logger: Logger;
  checklist: () => CommissioningChecklist;
  /** whether the handover is signed: from then on the checklist is operations, not commissioning */
  signed: () => boolean;
  /** undefined or not enabled when the box runs without central: nobody to tell */
  sync: () => SyncHealth | undefined;
  /** how often the live data is read again */
  everyMs?: number;
  /**
   * the first read waits this long after start: the checklist checks PINs against their
   * scrypt hashes, which the checklist service learns off the event loop just after start;
   * read before that, it would hash them on the loop while devices are connecting
   */
  firstAfterMs?: number;
}

export type ProgressRun = 'sent' | 'unchanged' | 'signed' | 'no_central';

/**
 * Tells central how far commissioning is: reads the checklist every `everyMs` and appends
 * `commissioning.progress` to the outbox when what central shows would change (and on the
 * first read, a few seconds after start, as the box does not remember what it sent before a restart: one
 * extra event, which central takes as the newest). Stops telling once the handover is
 * signed; central then has the handover itself.
 */
export class ChecklistProgressJob {
  readonly #deps: ChecklistProgressJobDeps;
  readonly #job: BackgroundJob<ProgressRun>;
  readonly #outbox: OutboxWriter;
  readonly #log: Logger;
  #lastKey: string | undefined;
  #sent = 0;
  #first: TimerHandle | undefined;

  constructor(deps: ChecklistProgressJobDeps) {
    this.#deps = deps;
    this.#log = deps.logger.child({ ns: 'commissioning.progress' });
    this.#outbox = new OutboxWriter(deps.db, deps.storeId);
    this.#job = new BackgroundJob({
      clock: deps.clock,
      log: this.#log,
      intervalMs: deps.everyMs ?? 30_000,
      run: async () => this.checkOnce(),
    });
  }

  /** Progress events appended since start. */
  get sent(): number {
    return this.#sent;
  }

  start(): void {
    if (this.#first) return;
    this.#first = this.#deps.clock.setTimeout(() => this.#job.start(), this.#deps.firstAfterMs ?? 5_000);
  }

  stop(): Promise<void> {
    if (this.#first) this.#deps.clock.clearTimeout(this.#first);
    this.#first = undefined;
    return this.#job.stop();
  }

  /** One read: appends the event when central's view would change. */
  checkOnce(): ProgressRun {
    if (this.#deps.sync()?.enabled !== true) return 'no_central';
    if (this.#deps.signed()) return 'signed';
    const progress = progressOf(this.#deps.checklist());
    const key = progressKey(progress);
    if (key === this.#lastKey) return 'unchanged';
    this.#outbox.append({
      type: COMMISSIONING_PROGRESS_EVENT,
      entityId: this.#deps.storeId,
      ts: progress.checkedAt,
      payload: progress,
    });
    this.#lastKey = key;
    this.#sent += 1;
    this.#log.info(
      { complete: progress.complete, open: progress.items.filter((i) => !i.complete).map((i) => i.id) },
      'commissioning progress sent to central',
    );
    return 'sent';
  }
}
