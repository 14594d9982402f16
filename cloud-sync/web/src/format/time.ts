import type { TFunction } from 'i18next';

/** A store not heard from for longer than this is shown as stale. */
export const STALE_AFTER_MS = 5 * 60_000;

/** "just now", "12 min ago", "3 h ago", "2 d ago": how long ago central last heard something. */
export function formatAgo(ms: number, t: TFunction): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return t('ago.justNow');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t('ago.minutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('ago.hours', { count: hours });
  return t('ago.days', { count: Math.floor(hours / 24) });
}

/**
 * A span such as a ticket's age, to two units so 3 h 50 min does not read as 3 h:
 * "45 min", "3 h 50 min", "2 d 4 h".
 */
export function formatDuration(totalSeconds: number, t: TFunction): string {
  const minutes = Math.max(0, Math.floor(totalSeconds / 60));
  if (minutes < 60) return t('duration.minutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return rest === 0
      ? t('duration.hours', { count: hours })
      : t('duration.hoursMinutes', { hours, minutes: rest });
  }
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest === 0 ? t('duration.days', { count: days }) : t('duration.daysHours', { days, hours: rest });
}

/** Sync lag in seconds when it is short, since a lag of 2 s and 40 s mean different things. */
export function formatLag(ms: number, t: TFunction): string {
  if (ms < 60_000) return t('duration.seconds', { count: Math.max(0, Math.round(ms / 1000)) });
  return formatDuration(ms / 1000, t);
}

/** Never heard counts as stale: a store that never synced needs someone to look. */
export function isStale(silentForMs: number | null, thresholdMs = STALE_AFTER_MS): boolean {
  return silentForMs === null || silentForMs > thresholdMs;
}

/** Changes reaching central later than a store may stay silent: the store was cut off a while. */
export function isLagging(syncLagMs: number | null, thresholdMs = STALE_AFTER_MS): boolean {
  return syncLagMs !== null && syncLagMs > thresholdMs;
}

/**
 * The server measures ages when it answers; between polls the page keeps them running
 * from its own clock, so a browser clock that is off never skews what is shown.
 */
export function agedSince(valueAtFetch: number, fetchedAt: number, now: number, unitMs = 1): number {
  return valueAtFetch + Math.max(0, now - fetchedAt) / unitMs;
}

/** Date and time in the viewer's own zone: regional staff compare events across stores. */
export function formatDateTime(ts: number, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, {
    ...(timeZone ? { timeZone } : {}),
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(ts);
}

export function formatClock(ts: number, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, {
    ...(timeZone ? { timeZone } : {}),
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(ts);
}
