import type { Clock, TimerHandle } from './clock';
import type { Logger } from './logger';

export interface BackgroundJobDeps<T> {
  clock: Clock;
  log: Logger;
  intervalMs: number;
  /** what the job does at `now`; it should check `stopping` between chunks of work */
  run: (now: number) => Promise<T>;
}

/**
 * Runs a job on an interval, never two runs at once, and lets `stop()` wait for the
 * run in progress — the shared scheduling of the edge's background maintenance.
 */
export class BackgroundJob<T> {
  readonly #deps: BackgroundJobDeps<T>;
  #timer: TimerHandle | undefined;
  #running: Promise<T> | undefined;
  #stopping = false;
  #busy = false;

  constructor(deps: BackgroundJobDeps<T>) {
    this.#deps = deps;
  }

  /** True from `stop()` on: long runs end early at their next chunk. */
  get stopping(): boolean {
    return this.#stopping;
  }

  /** Whether a scheduled run is in progress (tests wait for it to settle). */
  get busy(): boolean {
    return this.#busy;
  }

  start(): void {
    if (this.#timer) return;
    this.#stopping = false;
    this.#timer = this.#deps.clock.setInterval(() => this.#tick(), this.#deps.intervalMs);
    this.#tick();
  }

  async stop(): Promise<void> {
    if (this.#timer) this.#deps.clock.clearInterval(this.#timer);
    this.#timer = undefined;
    this.#stopping = true;
    await this.#running?.catch(() => undefined);
  }

  /** Runs now, after any run in progress. */
  runOnce(now?: number): Promise<T> {
    const previous = this.#running ?? Promise.resolve(undefined);
    const run = previous.catch(() => undefined).then(() => this.#deps.run(now ?? this.#deps.clock.now()));
    this.#running = run;
    return run;
  }

  #tick(): void {
    if (this.#busy) return;
    this.#busy = true;
    this.runOnce()
      .catch((err: unknown) => this.#deps.log.error({ err }, 'background run failed; retrying next interval'))
      .finally(() => {
        this.#busy = false;
      });
  }
}
