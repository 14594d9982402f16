import Decimal from 'decimal.js';
import type { PredictiveFinding } from '../../../shared/predictive/predictive-finding';

export interface EnergyPenalty {
  /** Duty-cycle increase in percentage points, one decimal ("7.0"); "0.0" without a finding. */
  dutyIncreasePoints: string;
  /** Extra kWh a day, to 0.01 kWh ("2.10"). */
  kwhPerDay: string;
}

/**
 * The extra energy a degradation costs: the duty-cycle increase the asset monitor measured
 * (current − baseline mean of the open finding's `duty_cycle` evidence) × the rated power
 * × 24 h, to 0.01 kWh a day (¥5 a year at ¥1.4): the duty measured over a few hours is
 * not better than about a percentage point, so finer digits would be noise presented as
 * fact. No finding, no duty evidence or no rated power: 0.
 */
export function energyPenalty(
  finding: PredictiveFinding | undefined,
  ratedPowerKw: number | undefined,
): EnergyPenalty {
  const duty = finding?.evidence.find((e) => e.feature === 'duty_cycle');
  const increase = duty ? Math.max(0, duty.current - duty.baselineMean) : 0;
  const points = new Decimal(increase).times(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP);
  if (increase <= 0 || ratedPowerKw === undefined)
    return { dutyIncreasePoints: points.toFixed(1), kwhPerDay: '0.00' };
  const kwh = new Decimal(increase).times(ratedPowerKw).times(24).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return { dutyIncreasePoints: points.toFixed(1), kwhPerDay: kwh.toFixed(2) };
}
