import { MAX_QUANTITY_MOVED, MAX_STOCK_LEVEL, QUANTITY_DECIMALS } from '../../../shared/quantity';

export type StockQuantityProblem =
  | 'empty'
  | 'notANumber'
  | 'negative'
  | 'zero'
  | 'tooMany'
  | 'tooPrecise'
  | 'notWhole';

export type ParsedStockQuantity = { ok: true; value: number } | { ok: false; problem: StockQuantityProblem };

/** What a quantity is for: a count may be 0 (the shelf is empty), waste and goods in may not. */
export type StockQuantityKind = 'count' | 'moved';

export const STOCK_QUANTITY_MAX: Record<StockQuantityKind, number> = {
  count: MAX_STOCK_LEVEL,
  moved: MAX_QUANTITY_MOVED,
};

const DECIMAL = /^(-)?\d+(?:\.(\d*))?$/;

/**
 * A stock quantity as typed on the pad, in the ingredient's base unit. The text is read
 * as the decimal it says (a comma counts as the point) and sent as that number: the edge
 * keeps thousandths exactly, so 0.1 typed is 0.1 stored. Nothing is added up here.
 */
export function parseStockQuantity(text: string, kind: StockQuantityKind): ParsedStockQuantity {
  const typed = text.trim().replace(',', '.');
  if (typed === '') return { ok: false, problem: 'empty' };
  const match = DECIMAL.exec(typed);
  if (!match) return { ok: false, problem: 'notANumber' };
  if (match[1]) return { ok: false, problem: 'negative' };
  // "2.50" is still two and a half: only significant places count.
  const places = (match[2] ?? '').replace(/0+$/, '').length;
  if (places > QUANTITY_DECIMALS) return { ok: false, problem: 'tooPrecise' };
  const value = Number(typed);
  if (value === 0 && kind === 'moved') return { ok: false, problem: 'zero' };
  if (value > STOCK_QUANTITY_MAX[kind]) return { ok: false, problem: 'tooMany' };
  return { ok: true, value };
}

/** A quantity as the kitchen reads it: grouped digits, at most a thousandth, a real minus sign. */
export function formatQuantity(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: QUANTITY_DECIMALS })
    .format(value)
    .replace(/^-/, '−');
}

/** Money from the edge (already exact to the minor unit) in the store's currency. */
export function formatMoney(money: { currency: string; amount: number }, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency })
    .format(money.amount)
    .replace(/^-/, '−');
}

/** A signed quantity or amount: "+120" reads as more used than the recipes say. */
export function withSign(text: string, value: number): string {
  return value > 0 ? `+${text}` : text;
}
