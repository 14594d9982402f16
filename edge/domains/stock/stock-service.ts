import type {
  MenuPortionsView,
  ReorderResult,
  ReorderSuggestion,
  StockBatchRequest,
  StockBatchView,
  StockCountRequest,
  StockDeliveryRequest,
  StockLevelView,
  StockMovementView,
  StockOverview,
  StockPurchasesQuery,
  StockPurchaseTransition,
  StockPurchaseView,
  StockWasteRequest,
  VarianceReport,
} from '../../../shared/api/stock';
import type { Ingredient } from '../../../shared/config/stock';
import type { StoreConfig } from '../../../shared/config/store-config';
import { toThousandths } from '../../../shared/quantity';
import type { Clock } from '../../../shared/server/runtime/clock';
import type { Logger } from '../../../shared/server/runtime/logger';
import { type Atomic, atomic } from '../../store/atomic';
import type { Database } from '../../store/database';
import { businessDateOf } from '../orders/business-date';
import type { ApprovalGate } from '../purchasing/approval-gate';
import { BatchProduction } from './batch-production';
import { levelView } from './level-view';
import { isTracked, MovementRecorder, type PortionsCrossing } from './movement-recorder';
import { depleteOrderChange, type OrderStockChange } from './order-depletion';
import { RecipeBook } from './recipe-book';
import { refused } from './stock-errors';
import type { StockItem } from './stock-items';
import { type MovementInput, StockLedger } from './stock-ledger';
import { deliveredIngredientOf, stockItemOf } from './stock-lookup';
import { StockOutbox } from './stock-outbox';
import { StockPurchasing } from './stock-purchasing';
import { varianceReport } from './variance';

export type { PortionsCrossing } from './movement-recorder';
export type { OrderStockChange, OrderStockLine } from './order-depletion';

export interface StockServiceDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  storeId: string;
  config: StoreConfig;
  /** approval routing of ingredient purchase requests (edge/domains/purchasing/approval-gate.ts) */
  approvals?: ApprovalGate | undefined;
}

export interface StockActor {
  id: string;
}

/**
 * Food stock linked to the kitchen: each applied order version depletes what its
 * recipes say (theoretical usage), counts say what is really there, waste and
 * deliveries move it, and from those come levels, portions left per menu item,
 * actual-vs-theoretical variance and reorder suggestions. Every change writes ledger
 * rows, running levels and its outbox events in one transaction.
 */
export class StockService {
  readonly #deps: StockServiceDeps;
  readonly #log: Logger;
  readonly #atomic: Atomic;
  readonly #ledger: StockLedger;
  readonly #outbox: StockOutbox;
  readonly #purchasing: StockPurchasing;
  readonly #production: BatchProduction;
  readonly #recorder: MovementRecorder;
  #config: StoreConfig;
  #book: RecipeBook;
  #started = false;

