/**
 * Simulated time: epoch milliseconds that advance only when the runtime says so,
 * `speed` times faster than the wall clock in accelerated demos. Telemetry
 * timestamps carry this time.
 */
export class SimClock {
  private elapsed = 0;

  constructor(private readonly startEpochMs: number) {}

  now(): number {
    return this.startEpochMs + this.elapsed;
  }

  /** Sim milliseconds since the simulation began. */
  get elapsedMs(): number {
    return this.elapsed;
  }

  advance(ms: number): void {
    if (ms < 0) throw new RangeError('simulated time does not run backwards');
    this.elapsed += ms;
  }
}
