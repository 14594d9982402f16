import type { EquipmentTypeProfile, MetricProfile } from '../../shared/config/equipment-profile';
import type { ReadingValue } from '../../shared/device-messages';
import { isPlainObject, jsonTypeOf } from './decode-payload';
import { type Rejection, reject } from './rejection';

export type ReadingsCheck = { ok: true; readings: Record<string, ReadingValue> } | Rejection;

/**
 * Checks every reading against the equipment type's profile: the metric must be
 * known, of the profile's kind, finite, and within the physical range. A value
 * outside the physical range is a broken sensor or a wrong unit, never a real
 * temperature, so it is refused rather than raising a false alarm.
 */
export function validateReadings(
  readings: unknown,
  profile: EquipmentTypeProfile,
  maxReadings: number,
): ReadingsCheck {
  if (readings === undefined) return reject('schema_mismatch', '"readings" is missing');
  if (!isPlainObject(readings)) {
    return reject(
      'schema_mismatch',
      `"readings" must be an object of metric → value, got ${jsonTypeOf(readings)}`,
    );
  }
  let count = 0;
  for (const _ in readings) count++;
  if (count === 0) return reject('empty_readings', '"readings" has no metrics');
  if (count > maxReadings) {
    return reject(
      'too_many_readings',
      `${count} readings in one message; at most ${maxReadings} are allowed`,
    );
  }
  // JSON.parse gives a fresh plain object with own, enumerable keys only: checked in place, not copied.
  for (const metric in readings) {
    const value = readings[metric];
    const metricProfile = Object.hasOwn(profile.metrics, metric) ? profile.metrics[metric] : undefined;
    if (!metricProfile) {
      const known = Object.keys(profile.metrics).join(', ');
      return reject(
        'unknown_metric',
        `metric "${metric}" is not reported by this equipment type (known: ${known})`,
      );
    }
    const problem = checkValue(metric, value, metricProfile);
    if (problem) return problem;
  }
  return { ok: true, readings: readings as Record<string, ReadingValue> };
}

function checkValue(metric: string, value: unknown, profile: MetricProfile): Rejection | undefined {
  if (profile.kind === 'boolean') {
    if (typeof value === 'boolean') return undefined;
    return reject('wrong_type', `${metric} must be true or false, got ${describeValue(value)}`);
  }
  if (typeof value !== 'number') {
    return reject('wrong_type', `${metric} must be a number, got ${describeValue(value)}`);
  }
  if (!Number.isFinite(value)) return reject('non_finite', `${metric}=${value} is not a finite number`);
  const unit = profile.unit ? ` ${profile.unit}` : '';
  if (profile.max !== undefined && value > profile.max) {
    return reject('out_of_range', `${metric}=${value} is above the physical maximum ${profile.max}${unit}`);
  }
  if (profile.min !== undefined && value < profile.min) {
    return reject('out_of_range', `${metric}=${value} is below the physical minimum ${profile.min}${unit}`);
  }
  return undefined;
}

function describeValue(value: unknown): string {
  const type = jsonTypeOf(value);
  if (type === 'string' || type === 'number' || type === 'boolean') return `${type} ${JSON.stringify(value)}`;
  return type;
}
