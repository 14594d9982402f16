import type { Rng } from './random';

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** ± fraction of the delay, so a store full of devices does not reconnect in lock-step. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000, factor: 2, jitter: 0.3 };

/** Delay before reconnect attempt `attempt` (0 = first retry). */
export function backoffDelayMs(attempt: number, options: BackoffOptions, rng: Rng): number {
  const base = Math.min(options.maxMs, options.initialMs * options.factor ** attempt);
  return Math.max(0, Math.round(base * (1 + options.jitter * (rng.next() * 2 - 1))));
}
