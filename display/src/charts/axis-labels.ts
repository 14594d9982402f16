import { formatTime } from '../app/format';

/**
 * The time axis labels, each tick once: seconds where ticks are closer than a minute (two
 * ticks in the same minute would otherwise read the same), and the date on the first
 * tick and wherever the day turns, all in the store's zone.
 */
export function timeAxisLabels(
  /** epoch ms of each tick, ascending */
  ticks: readonly number[],
  /** ms between ticks */
  incrementMs: number,
  timezone: string,
  locale: string,
): string[] {
  const date = new Intl.DateTimeFormat(locale, { timeZone: timezone, month: '2-digit', day: '2-digit' });
  const withSeconds = incrementMs < 60_000;
  const labels: string[] = [];
  let previousDate: string | undefined;
  let previousTime: string | undefined;
  for (const ts of ticks) {
    const day = date.format(ts);
    const time = formatTime(ts, timezone, locale, withSeconds);
    // A tick finer than the label can tell apart would repeat it: the first one says it.
    if (day === previousDate && time === previousTime) labels.push('');
    else labels.push(day === previousDate ? time : `${day} ${time}`);
    previousDate = day;
    previousTime = time;
  }
  return labels;
}
