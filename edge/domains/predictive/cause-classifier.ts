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
}

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
  capacity: HourOfDayBaseline,
  recentBadDefrosts: number,
): CauseVerdict {
  if (metrics.kind === 'fryer') return { cause: 'heating_element_weak', alsoPossible: [] };
  if (recentBadDefrosts > 0)
    return { cause: 'defrost_heater_failure', alsoPossible: ['condenser_fouling', 'refrigerant_loss'] };
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
    ? { cause: 'refrigerant_loss', alsoPossible: ['condenser_fouling'], airDependence }
    : { cause: 'condenser_fouling', alsoPossible: ['refrigerant_loss'], airDependence };
}
