import { partDecimals, type SparePart } from '../../../shared/config/parts';
import { decimalPlaces, MAX_STOCK_LEVEL, precisionMessage } from '../../../shared/quantity';
import { PartsError } from './parts-errors';

/** A quantity with its unit, as people write it: "1.5 m", "3 pcs". */
export function withUnit(part: Pick<SparePart, 'unit'>, value: number): string {
  return `${value} ${part.unit}`;
}

/**
 * The request schemas bound every quantity and keep it to 3 decimals; the part's
 * unit may ask for fewer (pieces are whole). Refused with where it was in the request.
 */
export function checkPrecision(
  part: Pick<SparePart, 'partNumber' | 'unit' | 'decimals'>,
  value: number,
  path: readonly (string | number)[],
): void {
  const decimals = partDecimals(part);
  if (decimalPlaces(value) <= decimals) return;
  throw new PartsError(
    'QUANTITY_REFUSED',
    `${withUnit(part, value)} of ${part.partNumber}: ${precisionMessage(part.unit, decimals)}`,
    [],
    path,
  );
}

/** A level no store holds: refused with the level it would reach and the one it has. */
export function checkLevel(
  part: Pick<SparePart, 'partNumber' | 'unit'>,
  onHand: number,
  after: number,
  path: readonly (string | number)[],
  what: string,
): void {
  if (after < 0) {
    throw new PartsError(
      'QUANTITY_REFUSED',
      `${what} would leave ${withUnit(part, after)} of ${part.partNumber}, below 0: ${withUnit(part, onHand)} on hand`,
      [],
      path,
    );
  }
  if (after > MAX_STOCK_LEVEL) {
    throw new PartsError(
      'QUANTITY_REFUSED',
      `${what} would bring ${part.partNumber} to ${withUnit(part, after)}, beyond the ${MAX_STOCK_LEVEL.toLocaleString('en-US')} a store can hold: ${withUnit(part, onHand)} on hand`,
      [],
      path,
    );
  }
}
