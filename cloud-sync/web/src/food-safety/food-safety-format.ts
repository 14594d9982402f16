/** Compliance as a share with one decimal, as the store prints it: "95.8%"; a dash without data. */
export function formatCompliance(pct: number | null, language: string): string {
  if (pct === null) return '—';
  return new Intl.NumberFormat(language, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(pct / 100);
}

/** A temperature as the records keep it, to a tenth: "8.4 °C". */
export function formatCelsius(value: number, language: string): string {
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(value)} °C`;
}

/** Enough of a hash to tell two apart on screen; the whole one is in the title. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

/**
 * The seven store days before today in the viewer's zone, [midnight 7 days ago, midnight
 * today): today has not closed, so no store has reported it. The excursion and action
 * lists run on to tomorrow's midnight (`listsTo`): what went wrong this morning matters
 * most. Regional staff share their stores' zone; the paths change once a day, so polling
 * restarts at midnight only.
 */
export function lastSevenDays(now: number): { from: number; to: number; listsTo: number } {
  const day = new Date(now);
  const at = (daysAhead: number) =>
    new Date(day.getFullYear(), day.getMonth(), day.getDate() + daysAhead).getTime();
  return { from: at(-7), to: at(0), listsTo: at(1) };
}

/** Compliance below this is shown as a warning: a store out of limit more than 1 minute in 50. */
export const LOW_COMPLIANCE_PCT = 98;
