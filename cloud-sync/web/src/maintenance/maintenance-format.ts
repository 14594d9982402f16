import type { TFunction } from 'i18next';
import { formatDuration } from '../format/time';

/** A share as a whole percentage, or a dash when there was nothing to measure. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

export function formatSeconds(seconds: number | null, t: TFunction): string {
  return seconds === null ? '—' : formatDuration(seconds, t);
}
