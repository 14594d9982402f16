import Decimal from 'decimal.js';
import type { Equipment } from '../../../shared/config/equipment';
import type { AssetOutlookMissingField } from '../../../shared/predictive/asset-outlook';

const DAY_MS = 24 * 3_600_000;
/** A Julian year: install dates are days, lives are years. */
const YEAR_MS = 365.25 * DAY_MS;

export type RegisterInputs =
  | {
      complete: true;
      /** Years since the install date, two decimals ("9.00"). */
      ageYears: string;
      expectedLifeYears: string;
      replacementPrice: string;
      /** Nameplate power; undefined: the energy penalty cannot be priced (named in `missing`). */
      ratedPowerKw: number | undefined;
      missing: AssetOutlookMissingField[];
    }
  | { complete: false; missing: AssetOutlookMissingField[] };

/**
 * Age, expected life, replacement price and rated power from the equipment's asset
 * register (`equipment[].asset` in the store config). A missing field is named, never
 * guessed: without install date, expected life or replacement price there is no
 * recommendation but `watch`; without the rated power only the energy penalty is left out.
 */
export function registerInputs(equipment: Equipment, now: number): RegisterInputs {
  const asset = equipment.asset;
  const missing: AssetOutlookMissingField[] = [];
  if (asset?.installDate === undefined) missing.push('installDate');
  if (asset?.expectedLifeYears === undefined) missing.push('expectedLifeYears');
  if (asset?.replacementPrice === undefined) missing.push('replacementPrice');
  if (asset?.ratedPowerKw === undefined) missing.push('ratedPowerKw');
  if (!asset?.installDate || asset.expectedLifeYears === undefined || !asset.replacementPrice)
    return { complete: false, missing };
  const installedMs = Date.parse(`${asset.installDate}T00:00:00Z`);
  const age = Decimal.max(0, new Decimal(now - installedMs).dividedBy(YEAR_MS)).toDecimalPlaces(2);
  return {
    complete: true,
    ageYears: age.toFixed(2),
    expectedLifeYears: String(asset.expectedLifeYears),
    replacementPrice: asset.replacementPrice,
    ratedPowerKw: asset.ratedPowerKw,
    missing,
  };
}
