import type { StoreSpeedOfService } from '../../../../shared/central/speed-of-service-api';

/** Ticket times as kitchens read them, minutes:seconds ("4:05"); a dash without tickets. */
export function formatTicketTime(seconds: number | null): string {
  if (seconds === null) return '—';
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/**
 * Today in the viewer's own zone, midnight to midnight (a DST day is 23 or 25 hours):
 * regional staff read "today" as their day, and stores of one region share it.
 */
export function todayRange(now: number): { from: number; to: number } {
  const day = new Date(now);
  const from = new Date(day.getFullYear(), day.getMonth(), day.getDate()).getTime();
  const to = new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1).getTime();
  return { from, to };
}

/** Slowest kitchens first (by p90), stores without tickets last, by name. */
export function bySlowest(a: StoreSpeedOfService, b: StoreSpeedOfService): number {
  const pa = a.overall.p90S ?? -1;
  const pb = b.overall.p90S ?? -1;
  return pb - pa || a.storeName.localeCompare(b.storeName);
}
