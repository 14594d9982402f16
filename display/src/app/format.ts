import type { TFunction } from 'i18next';
import type { LatestReading } from '../../../shared/api/equipment';

/** Clock time in the store's zone: what staff compare with the kitchen clock. */
export function formatTime(ts: number, timezone: string, locale: string, withSeconds = false): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: timezone,
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  }).format(ts);
}

/** Date and time for older events, still in the store's zone. */
export function formatDateTime(ts: number, timezone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: timezone,
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(ts);
}

export function formatAge(ms: number, t: TFunction): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return t('duration.minutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('duration.hours', { count: hours });
  return t('duration.days', { count: Math.floor(hours / 24) });
}

/** A reading as staff read it: one decimal for temperatures, on/off for switches. */
export function formatReading(reading: LatestReading | undefined, t: TFunction): string {
  if (!reading) return t('board.noReading');
  if (typeof reading.value === 'boolean') return reading.value ? t('board.on') : t('board.off');
  const abs = Math.abs(reading.value);
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 0 : 1;
  // A real minus sign reads better from two metres than a hyphen.
  return reading.value.toFixed(digits).replace(/^-/, '−');
}

export function browserTimezone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
