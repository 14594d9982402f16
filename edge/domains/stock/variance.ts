import type { VarianceLine, VarianceReport } from '../../../shared/api/stock';
import { fromThousandths } from '../../../shared/quantity';
import type { StockItem } from './stock-items';
import type { StockLedger } from './stock-ledger';
import { costInCents, money } from './stock-money';

/**
 * Actual against theoretical usage per stock item (an ingredient or a sub-recipe made in
 * batches) for one business day. The day runs
 * from the count that opened it (the last one before it; on the day tracking began,
 * the opening stock) to its last count; received, theoretical usage and waste are
 * summed over that stretch of the ledger. What happens after the day's last count falls
 * in the stretch that count opens: counted stock and the usage behind it always match.
 * Without a closing count there is no actual usage: the day's theoretical usage and
 * waste are still shown, by business date.
 */
export function varianceReport(
  ledger: StockLedger,
  ingredients: readonly Pick<StockItem, 'id' | 'baseUnit' | 'costPerUnit'>[],
  currency: string,
  businessDate: string,
  only?: ReadonlySet<string>,
): VarianceReport {
  const totals = { variance: 0, waste: 0, netVariance: 0 };
  const lines = ingredients
    .filter((ingredient) => !only || only.has(ingredient.id))
    .map((ingredient): VarianceLine => {
      const { opening, closing } = ledger.dayCounts(ingredient.id, businessDate);
      const sums =
        opening && closing
          ? ledger.windowSums(ingredient.id, opening.id, closing.id)
          : ledger.daySums(ingredient.id, businessDate);
      const cost = (milli: number) => costInCents(milli, ingredient.costPerUnit);
      const openingMilli = opening?.counted_milli ?? null;
      const closingMilli = closing?.counted_milli ?? null;
      const actual =
        openingMilli !== null && closingMilli !== null ? openingMilli + sums.received - closingMilli : null;
      const variance = actual === null ? null : actual - sums.theoretical;
      const net = variance === null ? null : variance - sums.waste;
      totals.waste += cost(sums.waste);
      if (variance !== null && net !== null) {
        totals.variance += cost(variance);
        totals.netVariance += cost(net);
      }
      const q = (milli: number | null) => (milli === null ? null : fromThousandths(milli));
      const m = (milli: number | null) => (milli === null ? null : money(currency, cost(milli)));
      return {
        ingredient: ingredient.id,
        baseUnit: ingredient.baseUnit,
        opening: q(openingMilli),
        received: fromThousandths(sums.received),
        closing: q(closingMilli),
        actualUsage: q(actual),
        theoreticalUsage: fromThousandths(sums.theoretical),
        variance: q(variance),
        waste: fromThousandths(sums.waste),
        netVariance: q(net),
        cost: {
          theoreticalUsage: money(currency, cost(sums.theoretical)),
          variance: m(variance),
          waste: money(currency, cost(sums.waste)),
          netVariance: m(net),
        },
      };
    });
  return {
    businessDate,
    currency,
    lines,
    totals: {
      variance: money(currency, totals.variance),
      waste: money(currency, totals.waste),
      netVariance: money(currency, totals.netVariance),
    },
  };
}
