import type { Money } from '../../../shared/api/stock';
import { SALES_LOOKBACK_MS } from '../../../shared/central/stock-api';

const HOUR_MS = 3_600_000;
const HOURS_PER_WEEK = 168;

/** One order's portions of one item, with its average unit price when the POS gave one. */
export interface ItemSale {
  placedAt: number;
  qty: number;
  currency: string | null;
  unitPriceMilli: number | null;
}

export interface LostSales {
  /** null: no sales per item before the 86 to average */
  portions: number | null;
  /** thousandths of each currency's major unit */
  moneyMilli: Map<string, number>;
}

/**
 * Hour of the week of an epoch-ms time, in UTC: central does not know the stores' time
 * zones, and a store's hours fall on the same UTC hours every week (a DST change shifts
 * them by one).
 */
export const hourOfWeek = (ms: number): number => Math.floor(ms / HOUR_MS) % HOURS_PER_WEEK;

/**
 * What an item's time off the menu cost: for each hour it was off, the portions it sold
 * on average at that hour of the week in the 28 days before the 86 began (from the first
 * synced item sale, when that is later), times the share of the hour it was off. Money is
 * those portions at the item's average price in the same days, per currency.
 * `sales` are the item's sales, any order; `firstSaleAt` the store's first synced item sale.
 */
export function lostSales(
  off: { from: number; to: number },
  startedAt: number,
  sales: readonly ItemSale[],
  firstSaleAt: number | undefined,
): LostSales {
  const moneyMilli = new Map<string, number>();
  if (firstSaleAt === undefined || firstSaleAt >= startedAt) return { portions: null, moneyMilli };
  const windowStart = Math.max(startedAt - SALES_LOOKBACK_MS, Math.floor(firstSaleAt / HOUR_MS) * HOUR_MS);
  const seen = new Array<number>(HOURS_PER_WEEK).fill(0);
  for (let slot = Math.floor(windowStart / HOUR_MS) * HOUR_MS; slot < startedAt; slot += HOUR_MS)
    seen[hourOfWeek(slot)] = (seen[hourOfWeek(slot)] ?? 0) + 1;
  const sold = new Array<number>(HOURS_PER_WEEK).fill(0);
  const priced = new Map<string, { qty: number; milli: number }>();
  for (const sale of sales) {
    if (sale.placedAt < windowStart || sale.placedAt >= startedAt) continue;
    const how = hourOfWeek(sale.placedAt);
    sold[how] = (sold[how] ?? 0) + sale.qty;
    if (sale.currency !== null && sale.unitPriceMilli !== null) {
      const held = priced.get(sale.currency) ?? { qty: 0, milli: 0 };
      held.qty += sale.qty;
      held.milli += sale.unitPriceMilli * sale.qty;
      priced.set(sale.currency, held);
    }
  }
  let portions = 0;
  for (let slot = Math.floor(off.from / HOUR_MS) * HOUR_MS; slot < off.to; slot += HOUR_MS) {
    const share = (Math.min(off.to, slot + HOUR_MS) - Math.max(off.from, slot)) / HOUR_MS;
    const how = hourOfWeek(slot);
    const hours = seen[how] ?? 0;
    if (hours > 0) portions += ((sold[how] ?? 0) / hours) * share;
  }
  for (const [currency, { qty, milli }] of priced)
    if (qty > 0) moneyMilli.set(currency, Math.round(portions * (milli / qty)));
  return { portions, moneyMilli };
}

/** Adds what one item's episode cost to a running total (null stays null only while all are). */
export function addLost(total: LostSales, more: LostSales): void {
  if (more.portions !== null) total.portions = (total.portions ?? 0) + more.portions;
  for (const [currency, milli] of more.moneyMilli)
    total.moneyMilli.set(currency, (total.moneyMilli.get(currency) ?? 0) + milli);
}

/** As the API answers it: portions to a tenth, money to the cent. */
export function lostAnswer(lost: LostSales): { portions: number | null; money: Money[] } {
  return {
    portions: lost.portions === null ? null : Math.round(lost.portions * 10) / 10,
    money: [...lost.moneyMilli]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, milli]) => ({ currency, amount: Math.round(milli / 10) / 100 })),
  };
}
