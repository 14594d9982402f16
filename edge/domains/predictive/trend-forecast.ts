/** Ordinary least squares of y on t, with the standard error of the slope. */
export interface LineFit {
  intercept: number;
  slope: number;
  slopeSe: number;
  /** Mean of t, around which the intercept is least uncertain. */
  tMean: number;
  n: number;
}

export function fitLine(ts: readonly number[], ys: readonly number[]): LineFit | undefined {
  const n = Math.min(ts.length, ys.length);
  if (n < 3) return undefined;
  let st = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    st += ts[i] as number;
    sy += ys[i] as number;
  }
  const tMean = st / n;
  const yMean = sy / n;
  let stt = 0;
  let sty = 0;
  for (let i = 0; i < n; i++) {
    const dt = (ts[i] as number) - tMean;
    stt += dt * dt;
    sty += dt * ((ys[i] as number) - yMean);
  }
  if (stt === 0) return undefined;
  const slope = sty / stt;
  const intercept = yMean - slope * tMean;
  let sse = 0;
  for (let i = 0; i < n; i++) {
    const r = (ys[i] as number) - (intercept + slope * (ts[i] as number));
    sse += r * r;
  }
  const slopeSe = n > 2 ? Math.sqrt(sse / (n - 2) / stt) : Number.POSITIVE_INFINITY;
  return { intercept, slope, slopeSe, tMean, n };
}

export interface Crossing {
  hours: number;
  lowHours: number;
  highHours: number;
}

/** z for a two-sided 80 % range: the forecast's "range" is where the crossing falls four times in five. */
const Z80 = 1.2816;
const MAX_HORIZON_H = 24 * 60;

/**
 * When a falling line `fit` (t in hours from now = 0) reaches `level`: now if it already
 * has, undefined if it is not falling or would take longer than the horizon.
 */
export function hoursUntilDownTo(fit: LineFit, level: number, nowH: number): Crossing | undefined {
  const at = (slope: number) => {
    const yNow = fit.intercept + fit.slope * fit.tMean + slope * (nowH - fit.tMean);
    if (yNow <= level) return 0;
    if (slope >= 0) return Number.POSITIVE_INFINITY;
    return (level - yNow) / slope;
  };
  const hours = at(fit.slope);
  if (!Number.isFinite(hours) || hours > MAX_HORIZON_H) return undefined;
  const fast = at(fit.slope - Z80 * fit.slopeSe);
  const slow = at(Math.min(-1e-9, fit.slope + Z80 * fit.slopeSe));
  return {
    hours,
    lowHours: Math.min(hours, fast),
    highHours: Math.max(hours, Math.min(MAX_HORIZON_H, slow)),
  };
}
