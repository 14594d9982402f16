/** Hours as people say them: whole hours from 10 up, one decimal below. */
export function hoursText(hours: number): string {
  return hours >= 10 ? String(Math.round(hours)) : String(Math.round(hours * 10) / 10);
}

/** ¥ from the store's exact decimal text, grouped by thousands, never through a float. */
export function exactMoney(amount: string): string {
  const [whole = '0', fraction = ''] = amount.split('.');
  return `¥${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction.padEnd(2, '0')}`;
}
