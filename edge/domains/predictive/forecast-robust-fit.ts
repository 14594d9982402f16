import type { LineFit } from './trend-forecast';

/** z for a two-sided 80 % interval (the forecast's "range"). */
const Z80 = 1.2816;

/**
 * Theil–Sen line: the median of the slopes between every pair of points, and the median
 * intercept for that slope. An hour thrown by a delivery, a party night or a door left
 * ajar moves a least-squares slope; here it is one pair-slope among hundreds.
 *
 * The slope's 80 % interval is Sen's distribution-free one (ranks of the pair-slopes);
 * `slopeSe` is its half-width over z₈₀, so callers treat it like a standard error.
 * Returns undefined with fewer than 3 points or when every t is the same.
 */
export function theilSenLine(ts: readonly number[], ys: readonly number[]): LineFit | undefined {
  const n = Math.min(ts.length, ys.length);
  if (n < 3) return undefined;
  const slopes: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dt = (ts[j] as number) - (ts[i] as number);
      if (dt !== 0) slopes.push(((ys[j] as number) - (ys[i] as number)) / dt);
    }
  }
  if (slopes.length === 0) return undefined;
  slopes.sort((a, b) => a - b);
  const slope = medianOfSorted(slopes);
  let tSum = 0;
  const offsets: number[] = [];
  for (let i = 0; i < n; i++) {
    tSum += ts[i] as number;
    offsets.push((ys[i] as number) - slope * (ts[i] as number));
  }
  offsets.sort((a, b) => a - b);
  // Sen (1968): the interval's ends are the pair-slopes C/2 ranks either side of the middle.
  const c = Z80 * Math.sqrt((n * (n - 1) * (2 * n + 5)) / 18);
  const m = slopes.length;
  const lower = slopes[clampIndex(Math.floor((m - c) / 2), m)] as number;
  const upper = slopes[clampIndex(Math.ceil((m + c) / 2), m)] as number;
  return {
    intercept: medianOfSorted(offsets),
    slope,
    slopeSe: (upper - lower) / 2 / Z80,
    tMean: tSum / n,
    n,
  };
}

function medianOfSorted(s: readonly number[]): number {
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

const clampIndex = (i: number, length: number) => Math.min(length - 1, Math.max(0, i));
