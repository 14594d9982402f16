import type { TFunction } from 'i18next';
import { en } from '../i18n/en';

/** A metric's name in words where we know it; otherwise its snake_case id, which at least matches the manual. */
export function metricLabel(metric: string, t: TFunction): string {
  return metric in en.metric ? t(`metric.${metric}`) : metric;
}
