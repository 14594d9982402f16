import type { RateBasis } from '../../../shared/api/downtime';
import { HOUR_MS, splitByHour } from './downtime-hours';
import { type SalesHistory, type SalesRate, salesRates } from './downtime-rate';
import { add, mul, type Ratio, ratio, roundScaled, ZERO } from './downtime-ratio';

export interface EpisodePrice {
  /** thousandths of a portion */
  portionsMilli: number;
  /** minor units (cents); 0 without a price */
  amountMinor: number;
  bases: RateBasis[];
}

/**
 * What an outage of one item cost:
 *
 *   portions = Σ over the outage's pieces, cut at local hour boundaries,
 *              of rate(item, hour of week) × (piece ms / 3 600 000)
 *   amount   = portions × price
 *
 * summed exactly and rounded once: portions to a thousandth, money to the minor unit,
 * halves away from zero. The rates come from the weeks before the outage began, so
 * costing it again after a restart gives the same number.
 */
export function priceEpisode(e: {
  startedAt: number;
  endedAt: number;
  /** minor units per portion; undefined when the item has no price */
  priceMinor: number | undefined;
  timeZone: string;
  history: SalesHistory;
}): EpisodePrice {
  const rateAt = salesRates(e.history);
  let portions: Ratio = ZERO;
  const bases = new Set<RateBasis>();
  for (const piece of splitByHour(e.startedAt, e.endedAt, e.timeZone)) {
    const rate: SalesRate = rateAt(piece.hourOfWeek);
    bases.add(rate.basis);
    portions = add(portions, mul(rate.perHour, ratio(piece.ms, HOUR_MS)));
  }
  return {
    portionsMilli: roundScaled(portions, 1000),
    amountMinor: e.priceMinor === undefined ? 0 : roundScaled(mul(portions, ratio(e.priceMinor)), 1),
    bases: [...bases].sort(),
  };
}
