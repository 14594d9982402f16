import type { KdsStationView } from '../../../shared/api/kds';

/** How late a ticket is for its station: the card's colour, word and shape follow it. */
export type AgeLevel = 'ok' | 'warn' | 'late';

export function ageLevel(
  ageMs: number,
  station: Pick<KdsStationView, 'warnAfterS' | 'lateAfterS'>,
): AgeLevel {
  const seconds = ageMs / 1000;
  if (seconds >= station.lateAfterS) return 'late';
  if (seconds >= station.warnAfterS) return 'warn';
  return 'ok';
}

/** m:ss (minutes keep counting past the hour: a cook reads "75:03", not "1:15:03"). */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

/** m:ss until a time, for "fires in 0:42"; never below 0:00. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** Seconds of a speed-of-service figure as m:ss, or a dash where there were no tickets. */
export function formatSeconds(seconds: number | null): string {
  return seconds === null ? '—' : formatCountdown(seconds * 1000);
}
