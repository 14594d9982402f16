import type { TFunction } from 'i18next';
import type { LatestReading } from '../../../shared/api/equipment';
import { formatReading } from './format';

type BooleanWords = readonly [whenTrue: string, whenFalse: string];

/**
 * What a switch reading says in words of its own: a door is open or closed, not "on";
 * a compressor runs or stops. Anything not listed reads on/off.
 */
const BOOLEAN_WORDS: Record<string, BooleanWords> = {
  door_open: ['reading.open', 'reading.closed'],
  bin_full: ['reading.full', 'reading.notFull'],
  compressor_on: ['reading.running', 'reading.stopped'],
  fan_on: ['reading.running', 'reading.stopped'],
  running: ['reading.running', 'reading.stopped'],
  alarm_high_temp: ['reading.alarmActive', 'reading.alarmNone'],
  alarm_sensor_fault: ['reading.alarmActive', 'reading.alarmNone'],
};

/** A reading's value as staff read it, without its unit. */
export function readingValue(metric: string, reading: LatestReading | undefined, t: TFunction): string {
  if (reading && typeof reading.value === 'boolean') {
    const words = BOOLEAN_WORDS[metric];
    if (words) return t(reading.value ? words[0] : words[1]);
  }
  return formatReading(reading, t);
}

/** A reading's value with its unit where it has one ("7.5 °C", "Closed"). */
export function readingText(
  metric: string,
  reading: LatestReading | undefined,
  unit: string | undefined,
  t: TFunction,
): string {
  const value = readingValue(metric, reading, t);
  return reading && typeof reading.value === 'number' && unit ? `${value} ${unit}` : value;
}
