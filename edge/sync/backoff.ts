export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/** Returns a number in [0, 1), like Math.random; injected so tests pick the jitter. */
export type Random = () => number;

/**
 * Delay before retry number `failures` (1 = after the first failure): exponential,
 * capped, with "equal jitter" — half the step is fixed, half random — so stores that
 * lost central together do not come back in lockstep, yet none retries too soon.
 * The result lies in [step / 2, step) where step = min(maxMs, baseMs * 2^(failures-1)).
 */
export function backoffDelay(failures: number, policy: BackoffPolicy, random: Random): number {
  const exponent = Math.max(0, Math.min(failures - 1, 30));
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.floor(step / 2 + random() * (step / 2));
}
