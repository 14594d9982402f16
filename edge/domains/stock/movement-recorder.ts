import type { MovementReason } from '../../../shared/api/stock';
import { fromThousandths, toThousandths } from '../../../shared/quantity';
import type { Logger } from '../../../shared/server/runtime/logger';
import type { RecipeBook } from './recipe-book';
import type { LevelRow, MovementInput, StockLedger } from './stock-ledger';
import type { StockOutbox } from './stock-outbox';

/** An item's portions went to 0, or came back from it. */
export interface PortionsCrossing {
  item: string;
  portions: number;
  available: boolean;
  at: number;
}

/** Counts and deliveries raise stock back above the minimum; a void is not a restock. */
const RESTOCKS: ReadonlySet<MovementReason> = new Set(['count', 'delivery', 'adjust']);

/** A batch made restocks the sub-recipe; the same batch using its ingredients restocks nothing. */
const restocks = (m: MovementInput): boolean =>
  RESTOCKS.has(m.reason) || (m.reason === 'production' && m.deltaMilli > 0);

export const isTracked = (row: LevelRow | undefined): row is LevelRow & { counted_milli: number } =>
  row !== undefined && row.counted_milli !== null;

export function projectedOf(row: LevelRow | undefined): number | undefined {
  return isTracked(row) ? row.projected_milli : undefined;
}

/**
 * The one way stock changes: ledger rows, running levels, the low-stock alert, one
 * `stock.level` event per change and the portions listeners, all inside the caller's
 * transaction.
 */
export class MovementRecorder {
  readonly #listeners = new Set<(crossing: PortionsCrossing) => void>();

  constructor(
    private readonly ledger: StockLedger,
    private readonly outbox: StockOutbox,
    private readonly book: () => RecipeBook,
    private readonly log: Logger,
  ) {}

  onPortionsCrossZero(listener: (crossing: PortionsCrossing) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Whole portions of an item the projected stock makes; undefined when stock cannot say. */
  portions(item: string, levels = this.ledger.levels()) {
    return this.book().portions(item, (i) => projectedOf(levels.get(i)));
  }

  /**
   * Writes movements, moves levels, raises a low-stock alert once per crossing below
   * the minimum (re-armed only by a restock above it), appends one `stock.level` for the
   * change and tells listeners of items whose portions crossed 0.
   */
  record(movements: readonly MovementInput[], ref: string): void {
    const first = movements[0];
    if (!first) return;
    const touched = new Set(movements.map((m) => m.ingredient));
    const watched = this.#listeners.size > 0;
    const items = watched ? this.book().itemsUsing(touched) : new Set<string>();
    const before = this.#portionsOf(items);
    for (const movement of movements) this.#checkLow(movement, this.ledger.move(movement));
    const levels = this.ledger.levels();
    this.outbox.level(ref, first.at, {
      reason: first.reason,
      ref,
      businessDate: first.businessDate,
      levels: [...touched].map((ingredient) => {
        const row = levels.get(ingredient);
        const tracked = isTracked(row);
        return {
          ingredient,
          tracked,
          onHand: tracked ? fromThousandths(row.on_hand_milli) : null,
          projected: tracked ? fromThousandths(row.projected_milli) : null,
        };
      }),
    });
    if (!watched) return;
    const after = this.#portionsOf(items, levels);
    for (const item of items) {
      const was = before.get(item);
      const now = after.get(item);
      const isAvailable = now === undefined || now > 0;
      if ((was === undefined || was > 0) === isAvailable) continue;
      const crossing = { item, portions: now ?? 0, available: isAvailable, at: first.at };
      for (const listener of this.#listeners) {
        try {
          listener(crossing);
        } catch (err) {
          // A listener's fault must not undo a sale: the order is the record of truth.
          this.log.error({ err, item }, 'portions listener failed');
        }
      }
    }
  }

  #checkLow(movement: MovementInput, after: LevelRow): void {
    const ingredient = this.book().stockItems.get(movement.ingredient);
    if (!ingredient || ingredient.min === undefined || !isTracked(after)) return;
    const min = toThousandths(ingredient.min);
    if (!after.low_alerted && after.projected_milli < min) {
      this.ledger.setLowAlerted(ingredient.id, true);
      this.outbox.low(movement.at, {
        ingredient: ingredient.id,
        projected: fromThousandths(after.projected_milli),
        min: ingredient.min,
        at: movement.at,
      });
      this.log.info({ ingredient: ingredient.id }, 'stock below its minimum');
    } else if (after.low_alerted && restocks(movement) && after.projected_milli > min) {
      this.ledger.setLowAlerted(ingredient.id, false);
    }
  }

  #portionsOf(items: ReadonlySet<string>, levels = this.ledger.levels()): Map<string, number | undefined> {
    return new Map([...items].map((item) => [item, this.portions(item, levels)?.portions]));
  }
}
