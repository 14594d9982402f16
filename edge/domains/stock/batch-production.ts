import type {
  BatchView,
  ReorderSuggestion,
  StockBatchRequest,
  StockBatchView,
} from '../../../shared/api/stock';
import {
  fromThousandths,
  MAX_QUANTITY_MOVED,
  MAX_STOCK_LEVEL,
  toThousandths,
} from '../../../shared/quantity';
import type { Database } from '../../store/database';
import { BatchStore } from './batch-store';
import { levelView } from './level-view';
import { isTracked } from './movement-recorder';
import type { RecipeBook } from './recipe-book';
import { reorderQuantity } from './reorder';
import { refusedIn } from './stock-errors';
import type { BatchRecipe, StockItem } from './stock-items';
import type { LevelRow, MovementInput, StockLedger } from './stock-ledger';

const HOUR_MS = 3_600_000;
const MAX_MOVED_MILLI = toThousandths(MAX_QUANTITY_MOVED);
const MAX_LEVEL_MILLI = toThousandths(MAX_STOCK_LEVEL);

export interface BatchProductionDeps {
  db: Database;
  ledger: StockLedger;
  book: () => RecipeBook;
  /** the service's one way of writing movements (levels, alerts, events) */
  record(movements: readonly MovementInput[], ref: string): void;
  businessDate(at: number): string;
}

type BatchItem = StockItem & { batch: BatchRecipe };

/**
 * Sub-recipes made in batches (a sauce, a dressing): making one uses its ingredients and
 * adds its yield to its own level, as `production` movements under the ref `batch:<id>`;
 * below its minimum it suggests making more, in whole batches back to par, as a
 * production task beside the reorder suggestions (never a purchase request).
 */
export class BatchProduction {
  readonly #deps: BatchProductionDeps;
  readonly #store: BatchStore;

  constructor(deps: BatchProductionDeps) {
    this.#deps = deps;
    this.#store = new BatchStore(deps.db);
  }

