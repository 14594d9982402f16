import type { PurchaseStatus } from '../../../shared/api/parts';
import type {
  ReorderResult,
  ReorderSuggestion,
  StockPurchasesQuery,
  StockPurchaseTransition,
  StockPurchaseView,
} from '../../../shared/api/stock';
import type { Ingredient } from '../../../shared/config/stock';
import { segregationBreach } from '../../../shared/permissions-segregation';
import { fromThousandths, toThousandths } from '../../../shared/quantity';
import { type Atomic, atomic } from '../../store/atomic';
import type { Database } from '../../store/database';
import { PURCHASE_NEXT } from '../parts/purchase-lifecycle';
import type { ApprovalGate } from '../purchasing/approval-gate';
import { stockRefusal } from '../purchasing/approval-refusals';
import { reorderQuantity } from './reorder';
import { DutiesSegregated, StockError } from './stock-errors';
import type { MovementInput, StockLedger } from './stock-ledger';
import type { StockOutbox } from './stock-outbox';
import { StockPurchases } from './stock-purchases';

export interface StockPurchasingDeps {
  db: Database;
  ledger: StockLedger;
  outbox: StockOutbox;
  /** the service's one way of writing movements (levels, alerts, events) */
  record(movements: readonly MovementInput[], ref: string): void;
  businessDate(at: number): string;
  /** approval routing (edge/domains/purchasing/approval-gate.ts); without it a manager approves in one step */
  approvals?: ApprovalGate | undefined;
}

/**
 * Reorder suggestions and the ingredient purchase requests made from them: requested
 * (申请) by the reorder, approved or rejected (审批) by a manager, received (收货) with
 * a delivery. Same states and transitions as spare parts'.
 */
export class StockPurchasing {
  readonly #deps: StockPurchasingDeps;
  readonly #store: StockPurchases;
  readonly #atomic: Atomic;

  constructor(deps: StockPurchasingDeps) {
    this.#deps = deps;
    this.#atomic = atomic(deps.db);
    this.#store = new StockPurchases(deps.db);
  }

  /** Tracked ingredients with a minimum and a par whose projection fell below the minimum. */
  suggestions(ingredients: readonly Ingredient[]): ReorderSuggestion[] {
    const levels = this.#deps.ledger.levels();
    const open = this.#store.openIds();
    return ingredients.flatMap((ingredient): ReorderSuggestion[] => {
      const row = levels.get(ingredient.id);
      if (!row || row.counted_milli === null) return [];
      const found = reorderQuantity(ingredient, row.projected_milli, toThousandths);
      if (!found || ingredient.min === undefined || ingredient.max === undefined) return [];
      return [
        {
          kind: 'order',
          ingredient: ingredient.id,
          projected: fromThousandths(row.projected_milli),
          min: ingredient.min,
          max: ingredient.max,
          need: fromThousandths(found.needMilli),
          policy: ingredient.roundPolicy,
          pack: found.pack ? { id: found.pack.id, size: fromThousandths(found.pack.sizeMilli) } : null,
          packs: found.packs ?? null,
          qty: fromThousandths(found.qtyMilli),
          leadTimeDays: ingredient.leadTimeDays,
          openPurchaseRequestId: open.get(ingredient.id) ?? null,
        },
      ];
    });
  }

