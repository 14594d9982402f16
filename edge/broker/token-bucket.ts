import type { Clock } from '../../shared/server/runtime/clock';

/** Per-client publish budget: `burst` messages at once, refilled at `ratePerSecond`. */
export class TokenBucket {
  #tokens: number;
  #refilledAt: number;

  constructor(
    private readonly clock: Clock,
    private readonly ratePerSecond: number,
    private readonly burst: number,
  ) {
    this.#tokens = burst;
    this.#refilledAt = clock.now();
  }

  tryTake(): boolean {
    const now = this.clock.now();
    const elapsedS = Math.max(0, now - this.#refilledAt) / 1000;
    this.#tokens = Math.min(this.burst, this.#tokens + elapsedS * this.ratePerSecond);
    this.#refilledAt = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
