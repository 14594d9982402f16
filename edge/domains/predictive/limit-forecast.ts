import type { TimeToLimitForecast } from '../../../shared/predictive/predictive-finding';
import type { AssetMetrics } from './asset-kind';
import type { HourOfDayBaseline } from './baselines';
import type { DailyPeakBaseline } from './daily-peak-baseline';
import { firstPassage } from './forecast-first-passage';
import { LIMIT_EVENT_FACTOR, MAX_EVENT_SHARE, PEAK_EVENT_FACTOR } from './forecast-limit-event';
import { theilSenLine } from './forecast-robust-fit';
import { HOUR_MS, type HourFeatures } from './hourly-features';
import type { LineFit } from './trend-forecast';

/** Hours with less running than this say little about headroom (night, a fryer switched off). */
const MIN_DUTY = 0.05;
/** A saturated hour (compressor never stopped) hides how far past the limit the unit already is. */
const MAX_DUTY = 0.98;
const Z80 = 1.2816;
const MAX_HORIZON_H = 24 * 60;

/**
 * - `capacity`: a wearing compressor, condenser, charge or element; the share left falls
 *   linearly with the wear.
 * - `frost`: a dead defrost heater; frost builds at a steady rate and a coil's capacity
 *   falls as 1 / (1 + frost / F), so the inverse of the share rises linearly.
 * - `charge`: a short refrigerant charge; like `capacity`, but it costs the same share at
 *   every hour (it does not follow the kitchen air), so every running hour is a measurement.
 * - `load`: a leaking seal adds heat in one step.
 */
export type HeadroomBasis = 'capacity' | 'charge' | 'frost' | 'load';

/**
 * Time until the unit can no longer hold its limit in a busy hour, with an 80 % range.
 *
 * Duty is load ÷ capacity. A busy hour (the 95th percentile of the baseline's hourly duty)
 * saturates once the capacity left, as a share of the baseline's, falls to that duty;
 * `LIMIT_EVENT_FACTOR` turns saturation into the event that is judged (30 min past the limit).
 * - `capacity`: the measured capacity over the hour's baseline capacity, in the busy half
 *   of the day (where the crossing happens, and where a fouled condenser loses most), fitted
 *   with a Theil–Sen line (robust to the odd delivery hour). Trade does not move it, so the
 *   line is not thrown by a quiet Monday after a busy Sunday.
 * - `frost`: baseline over measured capacity, every running hour since the heater stopped
 *   (frost does not care about the kitchen air), a Theil–Sen line rising to 1 ÷ the level.
 * - `load`: the hour's usual duty over its measured duty. A torn gasket is a step, not a
 *   trend: extrapolating the step would promise a crossing that never comes, so the answer
 *   is "now" when the last hours are already at the busy level, else none.
 *
 * The range joins the two uncertainties: the slope's 80 % interval and the busy level's
 * own day-to-day spread (the baseline's hourly duty spread): the early end is the fast
 * slope reaching the high level, the late end the slow slope reaching the low one.
 *
 * `capacity` with the learning days' daily peaks known (every monitor learns them) is
 * forecast as a first passage instead (`forecast-first-passage.ts`): a hinge anchored at the
 * baseline (the wear starts at some hour, the share is 1 before it), against the coming
 * days' peak loads drawn from the learned ones, its range from a residual bootstrap. The
 * straight line above stays for snapshots kept before the peaks were learned.
 */
