import { z } from 'zod';
import { decimalPlaces } from '../quantity';

/**
 * The asset register of one piece of equipment (`equipment[].asset`): when it was
 * installed, what replacing it costs, how long it is expected to last and what it
 * draws. Replacement planning and failure prediction read these; every field is
 * optional, because a store is commissioned before the last invoice is found (a
 * missing field is a commissioning warning, never an error).
 */

/** No piece of kitchen equipment in service was installed before this. */
export const EARLIEST_INSTALL_DATE = '1970-01-01';
/** Dates later than this are a typing error (a year of 2205 for 2025), not a plan. */
export const LATEST_INSTALL_DATE = '2099-12-31';

/** A replacement costs more than 0 and less than this, in the store's currency. */
export const MAX_REPLACEMENT_PRICE = 10_000_000;
/** Money keeps the currency's minor unit: 12500.5 is exact, 12500.505 is a typing error. */
export const REPLACEMENT_PRICE_DECIMALS = 2;

/** Commercial kitchen equipment lasts years, not centuries: 0.5 to 50. */
export const MIN_EXPECTED_LIFE_YEARS = 0.5;
export const MAX_EXPECTED_LIFE_YEARS = 50;

/** The largest single kitchen appliance (a big combi oven, a tunnel dishwasher) draws under 200 kW. */
export const MAX_RATED_POWER_KW = 500;

/** A calendar day `YYYY-MM-DD` that exists (no 31 April) within the bounds above. */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const InstallDate = z
  .string()
  .refine(isCalendarDate, 'a calendar date written YYYY-MM-DD, e.g. 2024-03-18')
  .refine(
    (date) => date >= EARLIEST_INSTALL_DATE && date <= LATEST_INSTALL_DATE,
    `between ${EARLIEST_INSTALL_DATE} and ${LATEST_INSTALL_DATE}`,
  )
  .describe('the day it was installed in this store (YYYY-MM-DD)');

const PRICE_PATTERN = new RegExp(`^(0|[1-9]\\d{0,7})(\\.\\d{1,${REPLACEMENT_PRICE_DECIMALS}})?$`);

/**
 * Why a replacement price is refused, or undefined when it is one. Money is an exact
 * decimal kept as its text ("12500.00"): a binary float would round it, and the text
 * compares exactly against the bounds without any arithmetic.
 */
export function replacementPriceProblem(text: string): string | undefined {
  if (!PRICE_PATTERN.test(text)) {
    return `a plain amount with at most ${REPLACEMENT_PRICE_DECIMALS} decimals and no currency sign or thousands separator, e.g. 12500.00`;
  }
  const [whole = '', fraction = ''] = text.split('.');
  if (/^0*$/.test(whole) && /^0*$/.test(fraction)) return 'a replacement price is more than 0';
  const overMax =
    Number(whole) > MAX_REPLACEMENT_PRICE ||
    (Number(whole) === MAX_REPLACEMENT_PRICE && /[1-9]/.test(fraction));
  if (overMax) {
    return `at most ${MAX_REPLACEMENT_PRICE.toLocaleString('en-US')}; no single piece of kitchen equipment costs more`;
  }
  return undefined;
}

export const ReplacementPrice = z
  .string()
  .superRefine((text, ctx) => {
    const problem = replacementPriceProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe(
    `what replacing it costs, in the store's currency (stock.currency), as an exact decimal text with at most ${REPLACEMENT_PRICE_DECIMALS} decimals, e.g. "12500.00"`,
  );

export const ExpectedLifeYears = z
  .number()
  .min(MIN_EXPECTED_LIFE_YEARS, `at least ${MIN_EXPECTED_LIFE_YEARS} years`)
  .max(MAX_EXPECTED_LIFE_YEARS, `at most ${MAX_EXPECTED_LIFE_YEARS} years`)
  .refine((years) => decimalPlaces(years) <= 1, 'to a tenth of a year at most, e.g. 7.5')
  .describe("the maker's expected service life, in years");

export const RatedPowerKw = z
  .number()
  .positive('more than 0 kW')
  .max(MAX_RATED_POWER_KW, `at most ${MAX_RATED_POWER_KW} kW`)
  .refine((kw) => decimalPlaces(kw) <= 3, 'to a watt at most (3 decimals of a kW)')
  .describe('nameplate electrical power, in kW');

/**
 * Who the unit is, wherever it stands: the maker's serial on its nameplate, or the chain's
 * own asset tag. Both survive a move to another store, unlike the equipment id, which is
 * the unit's place in one kitchen ("fryer-2"). Printable, no spaces, 3–64 characters.
 */
export const AssetIdentifier = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{2,63}$/, 'use 3–64 of A-Z, a-z, 0-9, ".", "_", "/", "-"');

export const AssetRegister = z.strictObject({
  serial: AssetIdentifier.optional().describe(
    "the maker's serial on the unit's nameplate: its history follows it when it moves to another store",
  ),
  tag: AssetIdentifier.optional().describe("the chain's own asset tag, when the unit carries one"),
  installDate: InstallDate.optional(),
  replacementPrice: ReplacementPrice.optional(),
  expectedLifeYears: ExpectedLifeYears.optional(),
  ratedPowerKw: RatedPowerKw.optional(),
});
export type AssetRegister = z.infer<typeof AssetRegister>;

/** The fields a commissioned unit should carry; the import warns about each one missing. */
export const EXPECTED_ASSET_FIELDS = ['installDate', 'replacementPrice', 'expectedLifeYears'] as const;
export type ExpectedAssetField = (typeof EXPECTED_ASSET_FIELDS)[number];
