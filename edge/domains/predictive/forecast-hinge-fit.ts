/**
 * A wear that starts at some hour and then grows steadily, seen as a share of the unit's
 * own baseline (1 = as learned): y = 1 + slope · max(0, t − t0). The baseline is known
 * (the unit's own learning days), so only the start `t0` and the slope are fitted; the
 * hours before the wear began pin the line's start instead of flattening its slope, as
 * they do to a straight line fitted through them.
 */
export interface HingeFit {
  /** Hour the wear began (t is hours from now, negative in the past). */
  t0: number;
  /** Change of the share per hour (negative for a loss). */
  slope: number;
  /** The fitted share now (t = 0). */
  levelNow: number;
  /** Fitted value of each point, in the order given. */
  fitted: number[];
  /** Observed − fitted, in the order given. */
  residuals: number[];
}

/** Grid step of the start hour: finer moves the slope by less than its own noise. */
const T0_STEP_H = 2;
/** The wear must have at least this many hours of points after its start to be fitted. */
const MIN_AFTER_H = 12;
/** Points further than this many robust sds from the first fit are left out of the second. */
const OUTLIER_SD = 3;

/**
 * Least squares of the anchored hinge over a grid of start hours, then again without the
 * points the first fit calls outliers (a delivery hour, a door left ajar). Returns
 * undefined with fewer than 6 points or too short a span.
 */
export function fitAnchoredHinge(
  ts: readonly number[],
  ys: readonly number[],
  anchor = 1,
): HingeFit | undefined {
  const first = bestHinge(
    ts,
    ys,
    anchor,
    ts.map(() => true),
  );
  if (!first) return undefined;
  const abs = first.residuals.map(Math.abs).sort((a, b) => a - b);
  const sd = 1.4826 * (abs[Math.floor(abs.length / 2)] ?? 0);
  if (sd <= 0) return first;
  const keep = first.residuals.map((r) => Math.abs(r) <= OUTLIER_SD * sd);
  return bestHinge(ts, ys, anchor, keep) ?? first;
}

function bestHinge(
  ts: readonly number[],
  ys: readonly number[],
  anchor: number,
  keep: readonly boolean[],
): HingeFit | undefined {
  const n = Math.min(ts.length, ys.length);
  let tMin = Number.POSITIVE_INFINITY;
  let tMax = Number.NEGATIVE_INFINITY;
  let used = 0;
  for (let i = 0; i < n; i++) {
    if (!keep[i]) continue;
    used++;
    tMin = Math.min(tMin, ts[i] as number);
    tMax = Math.max(tMax, ts[i] as number);
  }
  if (used < 6 || tMax - tMin < MIN_AFTER_H) return undefined;
  let best: { t0: number; slope: number; sse: number } | undefined;
  for (let t0 = tMin; t0 <= tMax - MIN_AFTER_H; t0 += T0_STEP_H) {
    let sxx = 0;
    let sxy = 0;
    for (let i = 0; i < n; i++) {
      if (!keep[i]) continue;
      const x = Math.max(0, (ts[i] as number) - t0);
      sxx += x * x;
      sxy += x * ((ys[i] as number) - anchor);
    }
    if (sxx === 0) continue;
    const slope = sxy / sxx;
    let sse = 0;
    for (let i = 0; i < n; i++) {
      if (!keep[i]) continue;
      const r = (ys[i] as number) - anchor - slope * Math.max(0, (ts[i] as number) - t0);
      sse += r * r;
    }
    if (!best || sse < best.sse) best = { t0, slope, sse };
  }
  if (!best) return undefined;
  const { t0, slope } = best;
  const fitted = ts.slice(0, n).map((t) => anchor + slope * Math.max(0, t - t0));
  return {
    t0,
    slope,
    levelNow: anchor + slope * Math.max(0, -t0),
    fitted,
    residuals: fitted.map((f, i) => (ys[i] as number) - f),
  };
}