  /** Every suggestion without an open request becomes a request waiting for approval. */
  reorder(ingredients: readonly Ingredient[], at: number, by: string): ReorderResult {
    return this.#atomic((): ReorderResult => {
      const result: ReorderResult = { created: [], skipped: [] };
      for (const s of this.suggestions(ingredients)) {
        const id =
          s.openPurchaseRequestId === null
            ? this.#store.insert({
                ingredient: s.ingredient,
                qtyMilli: toThousandths(s.qty),
                packId: s.pack?.id ?? null,
                packs: s.packs,
                at,
                by,
              })
            : undefined;
        const view = id === undefined ? undefined : this.#store.get(id);
        if (view) this.#deps.approvals?.route(subjectOf(view), at);
        if (!view) {
          result.skipped.push({
            ingredient: s.ingredient,
            reason: `purchase request #${s.openPurchaseRequestId ?? '?'} is still open for it`,
          });
          continue;
        }
        this.#deps.outbox.purchase(at, view);
        result.created.push(view);
      }
      return result;
    });
  }

  list(query: StockPurchasesQuery): StockPurchaseView[] {
    return this.#store.list(query);
  }

  /** Approve, reject, or receive (which is a delivery of what arrived). */
  transition(id: number, step: StockPurchaseTransition, at: number, by: string): StockPurchaseView {
    return this.#atomic((): StockPurchaseView => {
      const request = this.#get(id);
      this.#check(request, step.to);
      if (step.to === 'approved') keepDutiesApart(request, by);
      // Deciding is approving one's step: the request moves only when its last step is approved.
      if (step.to !== 'received' && this.#deps.approvals) {
        const gate = this.#deps.approvals;
        const outcome = stockRefusal(() =>
          gate.decide(subjectOf(request), step.to, by, at, step.note ?? null),
        );
        if (outcome === 'pending') return this.#get(id);
      }
      if (step.to === 'received') {
        const milli = step.qty === undefined ? toThousandths(request.qty) : toThousandths(step.qty);
        this.#store.receive(id, milli, at, by, step.note);
        this.#deps.record(
          [
            {
              ingredient: request.ingredient,
              deltaMilli: milli,
              reason: 'delivery',
              ref: `purchase:${id}`,
              at,
              businessDate: this.#deps.businessDate(at),
              by,
            },
          ],
          `purchase:${id}`,
        );
      } else {
        this.#store.decide(id, request.status, step.to, at, by, step.note);
      }
      const view = this.#get(id);
      this.#deps.outbox.purchase(at, view);
      return view;
    });
  }

  /** A delivery line that fills an approved request; the caller records the delivery itself. */
  fill(
    id: number,
    ingredient: string,
    milli: number,
    at: number,
    actor: { id: string },
    path: (string | number)[],
  ): void {
    const request = this.#store.get(id);
    if (!request) throw new StockError('REQUEST_REFUSED', `no ingredient purchase request #${id}`, path);
    if (request.ingredient !== ingredient)
      throw new StockError(
        'REQUEST_REFUSED',
        `purchase request #${id} is for "${request.ingredient}", not "${ingredient}"`,
        path,
      );
    this.#check(request, 'received', path);
    this.#store.receive(id, milli, at, actor.id);
    const view = this.#store.get(id);
    if (view) this.#deps.outbox.purchase(at, view);
  }

  #get(id: number): StockPurchaseView {
    const request = this.#store.get(id);
    if (!request) throw new StockError('PURCHASE_NOT_FOUND', `no ingredient purchase request #${id}`);
    return request;
  }

  #check(request: StockPurchaseView, to: PurchaseStatus, path: (string | number)[] = []): void {
    const allowed = PURCHASE_NEXT[request.status];
    if (allowed.includes(to)) return;
    const next = allowed.length ? allowed.join(', ') : `nothing (${request.status} is final)`;
    throw new StockError(
      'PURCHASE_ILLEGAL_TRANSITION',
      `a ${request.status} purchase request cannot become ${to}; allowed: ${next}`,
      path,
      allowed,
    );
  }
}

const subjectOf = (view: StockPurchaseView) => ({
  kind: 'ingredient' as const,
  id: view.id,
  item: view.ingredient,
  baseQty: String(view.qty),
  requestedBy: view.requestedBy,
  requestedAt: view.requestedAt,
});

/** Whoever requested it may not approve it (a reorder's requester is who pressed reorder). */
function keepDutiesApart(request: StockPurchaseView, by: string): void {
  const breach = segregationBreach(
    [{ step: 'request', by: request.requestedBy }],
    { step: 'approve', by },
    { en: `purchase request #${request.id}`, 'zh-CN': `采购申请 #${request.id}` },
  );
  if (breach) throw new DutiesSegregated(breach.rule, breach.messages);
}
