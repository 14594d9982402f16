import type { TimeToLimitForecast } from '../../../shared/predictive/predictive-finding';
import type { HourOfDayBaseline } from './baselines';
import { HOUR_MS, type HourFeatures } from './hourly-features';
import { fitLine, hoursUntilDownTo } from './trend-forecast';

/** Hours with less running than this say little about headroom (night, a fryer switched off). */
const MIN_DUTY = 0.05;
/** A saturated hour (compressor never stopped) hides how far past the limit the unit already is. */
const MAX_DUTY = 0.98;

export type HeadroomBasis = 'capacity' | 'load';

/**
 * Time until the unit can no longer hold its limit in a busy hour, with the 80 % range
 * of the trend's slope.
 *
 * Duty is load ÷ capacity. A busy hour (the 95th percentile of the baseline's hourly duty)
 * saturates once the capacity left, as a share of the baseline's, falls to that duty.
 * - `capacity` (a wearing compressor, condenser or element): the share left is the measured
 *   capacity over the hour's baseline capacity, in the busy half of the day (where the
 *   crossing happens, and where a fouled condenser loses most). Trade does not move it,
 *   so the line is not thrown by a quiet Monday after a busy Sunday.
 * - `load` (a leaking seal adds heat): the share left is the hour's usual duty over its
 *   measured duty. A torn gasket is a step, not a trend: extrapolating the step would
 *   promise a crossing that never comes, so the answer is "now" when the last hours are
 *   already at the busy level, else none.
 * The share falls linearly when the wear is linear (duty itself bends upward).
 */
export function forecastTimeToLimit(
  hours: readonly HourFeatures[],
  basis: HeadroomBasis,
  baselines: { duty: HourOfDayBaseline; capacity: HourOfDayBaseline },
  nowMs: number,
  limitC: number,
): TimeToLimitForecast | null {
  const busy = baselines.duty.busy();
  const middle = baselines.duty.middle();
  if (busy === undefined || middle === undefined) return null;
  const ts: number[] = [];
  const left: number[] = [];
  for (const h of hours) {
    const usual = baselines.duty.expected(h.localHour);
    if (usual === undefined || usual < MIN_DUTY || h.duty < MIN_DUTY || h.duty > MAX_DUTY) continue;
    let share: number | undefined;
    if (basis === 'load') share = usual / h.duty;
    else {
      const expected = baselines.capacity.expected(h.localHour);
      if (usual >= middle && expected && h.capacityCPerH !== undefined) share = h.capacityCPerH / expected;
    }
    if (share === undefined) continue;
    ts.push((h.hourStartMs + HOUR_MS / 2 - nowMs) / HOUR_MS);
    left.push(share);
  }
  if (basis === 'load') {
    const recent = left.slice(-6);
    if (recent.length < 3 || recent.reduce((a, b) => a + b, 0) / recent.length > busy) return null;
    return { limitC, hours: 0, lowHours: 0, highHours: 0, fittedAt: Math.round(nowMs) };
  }
  if (ts.length < 8) return null;
  const fit = fitLine(ts, left);
  if (!fit) return null;
  const crossing = hoursUntilDownTo(fit, busy, 0);
  if (!crossing) return null;
  return {
    limitC,
    hours: round1(crossing.hours),
    lowHours: round1(crossing.lowHours),
    highHours: round1(crossing.highHours),
    fittedAt: Math.round(nowMs),
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
