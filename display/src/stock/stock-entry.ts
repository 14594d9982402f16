import type { TFunction } from 'i18next';
import type { BaseUnit } from '../../../shared/config/stock';
import type { StockWords } from './stock-names';
import { type ParsedStockQuantity, STOCK_QUANTITY_MAX, type StockQuantityKind } from './stock-quantity';

/** What NumberEntry shows beside the pad: the bounds in the ingredient's unit. */
export function entryRange(kind: StockQuantityKind, unit: BaseUnit, words: StockWords): string {
  return `${kind === 'count' ? '0' : '0.001'} – ${words.qty(STOCK_QUANTITY_MAX[kind], unit)}`;
}

/** Why a typed quantity cannot be sent, in the person's language. */
export function quantityProblem(parsed: ParsedStockQuantity, t: TFunction): string | undefined {
  return parsed.ok ? undefined : t(`stock.qtyProblem.${parsed.problem}`);
}
