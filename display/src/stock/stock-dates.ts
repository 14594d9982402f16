/** The store's calendar day of an instant, `YYYY-MM-DD` (the business day unless it is before closeout). */
export function storeDate(epochMs: number, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(epochMs);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The day before or after a `YYYY-MM-DD` date. */
export function shiftDate(date: string, days: number): string {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * A delivery's reference when nobody typed the supplier's note: when it was received,
 * to the second, so two deliveries without a note stay apart on the ledger.
 */
export function receivedRef(epochMs: number, timezone: string): string {
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(epochMs);
  return `no-note ${storeDate(epochMs, timezone)} ${time}`;
}
