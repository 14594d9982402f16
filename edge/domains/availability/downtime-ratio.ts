/**
 * Exact fractions for lost sales: a rate is portions over a count of weeks, a piece of an
 * outage is milliseconds over an hour, so their products are kept as BigInt fractions and
 * rounded once, at the end, to thousandths of a portion and to the minor unit.
 */
export interface Ratio {
  n: bigint;
  d: bigint;
}

export const ZERO: Ratio = { n: 0n, d: 1n };

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
};

export function ratio(n: number | bigint, d: number | bigint = 1): Ratio {
  const num = BigInt(n);
  const den = BigInt(d);
  if (den === 0n) throw new RangeError('a ratio over zero');
  const g = gcd(num, den);
  return den < 0n ? { n: -num / g, d: -den / g } : { n: num / g, d: den / g };
}

export const add = (a: Ratio, b: Ratio): Ratio => ratio(a.n * b.d + b.n * a.d, a.d * b.d);
export const mul = (a: Ratio, b: Ratio): Ratio => ratio(a.n * b.n, a.d * b.d);

/** `value × scale` as an integer, halves away from zero (as the stock room rounds money). */
export function roundScaled(value: Ratio, scale: number): number {
  const product = value.n * BigInt(scale);
  const negative = product < 0n;
  const magnitude = negative ? -product : product;
  const rounded = (2n * magnitude + value.d) / (2n * value.d);
  return Number(negative ? -rounded : rounded);
}

/**
 * An integer split into `parts` shares as equal as can be, the remainder going one by
 * one to the first shares, so the shares always add up to the whole.
 */
export function splitEvenly(total: number, parts: number): number[] {
  if (parts <= 0) return [];
  const base = Math.floor(total / parts);
  const rest = total - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < rest ? 1 : 0));
}
