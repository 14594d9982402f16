import { MAX_QUANTITY_MOVED } from '../../../shared/quantity';

export type QuantityProblem = 'empty' | 'notANumber' | 'zero' | 'tooMany' | 'wholeOnly' | 'tooPrecise';

export type ParsedQuantity = { ok: true; value: number } | { ok: false; problem: QuantityProblem };

const DECIMAL = /^\d+(?:\.(\d+))?$/;

/**
 * A quantity as typed on the pad, checked against the part's own precision before it
 * leaves the display: whole numbers for counted parts, up to `decimals` places for
 * measured ones. The text is read as the decimal it says (a comma counts as the point),
 * so 0.1 m is sent as 0.1, which the edge stores exactly.
 */
export function parsePartQuantity(text: string, decimals: number): ParsedQuantity {
  const typed = text.trim().replace(',', '.');
  if (typed === '') return { ok: false, problem: 'empty' };
  const match = DECIMAL.exec(typed);
  if (!match) return { ok: false, problem: 'notANumber' };
  // "2.0" of a counted part is still two: only significant places count.
  const places = (match[1] ?? '').replace(/0+$/, '').length;
  if (places > decimals) return { ok: false, problem: decimals === 0 ? 'wholeOnly' : 'tooPrecise' };
  const value = Number(typed);
  if (value <= 0) return { ok: false, problem: 'zero' };
  if (value > MAX_QUANTITY_MOVED) return { ok: false, problem: 'tooMany' };
  return { ok: true, value };
}