  /**
   * Records a batch made now, inside the caller's transaction. Ingredient use is the
   * exact share of each line (whole batches take whole multiples), rounded to a
   * thousandth once. A sub-recipe never counted starts being tracked at its first batch:
   * a count of 0 just before it, since stock cannot know of any older tub.
   */
  make(request: StockBatchRequest, at: number, by: string): StockBatchView {
    const item = this.#item(request.subRecipe);
    const levels = this.#deps.ledger.levels();
    const { batch } = item;
    const yieldMilli = toThousandths(batch.yield);
    const where = request.batches === undefined ? 'qty' : 'batches';
    const madeMilli =
      request.batches === undefined ? toThousandths(request.qty ?? 0) : request.batches * yieldMilli;
    const made = `${fromThousandths(madeMilli)} ${item.baseUnit}`;
    if (madeMilli > MAX_MOVED_MILLI)
      throw refusedIn([where], {
        en: `${made} of "${item.id}" is more than one production run makes (at most ${MAX_QUANTITY_MOVED.toLocaleString('en-US')} ${item.baseUnit})`,
        'zh-CN': `${made}“${item.name['zh-CN']}”超出一次制作的上限（最多 ${MAX_QUANTITY_MOVED} ${item.baseUnit}）`,
      });
    const level = levels.get(item.id);
    if (isTracked(level) && level.projected_milli + madeMilli > MAX_LEVEL_MILLI)
      throw refusedIn([where], {
        en: `${made} more would take "${item.id}" beyond ${MAX_STOCK_LEVEL.toLocaleString('en-US')} ${item.baseUnit}, more than any store holds`,
        'zh-CN': `再制作 ${made} 会使“${item.name['zh-CN']}”超过 ${MAX_STOCK_LEVEL} ${item.baseUnit}，超出任何门店的库存`,
      });
    const used = batch.ingredients
      .map((line) => ({
        ingredient: line.ingredient,
        milli: share(toThousandths(line.qty), madeMilli, yieldMilli),
      }))
      .filter((u) => u.milli > 0);
    const over = used.find((u) => u.milli > MAX_MOVED_MILLI);
    if (over)
      throw refusedIn([where], {
        en: `${made} of "${item.id}" would use ${fromThousandths(over.milli)} of "${over.ingredient}"; one production run uses at most ${MAX_QUANTITY_MOVED.toLocaleString('en-US')}`,
        'zh-CN': `${made}“${item.name['zh-CN']}”需用 ${fromThousandths(over.milli)} 的“${over.ingredient}”，超出一次制作的上限 ${MAX_QUANTITY_MOVED}`,
      });

    const businessDate = this.#deps.businessDate(at);
    const { shelfLifeHours } = batch.settings;
    const id = this.#store.insert({
      sub_recipe: item.id,
      batches: request.batches ?? null,
      qty_milli: madeMilli,
      made_at: at,
      made_by: by,
      business_date: businessDate,
      expires_at: shelfLifeHours === undefined ? null : at + shelfLifeHours * HOUR_MS,
      note: request.note ?? null,
    });
    const ref = `batch:${id}`;
    const base = { at, businessDate, by, ref };
    if (!isTracked(level))
      this.#deps.record(
        [
          {
            ...base,
            ingredient: item.id,
            deltaMilli: 0,
            countedMilli: 0,
            reason: 'count',
            ref: 'first batch',
          },
        ],
        `first-${ref}`,
      );
    const movements: MovementInput[] = [
      {
        ...base,
        ingredient: item.id,
        deltaMilli: madeMilli,
        reason: 'production',
        note: request.note ?? null,
      },
      ...used.map(
        (u): MovementInput => ({
          ...base,
          ingredient: u.ingredient,
          deltaMilli: -u.milli,
          reason: 'production',
        }),
      ),
    ];
    this.#deps.record(movements, ref);
    const row = this.#store.get(id);
    if (!row) throw new Error(`batch ${id} was not stored`);
    const after = this.#deps.ledger.levels();
    const items = this.#deps.book().stockItems;
    return {
      id: row.id,
      subRecipe: row.sub_recipe,
      batches: row.batches,
      qty: fromThousandths(row.qty_milli),
      madeAt: row.made_at,
      madeBy: row.made_by,
      businessDate: row.business_date,
      expiresAt: row.expires_at,
      note: row.note,
      levels: movements.flatMap((m) => {
        const moved = items.get(m.ingredient);
        return moved ? [levelView(moved, after.get(m.ingredient))] : [];
      }),
    };
  }

  /** Every sub-recipe made in batches, with what to make when it is below its minimum. */
  views(levels: ReadonlyMap<string, LevelRow>): BatchView[] {
    const latest = this.#store.latest();
    return this.#items().map((item) => {
      const last = latest.get(item.id);
      return {
        subRecipe: item.id,
        name: item.name,
        unit: item.baseUnit,
        yield: item.batch.yield,
        location: item.location,
        shelfLifeHours: item.batch.settings.shelfLifeHours ?? null,
        ingredients: item.batch.ingredients.map((l) => ({ ingredient: l.ingredient, qty: l.qty })),
        suggestedBatches: this.#toMake(item, levels.get(item.id))?.packs ?? null,
        lastMadeAt: last?.made_at ?? null,
        expiresAt: last?.expires_at ?? null,
      };
    });
  }

  /** "Make more" suggestions: tracked, with a minimum and a par, projected below the minimum. */
  suggestions(levels: ReadonlyMap<string, LevelRow>): ReorderSuggestion[] {
    return this.#items().flatMap((item): ReorderSuggestion[] => {
      const row = levels.get(item.id);
      const found = this.#toMake(item, row);
      if (!found || !isTracked(row) || item.min === undefined || item.max === undefined) return [];
      return [
        {
          kind: 'make',
          ingredient: item.id,
          projected: fromThousandths(row.projected_milli),
          min: item.min,
          max: item.max,
          need: fromThousandths(found.needMilli),
          policy: 'up',
          pack: found.pack ? { id: 'batch', size: fromThousandths(found.pack.sizeMilli) } : null,
          packs: found.packs ?? null,
          qty: fromThousandths(found.qtyMilli),
          leadTimeDays: 0,
          openPurchaseRequestId: null,
        },
      ];
    });
  }

  /** Whole batches back to par, rounded up: half a batch short is still short. */
  #toMake(item: BatchItem, row: LevelRow | undefined) {
    if (!isTracked(row)) return undefined;
    return reorderQuantity(
      {
        min: item.min,
        max: item.max,
        packs: [{ id: 'batch', name: 'batch', size: item.batch.yield }],
        orderPack: 'batch',
        roundPolicy: 'up',
      },
      row.projected_milli,
      toThousandths,
    );
  }

  #items(): BatchItem[] {
    return [...this.#deps.book().stockItems.values()].filter((i): i is BatchItem => i.batch !== undefined);
  }

  #item(id: string): BatchItem {
    const item = this.#deps.book().stockItems.get(id);
    if (item?.batch) return { ...item, batch: item.batch };
    const made = this.#items().map((i) => i.id);
    const known = made.join(', ') || 'none';
    if (item)
      throw refusedIn(['subRecipe'], {
        en: `"${id}" is an ingredient, not a sub-recipe made in batches; made in batches: ${known}`,
        'zh-CN': `“${id}”是原料，不是批量制作的子配方；批量制作的有：${made.join('、') || '无'}`,
      });
    throw refusedIn(['subRecipe'], {
      en: `"${id}" is not a sub-recipe made in batches; made in batches: ${known}`,
      'zh-CN': `“${id}”不是批量制作的子配方；批量制作的有：${made.join('、') || '无'}`,
    });
  }
}

/** part × made / yield, to the nearest thousandth (halves up), exactly. */
function share(partMilli: number, madeMilli: number, yieldMilli: number): number {
  const num = BigInt(partMilli) * BigInt(madeMilli);
  const den = BigInt(yieldMilli);
  return Number((2n * num + den) / (2n * den));
}
