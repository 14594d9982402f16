import { z } from 'zod';

/**
 * Quantities of stock: exact decimals with physical bounds. The finest any unit goes
 * is a thousandth (1 g of a kg, 1 ml of a litre, 1 mm of a metre), so every quantity
 * is held and stored as an integer count of thousandths; sums never drift and a
 * value read back is the decimal that was written.
 */
export const QUANTITY_DECIMALS = 3;
const THOUSANDTHS = 10 ** QUANTITY_DECIMALS;

/** One correction, purchase or use moves at most this much: more is a typing error, not a count. */
export const MAX_QUANTITY_MOVED = 100_000;
/** No store holds more of a spare part than this; a level beyond it is refused. */
export const MAX_STOCK_LEVEL = 10_000_000;

/** Decimals of a number as written in JSON (its shortest form): 0.125 → 3, 1e-7 → 7, 5 → 0. */
export function decimalPlaces(value: number): number {
  if (!Number.isFinite(value)) return Number.POSITIVE_INFINITY;
  const [mantissa = '', exponent = '0'] = String(Math.abs(value)).split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent));
}

/** Units whose quantities are measured, not counted, and how many decimals they keep. */
const MEASURED_UNITS: Record<string, number> = {
  kg: 3,
  kilogram: 3,
  l: 3,
  litre: 3,
  liter: 3,
  m: 3,
  metre: 3,
  meter: 3,
  m2: 3,
  'm²': 3,
  lb: 3,
  gal: 3,
};

/**
 * Decimals a quantity of a part may have: its config's `decimals` when set, else
 * from its unit (3 for kg, l and m; whole numbers for pieces, boxes, g, ml, mm and
 * any unit not listed, which are counted).
 */
export function unitDecimals(unit: string, override?: number): number {
  return override ?? MEASURED_UNITS[unit.trim().toLowerCase()] ?? 0;
}

/** Why a quantity with too many decimals is refused, in the unit's words. */
export function precisionMessage(unit: string, decimals: number): string {
  return decimals === 0
    ? `${unit} are counted in whole numbers`
    : `${unit} are kept to ${decimals} decimal${decimals > 1 ? 's' : ''}`;
}

/** An exact quantity (at most 3 decimals) as integer thousandths. */
export function toThousandths(value: number): number {
  return Math.round(value * THOUSANDTHS);
}

/** Integer thousandths back to the number JSON shows (the nearest double to the exact decimal). */
export function fromThousandths(thousandths: number): number {
  return thousandths / THOUSANDTHS;
}

/** Adds exact quantities without float drift: 10 × 0.1 is 1. */
export function addQuantities(...values: number[]): number {
  return fromThousandths(values.reduce((sum, v) => sum + toThousandths(v), 0));
}

const RANGE: Record<QuantityBounds['sign'], (max: number) => string> = {
  positive: (max) => `more than 0, at most ${max}`,
  nonnegative: (max) => `0 to ${max}`,
  nonzero: (max) => `-${max} to ${max}, not 0`,
};

interface QuantityBounds {
  /** 'positive' (> 0), 'nonnegative' (≥ 0) or 'nonzero' (a signed change). */
  sign: 'positive' | 'nonnegative' | 'nonzero';
  max: number;
  /** What the number is, for the messages: "a correction", "a purchase". */
  what: string;
}

/**
 * A quantity in a request or the config: finite, within physical bounds, at most
 * 3 decimals; each refusal says which bound and why. The part's own unit may allow
 * fewer decimals; the parts service checks that once it knows the part.
 */
export function quantity({ sign, max, what }: QuantityBounds) {
  return z
    .number()
    .superRefine((value, ctx) => {
      const fail = (message: string) => ctx.addIssue({ code: 'custom', message });
      if (sign === 'positive' && value <= 0) return fail(`${what} must be more than 0`);
      if (sign === 'nonnegative' && value < 0) return fail(`${what} cannot be below 0`);
      if (sign === 'nonzero' && value === 0) return fail(`${what} of 0 changes nothing`);
      if (Math.abs(value) > max) {
        return fail(
          `${what} is at most ${max.toLocaleString('en-US')}${sign === 'nonzero' ? ' either way' : ''}; ${value} is beyond any real stock`,
        );
      }
      if (decimalPlaces(value) > QUANTITY_DECIMALS) {
        return fail(
          `${what} has at most ${QUANTITY_DECIMALS} decimals (a thousandth of a kg, l or m); ${value} has more`,
        );
      }
    })
    .describe(`${RANGE[sign](max)}, at most ${QUANTITY_DECIMALS} decimals (whole numbers for counted units)`);
}