export function forecastTimeToLimit(
  hours: readonly HourFeatures[],
  basis: HeadroomBasis,
  baselines: { duty: HourOfDayBaseline; capacity: HourOfDayBaseline; dailyPeaks?: DailyPeakBaseline },
  nowMs: number,
  limitC: number,
  limitKind: AssetMetrics['limit'] = 'cold',
): TimeToLimitForecast | null {
  const busy = baselines.duty.busy();
  const middle = baselines.duty.middle();
  if (busy === undefined || middle === undefined) return null;
  const factor = LIMIT_EVENT_FACTOR[limitKind];
  const level = Math.min(MAX_EVENT_SHARE, busy * factor);
  const spread = baselines.duty.spread() * factor;
  const ts: number[] = [];
  const ys: number[] = [];
  for (const h of hours) {
    const usual = baselines.duty.expected(h.localHour);
    if (usual === undefined || usual < MIN_DUTY || h.duty < MIN_DUTY || h.duty > MAX_DUTY) continue;
    const y = headroomOf(h, usual, basis, baselines.capacity, middle);
    if (y === undefined) continue;
    ts.push((h.hourStartMs + HOUR_MS / 2 - nowMs) / HOUR_MS);
    ys.push(y);
  }
  const at = (hoursAhead: number, low: number, high: number) => ({
    limitC,
    hours: round1(hoursAhead),
    lowHours: round1(low),
    highHours: round1(high),
    fittedAt: Math.round(nowMs),
  });
  if (basis === 'load') {
    const recent = ys.slice(-6);
    if (recent.length < 3 || recent.reduce((a, b) => a + b, 0) / recent.length > busy) return null;
    return at(0, 0, 0);
  }
  if (ts.length < (basis === 'frost' ? 4 : 8)) return null;
  const peaks = baselines.dailyPeaks?.learned;
  const last = hours.at(-1);
  const wear = basis === 'capacity' || basis === 'charge';
  if (wear && peaks && last) {
    const localMidnightMs = last.hourStartMs - last.localHour * HOUR_MS;
    const nowLocalH = (nowMs - localMidnightMs) / HOUR_MS;
    const passage = firstPassage({
      ts,
      ys,
      dailyPeaks: peaks.peaks,
      nextPeakInH: (((peaks.peakHour + 0.5 - nowLocalH) % 24) + 24) % 24,
      factor: PEAK_EVENT_FACTOR[limitKind],
      horizonH: MAX_HORIZON_H,
    });
    return passage ? at(passage.hours, passage.lowHours, passage.highHours) : null;
  }
  const fit = theilSenLine(ts, ys);
  if (!fit) return null;
  // Frost is fitted on the inverse share (rising); negate it so both bases fall to their level.
  const down = basis === 'frost' ? negate(fit) : fit;
  const target = (share: number) => (basis === 'frost' ? -1 / share : share);
  const central = hoursToReach(down, down.slope, target(level));
  if (central === undefined || central > MAX_HORIZON_H) return null;
  const fast = hoursToReach(
    down,
    down.slope - Z80 * down.slopeSe,
    target(Math.min(MAX_EVENT_SHARE, level + Z80 * spread)),
  );
  const slow = hoursToReach(
    down,
    Math.min(-1e-9, down.slope + Z80 * down.slopeSe),
    target(Math.max(0.05, level - Z80 * spread)),
  );
  return at(
    central,
    Math.min(central, fast ?? central),
    Math.max(central, Math.min(MAX_HORIZON_H, slow ?? MAX_HORIZON_H)),
  );
}

function headroomOf(
  h: HourFeatures,
  usual: number,
  basis: HeadroomBasis,
  capacity: HourOfDayBaseline,
  middle: number,
): number | undefined {
  if (basis === 'load') return usual / h.duty;
  const expected = capacity.expected(h.localHour);
  if (!expected || h.capacityCPerH === undefined || h.capacityCPerH <= 0) return undefined;
  if (basis === 'frost') return expected / h.capacityCPerH;
  if (basis === 'charge') return h.capacityCPerH / expected;
  return usual >= middle ? h.capacityCPerH / expected : undefined;
}

/** Hours from now (t = 0) until the line through the fit's level now, with `slope`, reaches `level`. */
function hoursToReach(fit: LineFit, slope: number, level: number): number | undefined {
  const yNow = fit.intercept + fit.slope * fit.tMean + slope * (0 - fit.tMean);
  if (yNow <= level) return 0;
  if (slope >= 0) return undefined;
  return (level - yNow) / slope;
}

const negate = (f: LineFit): LineFit => ({ ...f, intercept: -f.intercept, slope: -f.slope });
const round1 = (n: number) => Math.round(n * 10) / 10;
