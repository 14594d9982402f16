import type { PredictiveCause } from '../../../shared/predictive/predictive-causes';
import type { AssetMetrics } from './asset-kind';
import type { HourOfDayBaseline } from './baselines';
import type { HourFeatures } from './hourly-features';
import { fitLine } from './trend-forecast';

export interface CauseVerdict {
  cause: PredictiveCause;
  alsoPossible: PredictiveCause[];
  /** Capacity loss vs the air: the normalised slope and its standard error (capacity causes only). */
  airDependence?: { value: number; se: number };
  /** The compressor's running power vs its baseline (share, + = draws more), when it is metered. */
  powerShift?: { value: number; se: number };
}

/**
 * With a power meter the two capacity losses pull the compressor's draw opposite ways: a
 * fouled condenser raises the head pressure and the compressor draws more while it runs
 * longer; a short charge lowers the suction pressure and mass flow, so it draws less. The
 * mean shift over the drift's hours decides once it is this many standard errors from zero.
 * A warm kitchen raises the draw of any unit (a higher condensing pressure), so the shift
 * is first corrected for the air, read from the box's own warm-up slope with the unit's
 * learned power-per-warm-up sensitivity (`PowerAirSensitivity`). Hours are not
 * independent (a warm day moves a dozen together): the error counts one independent
 * value per `POWER_HOURS_PER_VALUE` hours.
 */
const POWER_CONFIDENCE_SE = 1;
const POWER_HOURS_PER_VALUE = 4;
const POWER_MIN_HOURS = 12;

/**
 * A fouled condenser rejects heat worse the warmer the air it breathes, so its capacity
 * loss grows with the kitchen's temperature; a short refrigerant charge costs about the
 * same share at any hour. The box's own warm-up slope (door shut, compressor off) rises
 * and falls with the air around it, so it stands in for an air probe the box lacks:
 * the relative loss is regressed on the relative warm-up slope; a normalised slope near
 * 1 or more says the loss follows the air.
 *
 * Early on (a few percent lost) the test is weak: hour-to-hour noise is as large as the
 * difference between hot and cool hours. Triage then goes the way a technician's does:
 * the condenser first (the most common cause in a kitchen's greasy air, and the cheapest
 * check), refrigerant loss named beside it, unless the loss is clearly the same at every
 * hour (the slope's upper bound, two standard errors, under the condenser's signature).
 */
const CONDENSER_SIGNATURE = 0.8;
const CONFIDENCE_SE = 2;

/** Which wear explains a capacity loss, from the hours since the drift began. */
export function classifyCapacityLoss(
  metrics: AssetMetrics,
  hours: readonly HourFeatures[],
  baselines: {
    capacity: HourOfDayBaseline;
    power: HourOfDayBaseline;
    warmUp: HourOfDayBaseline;
    /** Relative power change per relative warm-up change, learned (0 = not corrected). */
    powerPerWarmUp: number;
  },
  recentBadDefrosts: number,
): CauseVerdict {
  if (metrics.kind === 'fryer') return { cause: 'heating_element_weak', alsoPossible: [] };
  if (recentBadDefrosts > 0)
    return { cause: 'defrost_heater_failure', alsoPossible: ['condenser_fouling', 'refrigerant_loss'] };
  const powerShift = baselines.power.learned ? powerShiftOf(hours, baselines) : undefined;
  if (powerShift && Math.abs(powerShift.value) >= POWER_CONFIDENCE_SE * powerShift.se)
    return powerShift.value > 0
      ? { cause: 'condenser_fouling', alsoPossible: ['refrigerant_loss'], powerShift }
      : { cause: 'refrigerant_loss', alsoPossible: ['condenser_fouling'], powerShift };
  const capacity = baselines.capacity;
  const losses: number[] = [];
  const airs: number[] = [];
  for (const h of hours) {
    const expected = capacity.expected(h.localHour);
    if (h.capacityCPerH === undefined || h.warmUpCPerH === undefined || !expected) continue;
    losses.push(1 - h.capacityCPerH / expected);
    airs.push(h.warmUpCPerH);
  }
  const airMean = airs.reduce((a, b) => a + b, 0) / (airs.length || 1);
  const lossMean = losses.reduce((a, b) => a + b, 0) / (losses.length || 1);
  const fit =
    airMean > 0
      ? fitLine(
          airs.map((w) => w / airMean - 1),
          losses,
        )
      : undefined;
  const dependence = fit && lossMean > 0 ? fit.slope / lossMean : 0;
  const se = fit && lossMean > 0 ? fit.slopeSe / lossMean : Number.POSITIVE_INFINITY;
  const airDependence = { value: dependence, se };
  return dependence + CONFIDENCE_SE * se < CONDENSER_SIGNATURE
    ? { cause: 'refrigerant_loss', alsoPossible: ['condenser_fouling'], airDependence, powerShift }
    : { cause: 'condenser_fouling', alsoPossible: ['refrigerant_loss'], airDependence, powerShift };
}

/**
 * Mean relative shift of the running power from its hour's baseline, corrected for the
 * kitchen air, with its standard error.
 */
function powerShiftOf(
  hours: readonly HourFeatures[],
  b: { power: HourOfDayBaseline; warmUp: HourOfDayBaseline; powerPerWarmUp: number },
): { value: number; se: number } | undefined {
  const shifts: number[] = [];
  for (const h of hours) {
    const expected = b.power.expected(h.localHour);
    if (h.runningPowerW === undefined || !expected) continue;
    const warm = relativeToBaseline(h.warmUpCPerH, b.warmUp, h.localHour) ?? 0;
    shifts.push(h.runningPowerW / expected - 1 - b.powerPerWarmUp * warm);
  }
  if (shifts.length < POWER_MIN_HOURS) return undefined;
  const mean = shifts.reduce((a, b) => a + b, 0) / shifts.length;
  const variance = shifts.reduce((a, b) => a + (b - mean) ** 2, 0) / (shifts.length - 1);
  return { value: mean, se: Math.sqrt((variance * POWER_HOURS_PER_VALUE) / shifts.length) };
}

function relativeToBaseline(
  value: number | undefined,
  base: HourOfDayBaseline,
  hour: number,
): number | undefined {
  const expected = base.expected(hour);
  return value === undefined || !expected ? undefined : value / expected - 1;
}

/** Physically the draw rises with the air; a learned sensitivity outside this is noise. */
const MAX_POWER_PER_WARM_UP = 0.5;

/**
 * How much a unit's running power moves with the air around it, learned from its own
 * baseline days: least squares of the hour's relative power shift on its relative
 * warm-up shift (both against their hour-of-day baselines). 0 when there is too little to
 * learn from, clamped to [0, 0.5] (a negative value is noise: warmer air never lowers it).
 */
export function learnPowerPerWarmUp(
  hours: readonly HourFeatures[],
  b: { power: HourOfDayBaseline; warmUp: HourOfDayBaseline },
): number {
  const ws: number[] = [];
  const ps: number[] = [];
  for (const h of hours) {
    const w = relativeToBaseline(h.warmUpCPerH, b.warmUp, h.localHour);
    const p = relativeToBaseline(h.runningPowerW, b.power, h.localHour);
    if (w === undefined || p === undefined) continue;
    ws.push(w);
    ps.push(p);
  }
  if (ws.length < 48) return 0;
  const fit = fitLine(ws, ps);
  return fit ? Math.min(MAX_POWER_PER_WARM_UP, Math.max(0, fit.slope)) : 0;
}