  constructor(deps: StockServiceDeps) {
    this.#deps = deps;
    this.#log = deps.logger.child({ ns: 'stock' });
    this.#atomic = atomic(deps.db);
    this.#ledger = new StockLedger(deps.db);
    this.#outbox = new StockOutbox(deps.db, deps.storeId);
    this.#config = deps.config;
    this.#book = new RecipeBook(deps.config.stock, deps.config.kitchen.menu);
    this.#recorder = new MovementRecorder(this.#ledger, this.#outbox, () => this.#book, this.#log);
    this.#purchasing = new StockPurchasing({
      db: deps.db,
      ledger: this.#ledger,
      outbox: this.#outbox,
      record: (movements, ref) => this.#recorder.record(movements, ref),
      businessDate: (at) => this.#businessDate(at),
      approvals: deps.approvals,
    });
    this.#production = new BatchProduction({
      db: deps.db,
      ledger: this.#ledger,
      book: () => this.#book,
      record: (movements, ref) => this.#recorder.record(movements, ref),
      businessDate: (at) => this.#businessDate(at),
    });
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#seed();
  }

  stop(): void {
    this.#started = false;
  }

  /** New recipes apply from the next order; new ingredients get their opening stock. */
  reload(config: StoreConfig): void {
    this.#config = config;
    this.#book = new RecipeBook(config.stock, config.kitchen.menu);
    if (this.#started) this.#seed();
  }

  /**
   * Called by the orders room inside the transaction that applies an order version.
   * Stock keeps what every line has depleted, so this depletes the difference between
   * that and what the new lines take: a new line or more of one takes more, a line
   * gone or cut gives back what it took, a void gives back the whole order. A refund
   * changes nothing: what was cooked was used. A repeat call with the same lines finds
   * no difference. An order stock never saw whose earlier lines are given (it began
   * before stock kept records) counts those as already depleted.
   */
  depleteForOrderChange(change: OrderStockChange): void {
    if (change.status === 'refunded') return;
    this.#atomic(() =>
      depleteOrderChange({ ledger: this.#ledger, recorder: this.#recorder, book: this.#book }, change),
    );
  }

  /** Whole portions the projected stock makes; undefined when stock cannot say (untracked, no recipe). */
  portionsAvailable(item: string): number | undefined {
    return this.#recorder.portions(item)?.portions;
  }

  /**
   * Told, synchronously and inside the transaction of the change, when an item's
   * portions reach 0 or come back from it, so availability can take it off for stock.
   * A listener should only note or schedule: the change may still roll back.
   */
  onPortionsCrossZero(listener: (crossing: PortionsCrossing) => void): () => void {
    return this.#recorder.onPortionsCrossZero(listener);
  }

  overview(): StockOverview {
    const levels = this.#ledger.levels();
    const portions: MenuPortionsView[] = this.#book.items().map((item) => {
      const found = this.#recorder.portions(item, levels);
      return { item, portions: found?.portions ?? null, limitedBy: found?.limitedBy ?? null };
    });
    return {
      currency: this.#config.stock.currency,
      levels: this.#items().map((i) => levelView(i, levels.get(i.id))),
      portions,
      batches: this.#production.views(levels),
    };
  }

  movements(ingredient: string, limit = 100): StockMovementView[] {
    this.#ingredient(ingredient, ['ingredient']);
    return this.#ledger.movements(ingredient, limit);
  }

  /**
   * A count sets what is on the shelf. A full count must list every ingredient and
   * batch-made sub-recipe (of the location, when one is given), so nothing is silently
   * left at its old level. After the count, the day's variance goes to central.
   */
  count(request: StockCountRequest, actor: StockActor): StockLevelView[] {
    const at = this.#deps.clock.now();
    const businessDate = this.#businessDate(at);
    const seen = new Set<string>();
    request.lines.forEach((line, i) => {
      const ingredient = this.#ingredient(line.ingredient, ['lines', i, 'ingredient']);
      if (request.location && ingredient.location !== request.location)
        throw refused(
          ['lines', i, 'ingredient'],
          `"${line.ingredient}" is kept in ${ingredient.location}, not ${request.location}`,
        );
      if (seen.has(line.ingredient))
        throw refused(['lines', i, 'ingredient'], `"${line.ingredient}" is counted twice`);
      seen.add(line.ingredient);
    });
    if (request.full) {
      const missing = this.#items()
        .filter((i) => (!request.location || i.location === request.location) && !seen.has(i.id))
        .map((i) => i.id);
      if (missing.length > 0)
        throw refused(
          ['lines'],
          `a full count lists every ingredient${request.location ? ` of ${request.location}` : ''}; missing: ${missing.join(', ')}`,
        );
    }
    return this.#atomic(() => {
      const levels = this.#ledger.levels();
      const movements = request.lines.map((line): MovementInput => {
        const counted = toThousandths(line.qty);
        const row = levels.get(line.ingredient);
        return {
          ingredient: line.ingredient,
          deltaMilli: isTracked(row) ? counted - row.projected_milli : 0,
          countedMilli: counted,
          reason: 'count',
          ref: request.full ? 'full count' : 'partial count',
          note: request.note ?? null,
          at,
          businessDate,
          by: actor.id,
        };
      });
      const ref = `count:${at}`;
      this.#recorder.record(movements, ref);
      const report = varianceReport(
        this.#ledger,
        this.#items(),
        this.#config.stock.currency,
        businessDate,
        seen,
      );
      this.#outbox.variance(at, report);
      return this.#levelViews(seen);
    });
  }

  /** Goods in, by base units or whole packs; a line may fill an approved ingredient purchase request. */
  receive(request: StockDeliveryRequest, actor: StockActor): StockLevelView[] {
    const at = this.#deps.clock.now();
    return this.#atomic(() => {
      const movements = request.lines.map((line, i): MovementInput => {
        const ingredient = this.#delivered(line.ingredient, ['lines', i, 'ingredient']);
        let milli: number;
        if (line.packs !== undefined) {
          const packId = line.pack ?? ingredient.orderPack ?? ingredient.packs[0]?.id;
          const pack = ingredient.packs.find((p) => p.id === packId);
          if (!pack)
            throw refused(
              ['lines', i, line.pack ? 'pack' : 'packs'],
              line.pack
                ? `"${ingredient.id}" has no pack "${line.pack}"; packs: ${ingredient.packs.map((p) => p.id).join(', ') || 'none'}`
                : `"${ingredient.id}" has no packs in the config: give qty in ${ingredient.baseUnit}`,
            );
          milli = line.packs * toThousandths(pack.size);
        } else {
          milli = toThousandths(line.qty ?? 0);
        }
        if (line.purchaseRequestId !== undefined)
          this.#purchasing.fill(line.purchaseRequestId, ingredient.id, milli, at, actor, [
            'lines',
            i,
            'purchaseRequestId',
          ]);
        return {
          ingredient: ingredient.id,
          deltaMilli: milli,
          reason: 'delivery',
          ref: request.ref,
          at,
          businessDate: this.#businessDate(at),
          by: actor.id,
        };
      });
      this.#recorder.record(movements, `delivery:${request.ref}`);
      return this.#levelViews(new Set(movements.map((m) => m.ingredient)));
    });
  }

  /** Waste logged by whoever dropped it; it lowers the projection and explains variance. */
  waste(request: StockWasteRequest, actor: StockActor): StockLevelView {
    const ingredient = this.#ingredient(request.ingredient, ['ingredient']);
    const at = this.#deps.clock.now();
    return this.#atomic(() => {
      this.#recorder.record(
        [
          {
            ingredient: ingredient.id,
            deltaMilli: -toThousandths(request.qty),
            reason: 'waste',
            note: request.reason,
            at,
            businessDate: this.#businessDate(at),
            by: actor.id,
          },
        ],
        `waste:${at}`,
      );
      return levelView(ingredient, this.#ledger.level(ingredient.id));
    });
  }

  /** What to buy (`order`), then which batch-made sub-recipes to make more of (`make`). */
  reorderSuggestions(): ReorderSuggestion[] {
    return [
      ...this.#purchasing.suggestions(this.#config.stock.ingredients),
      ...this.#production.suggestions(this.#ledger.levels()),
    ];
  }

  /**
   * A batch of a sub-recipe made now: its ingredients used, its yield added to its own
   * level, both as `production` movements sent up like any other change.
   */
  makeBatch(request: StockBatchRequest, actor: StockActor): StockBatchView {
    const at = this.#deps.clock.now();
    return this.#atomic(() => this.#production.make(request, at, actor.id));
  }

  /** Suggestions to buy become ingredient purchase requests waiting for a manager's approval; "make" ones never do. */
  reorder(actor: StockActor): ReorderResult {
    return this.#purchasing.reorder(this.#config.stock.ingredients, this.#deps.clock.now(), actor.id);
  }

  purchases(query: StockPurchasesQuery): StockPurchaseView[] {
    return this.#purchasing.list(query);
  }

  transitionPurchase(id: number, step: StockPurchaseTransition, actor: StockActor): StockPurchaseView {
    return this.#purchasing.transition(id, step, this.#deps.clock.now(), actor.id);
  }

  variance(businessDate: string): VarianceReport {
    return varianceReport(this.#ledger, this.#items(), this.#config.stock.currency, businessDate);
  }

  /** Opening stock is the first count of a stock item the ledger has never counted. */
  #seed(): void {
    const at = this.#deps.clock.now();
    this.#atomic(() => {
      const levels = this.#ledger.levels();
      const movements = this.#items()
        .filter((i) => i.openingStock !== undefined && !isTracked(levels.get(i.id)))
        .map(
          (i): MovementInput => ({
            ingredient: i.id,
            deltaMilli: 0,
            countedMilli: toThousandths(i.openingStock ?? 0),
            reason: 'count',
            ref: 'opening stock',
            at,
            businessDate: this.#businessDate(at),
            by: 'config',
          }),
        );
      this.#recorder.record(movements, 'opening-stock');
    });
  }

  #levelViews(ingredients: ReadonlySet<string>): StockLevelView[] {
    const levels = this.#ledger.levels();
    return this.#items()
      .filter((i) => ingredients.has(i.id))
      .map((i) => levelView(i, levels.get(i.id)));
  }

  /** Ingredients and sub-recipes made in batches: what is counted, wasted and reported alike. */
  #items(): StockItem[] {
    return [...this.#book.stockItems.values()];
  }

  #ingredient(id: string, path: (string | number)[]): StockItem {
    return stockItemOf(this.#book, id, path);
  }

  #delivered(id: string, path: (string | number)[]): Ingredient {
    return deliveredIngredientOf(this.#book, id, path);
  }

  #businessDate(at: number): string {
    return businessDateOf(at, this.#config.store.timezone, this.#config.kitchen.closeoutHour);
  }
}
