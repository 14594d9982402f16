/**
 * Money as central sends it, decimal text ("1744.00"), shown without passing through a
 * binary float: the digits are grouped as text and the currency's symbol comes from Intl.
 */
export function formatAmount(text: string, currency: string, language: string): string {
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const group = language.startsWith('en') || language.startsWith('zh') ? ',' : ' ';
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const digits = fraction ? `${grouped}.${fraction}` : grouped;
  return `${negative ? '−' : ''}${currencySymbol(currency, language)}${digits}`;
}

function currencySymbol(currency: string, language: string): string {
  try {
    const parts = new Intl.NumberFormat(language, {
      style: 'currency',
      currency,
      currencyDisplay: 'narrowSymbol',
    }).formatToParts(0);
    const symbol = parts.find((p) => p.type === 'currency')?.value ?? currency;
    // A code standing in for a symbol ("XYZ") reads better apart from the digits.
    return /^[A-Za-z]+$/.test(symbol) ? `${symbol} ` : symbol;
  } catch {
    // A currency code Intl does not know is shown as sent.
    return `${currency} `;
  }
}

/** Whole days from `from` to `now`, for "placed 3 d ago". */
export function daysSince(from: number, now: number): number {
  return Math.max(0, Math.floor((now - from) / 86_400_000));
}
