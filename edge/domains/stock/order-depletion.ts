import type { OrderStatus } from '../../../shared/api/orders';
import type { MovementRecorder } from './movement-recorder';
import type { RecipeBook, UsageLine } from './recipe-book';
import type { MovementInput, StockLedger } from './stock-ledger';

/** A line of an order version as the orders room hands it over. */
export interface OrderStockLine extends UsageLine {
  lineId: string;
}

/** One applied version of an order, handed over inside the orders room's transaction. */
export interface OrderStockChange {
  /** stable per order across versions: `${source}:${externalId}` */
  orderKey: string;
  businessDate: string;
  at: number;
  lines: readonly OrderStockLine[];
  /** the lines of the version this one replaces; undefined for a new order */
  previousLines: readonly OrderStockLine[] | undefined;
  status: OrderStatus;
}

export interface OrderDepletionDeps {
  ledger: StockLedger;
  recorder: MovementRecorder;
  book: RecipeBook;
}

/**
 * Depletes what an order version takes beyond what its lines already took (see
 * StockService.depleteForOrderChange); runs inside the caller's transaction.
 */
export function depleteOrderChange(deps: OrderDepletionDeps, change: OrderStockChange): void {
  const { ledger, recorder, book } = deps;
  const { orderKey } = change;
  const held = ledger.orderUsage(orderKey);
  if (!ledger.orderSeen(orderKey) && change.previousLines && change.status !== 'voided') {
    for (const [lineId, usage] of usageByLine(book, change.previousLines)) {
      held.set(lineId, usage);
      for (const [ingredient, milli] of usage) ledger.setLineUsage(orderKey, lineId, ingredient, milli);
    }
  }
  ledger.markOrder(orderKey, change.at);
  const wanted = change.status === 'voided' ? new Map() : usageByLine(book, change.lines);
  const more = new Map<string, number>();
  for (const lineId of new Set([...held.keys(), ...wanted.keys()])) {
    const had = held.get(lineId) ?? new Map<string, number>();
    const wants = wanted.get(lineId) ?? new Map<string, number>();
    for (const ingredient of new Set([...had.keys(), ...wants.keys()])) {
      const diff = (wants.get(ingredient) ?? 0) - (had.get(ingredient) ?? 0);
      if (diff === 0) continue;
      more.set(ingredient, (more.get(ingredient) ?? 0) + diff);
      ledger.setLineUsage(orderKey, lineId, ingredient, wants.get(ingredient) ?? 0);
    }
  }
  const movements: MovementInput[] = [...more]
    .filter(([, diff]) => diff !== 0)
    .map(([ingredient, diff]) => ({
      ingredient,
      deltaMilli: -diff,
      reason: diff > 0 ? 'sale' : 'void',
      ref: orderKey,
      at: change.at,
      businessDate: change.businessDate,
      by: 'pos',
    }));
  recorder.record(movements, orderKey);
}

/** What each line of a version takes, per ingredient, in thousandths of its base unit. */
function usageByLine(book: RecipeBook, lines: readonly OrderStockLine[]): Map<string, Map<string, number>> {
  const byLine = new Map<string, Map<string, number>>();
  for (const line of lines) {
    const usage = byLine.get(line.lineId) ?? new Map<string, number>();
    for (const [ingredient, milli] of book.lineUsage(line))
      usage.set(ingredient, (usage.get(ingredient) ?? 0) + milli);
    byLine.set(line.lineId, usage);
  }
  return byLine;
}
