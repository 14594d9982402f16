import { fitAnchoredHinge } from './forecast-hinge-fit';

/**
 * When a falling share of capacity first meets a day whose peak load it cannot carry.
 *
 * The crossing is not the day the average day saturates: it is the first day whose busiest
 * hour asks more than the capacity left, and busy days come at random (trade, weather,
 * a late delivery). So the learning days' daily peak duties (the busiest hour's duty of
 * each day, as a share of the baseline capacity) are the distribution of what each coming
 * day will ask, and the chance the unit still holds on day d is the product over the days
 * up to d of P(peak × factor ≤ capacity left at that day's peak hour).
 *
 * The capacity trend's own uncertainty comes from a residual bootstrap of the anchored
 * hinge fit: each resample gives a slope and a level now, each its survival curve; the
 * forecast is the mean curve, so its median and its 10th / 90th percentiles (the 80 %
 * range) carry both the fit's noise and the day-to-day load.
 */
export interface FirstPassageInput {
  /** Hours from now (negative) and the measured share of capacity at each. */
  ts: readonly number[];
  ys: readonly number[];
  /** The learning days' daily peak duties (share of baseline capacity). */
  dailyPeaks: readonly number[];
  /** Hours from now to the next busiest hour of the day (0–24). */
  nextPeakInH: number;
  /** The event needs the peak load × this above the capacity left (see `LIMIT_EVENT_FACTOR`). */
  factor: number;
  /** Latest crossing worth forecasting, hours. */
  horizonH: number;
}

export interface FirstPassage {
  hours: number;
  lowHours: number;
  highHours: number;
}

const RESAMPLES = 120;
/** Peaks are smoothed by this share on each side so one learning day does not make a cliff. */
const PEAK_SMOOTHING = 0.02;

export function firstPassage(input: FirstPassageInput): FirstPassage | undefined {
  const fit = fitAnchoredHinge(input.ts, input.ys);
  if (!fit || fit.slope >= 0 || input.dailyPeaks.length < 5) return undefined;
  const days = Math.ceil(input.horizonH / 24) + 1;
  const peaks = [...input.dailyPeaks].map((p) => p * input.factor).sort((a, b) => a - b);
  const survivalSum = new Array<number>(days).fill(0);
  const rng = seededRandom(input.ts.length * 7919 + Math.round(fit.slope * 1e6));
  let counted = 0;
  for (let b = 0; b < RESAMPLES; b++) {
    const draw =
      b === 0
        ? fit
        : fitAnchoredHinge(
            input.ts,
            fit.fitted.map((f) => f + (fit.residuals[Math.floor(rng() * fit.residuals.length)] as number)),
          );
    if (!draw) continue;
    counted++;
    let alive = 1;
    for (let d = 0; d < days; d++) {
      const t = input.nextPeakInH + 24 * d;
      const capacityLeft = draw.levelNow + Math.min(0, draw.slope) * t;
      alive *= holdsProbability(peaks, capacityLeft);
      survivalSum[d] = (survivalSum[d] as number) + alive;
    }
  }
  if (counted === 0) return undefined;
  const quantileH = (q: number): number | undefined => {
    for (let d = 0; d < days; d++)
      if ((survivalSum[d] as number) / counted <= 1 - q) return input.nextPeakInH + 24 * d;
    return undefined;
  };
  const hours = quantileH(0.5);
  if (hours === undefined || hours > input.horizonH) return undefined;
  return {
    hours,
    lowHours: quantileH(0.1) ?? hours,
    highHours: Math.min(input.horizonH, quantileH(0.9) ?? input.horizonH),
  };
}

/** P(a day's peak ≤ capacity): the empirical distribution of the peaks, smoothed linearly. */
function holdsProbability(sortedPeaks: readonly number[], capacity: number): number {
  let p = 0;
  for (const peak of sortedPeaks) {
    const lo = peak * (1 - PEAK_SMOOTHING);
    const hi = peak * (1 + PEAK_SMOOTHING);
    p += capacity >= hi ? 1 : capacity <= lo ? 0 : (capacity - lo) / (hi - lo);
  }
  return p / sortedPeaks.length;
}

/** A small deterministic generator (mulberry32): the same data give the same forecast. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
