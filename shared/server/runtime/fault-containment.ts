import { pino } from 'pino';
import type { Logger } from './logger';

/** Where an exception escaped from: the boundaries that must never let one end the process. */
export type FaultSite = 'broker_hook' | 'broker_event' | 'bus_listener' | 'timer' | 'process';

const FAULT_SITES: readonly FaultSite[] = ['broker_hook', 'broker_event', 'bus_listener', 'timer', 'process'];

/** A fault logged again at most this often per site and place, so a hot loop cannot flood the log. */
const RELOG_INTERVAL_MS = 10_000;

/**
 * The one place where exceptions that escaped a broker hook, a broker event, a bus
 * listener, a timer or the process itself are caught, counted and logged. A single
 * bad message must never take a store down: whatever threw, the broker, the API and
 * the alarms keep running, and the count shows up in /metrics.
 */
export class FaultContainment {
  readonly #counts = new Map<FaultSite, number>(FAULT_SITES.map((s) => [s, 0]));
  readonly #loggedAt = new Map<string, number>();
  #log: Logger | undefined;

  /** The process's root logger; until it is attached, faults log through a default one. */
  attachLogger(logger: Logger): void {
    this.#log = logger.child({ ns: 'faults' });
  }

  /** Counts and logs an exception that reached a boundary; never throws. */
  contain(site: FaultSite, where: string, err: unknown): void {
    this.#counts.set(site, (this.#counts.get(site) ?? 0) + 1);
    try {
      const key = `${site}:${where}`;
      const now = Date.now();
      const last = this.#loggedAt.get(key);
      if (last !== undefined && now - last < RELOG_INTERVAL_MS) return;
      if (this.#loggedAt.size > 1000) this.#loggedAt.clear();
      this.#loggedAt.set(key, now);
      this.#logger().error(
        { err, site, where, total: this.#counts.get(site) },
        `exception contained in ${where}`,
      );
    } catch {
      // Logging itself failed (a closed stream): the count above still records the fault.
    }
  }

  /**
   * Wraps a callback so that a synchronous throw, or a rejection of the promise it
   * returns, is contained instead of reaching its caller.
   */
  guard<A extends unknown[]>(
    site: FaultSite,
    where: string,
    fn: (...args: A) => unknown,
  ): (...args: A) => void {
    return (...args: A) => {
      try {
        const result = fn(...args);
        if (isPromiseLike(result)) result.then(undefined, (err: unknown) => this.contain(site, where, err));
      } catch (err) {
        this.contain(site, where, err);
      }
    };
  }

  count(site: FaultSite): number {
    return this.#counts.get(site) ?? 0;
  }

  counts(): { site: FaultSite; count: number }[] {
    return FAULT_SITES.map((site) => ({ site, count: this.count(site) }));
  }

  #logger(): Logger {
    // Before a process attaches its own logger (tests, tools): lines without a process name.
    this.#log ??= pino({ base: { ns: 'faults' } });
    return this.#log;
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
  );
}

/** The process-wide instance: bus, clock and broker share it so /metrics has one count. */
export const faults = new FaultContainment();

let processHandlersInstalled = false;

/**
 * Last line of defence: an exception nobody caught, or a rejection nobody handled,
 * is counted and logged instead of ending the process (Node's default). The
 * boundaries above catch nearly everything closer to where it happened.
 */
export function containProcessFaults(logger: Logger): void {
  faults.attachLogger(logger);
  if (processHandlersInstalled) return;
  processHandlersInstalled = true;
  process.on('uncaughtException', (err) => faults.contain('process', 'uncaughtException', err));
  process.on('unhandledRejection', (reason) => faults.contain('process', 'unhandledRejection', reason));
}
