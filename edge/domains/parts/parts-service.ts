import type {
  ManualPurchaseRequest,
  PartDetail,
  PartView,
  PurchaseRequestsQuery,
  PurchaseRequestView,
  PurchaseTransitionRequest,
} from '../../../shared/api/parts';
import type { UsedPart } from '../../../shared/api/tickets';
import { partDecimals, type SparePart } from '../../../shared/config/parts';
import type { StoreConfig } from '../../../shared/config/store-config';
import { addQuantities } from '../../../shared/quantity';
import type { Clock } from '../../../shared/server/runtime/clock';
import type { Logger } from '../../../shared/server/runtime/logger';
import type { Database } from '../../store/database';
import type { ApprovalGate } from '../purchasing/approval-gate';
import { partsRefusal } from '../purchasing/approval-refusals';
import { SYSTEM_ACTOR, type TicketActor } from '../tickets/ticket-lifecycle';
import type { TicketTransitionCommitting } from '../tickets/ticket-service';
import { checkLevel, checkPrecision, withUnit } from './part-quantity';
import { PartsError } from './parts-errors';
import { PartsOutbox } from './parts-outbox';
import { checkPurchaseTransition } from './purchase-lifecycle';
import { PurchaseStore } from './purchase-store';
import { StockLedger, type StockMovement } from './stock-ledger';

export interface PartsServiceDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  storeId: string;
  config: StoreConfig;
  /** Where resolved work orders come from; their `parts` take stock out in the same transaction. */
  tickets?: { onTransitionCommitting(listener: (step: TicketTransitionCommitting) => void): () => void };
  /** approval routing (edge/domains/purchasing/approval-gate.ts); without it a manager approves in one step */
  approvals?: ApprovalGate | undefined;
}

/**
 * Spare parts of the store: stock per part from the config's catalogue, taken out by
 * work orders and by managers' corrections, and a purchase request (申请) raised the
 * moment a part falls below its reorder point; approval (审批) and receipt (收货)
 * restock it. Every change and its outbox event commit in one transaction.
 */
export class PartsService {
  readonly #deps: PartsServiceDeps;
  readonly #log: Logger;
  readonly #ledger: StockLedger;
  readonly #purchases: PurchaseStore;
  readonly #outbox: PartsOutbox;
  #catalogue = new Map<string, SparePart>();
  #unsubscribe: (() => void) | undefined;
  readonly stats = { used: 0, unlisted: 0, purchaseRequests: 0, shortfalls: 0, refused: 0 };

  constructor(deps: PartsServiceDeps) {
    this.#deps = deps;
    this.#log = deps.logger.child({ ns: 'parts' });
    this.#ledger = new StockLedger(deps.db);
    this.#purchases = new PurchaseStore(deps.db);
    this.#outbox = new PartsOutbox(deps.db, deps.storeId);
    this.#catalogue = catalogueOf(deps.config);
  }

  start(): void {
    if (this.#unsubscribe) return;
    this.#seed();
    this.#unsubscribe =
      this.#deps.tickets?.onTransitionCommitting((step) => this.#onTicketStep(step)) ?? (() => {});
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  /** New parts in the config get their initial stock; levels of known parts are kept. */
  reload(config: StoreConfig): void {
    this.#catalogue = catalogueOf(config);
    if (this.#unsubscribe) this.#seed();
  }

  list(): PartView[] {
    const levels = this.#ledger.levels();
    const open = this.#purchases.openIds();
    return [...this.#catalogue.values()].map((part) =>
      this.#view(part, levels.get(part.partNumber) ?? 0, open.get(part.partNumber) ?? null),
    );
  }

  get(partNumber: string): PartDetail {
    const part = this.#part(partNumber);
    return {
      ...this.#view(
        part,
        this.#ledger.onHand(partNumber) ?? 0,
        this.#purchases.openFor(partNumber)?.id ?? null,
      ),
      movements: this.#ledger.movements(partNumber),
    };
  }

  /**
   * A manager's correction after a count; a correction below the reorder point raises a
   * request too. One that would leave the stock below 0 is refused, saying what is on hand.
   */
  adjust(partNumber: string, change: { delta: number; reason: string }, actor: TicketActor): PartDetail {
    const part = this.#part(partNumber);
    const at = this.#deps.clock.now();
    this.#refusing(() => checkPrecision(part, change.delta, ['delta']));
    // Immediate: the level checked is the level changed, whoever else counts meanwhile.
    this.#deps.db
      .transaction(() => {
        const onHand = this.#ledger.onHand(partNumber) ?? 0;
        this.#refusing(() =>
          checkLevel(part, onHand, addQuantities(onHand, change.delta), ['delta'], 'this correction'),
        );
        this.#move(part, {
          partNumber,
          delta: change.delta,
          reason: 'adjusted',
          note: change.reason,
          at,
          by: actor.id,
        });
      })
      .immediate();
    return this.get(partNumber);
  }

  purchaseRequests(query: PurchaseRequestsQuery): PurchaseRequestView[] {
    return this.#purchases.list(query);
  }

  purchaseRequest(id: number): PurchaseRequestView {
    const request = this.#purchases.get(id);
    if (!request) throw new PartsError('PURCHASE_NOT_FOUND', `no purchase request ${id}`);
    return request;
  }

  /** A request by hand, e.g. ahead of a planned job; one open request per part still holds. */
  requestPurchase(request: ManualPurchaseRequest, actor: TicketActor): PurchaseRequestView {
    const part = this.#part(request.partNumber);
    const at = this.#deps.clock.now();
    const quantity = request.quantity ?? part.reorderQuantity;
    this.#refusing(() => checkPrecision(part, quantity, ['quantity']));
    const id = this.#deps.db.transaction(() => {
      const created = this.#openRequest(part, quantity, 'manual', at, actor.id, request.note);
      if (created === undefined) {
        const open = this.#purchases.openFor(part.partNumber);
        throw new PartsError(
          'PURCHASE_ALREADY_OPEN',
          `part ${part.partNumber} already has open purchase request ${open?.id} (${open?.status})`,
        );
      }
      return created;
    })();
    return this.purchaseRequest(id);
  }

  transitionPurchase(
    id: number,
    request: PurchaseTransitionRequest,
    actor: TicketActor,
  ): PurchaseRequestView {
    const at = this.#deps.clock.now();
    this.#deps.db
      .transaction(() => {
        const current = this.purchaseRequest(id);
        checkPurchaseTransition(current.status, request.to, actor);
        // Deciding is approving one's step: the request moves only when its last step is approved.
        const gate = this.#deps.approvals;
        if (request.to !== 'received' && gate) {
          const outcome = partsRefusal(() =>
            gate.decide(partSubject(current), request.to, actor.id, at, request.note ?? null),
          );
          if (outcome === 'pending') return;
        }
        const note = request.note;
        if (request.to === 'received') {
          const quantity = request.quantity ?? current.quantity;
          const part = this.#catalogue.get(current.partNumber);
          if (part) {
            const onHand = this.#ledger.onHand(part.partNumber) ?? 0;
            this.#refusing(() => {
              checkPrecision(part, quantity, ['quantity']);
              checkLevel(part, onHand, addQuantities(onHand, quantity), ['quantity'], 'this delivery');
            });
          }
          this.#purchases.update(
            id,
            'received',
            { received_at: at, received_by: actor.id, received_quantity: quantity },
            at,
          );
          const movement: StockMovement = {
            partNumber: current.partNumber,
            delta: quantity,
            reason: 'received',
            purchaseRequestId: id,
            note: note ?? null,
            at,
            by: actor.id,
          };
          if (part) this.#move(part, movement);
          else this.#record(movement); // the part left the catalogue meanwhile: still count what arrived
        } else {
          this.#purchases.update(id, request.to, { decided_at: at, decided_by: actor.id }, at);
        }
        this.#purchases.logTransition(id, current.status, request.to, at, actor.id, note);
        this.#outbox.append(`purchase.${request.to}`, id, at, this.purchaseRequest(id));
      })
      .immediate();
    return this.purchaseRequest(id);
  }

  /** Inside the ticket's transaction: parts used on a resolved work order leave the stock. */
  #onTicketStep(step: TicketTransitionCommitting): void {
    if (step.request.to !== 'resolved') return;
    this.takeUsedParts({
      ticketId: step.ticket.id,
      equipmentId: step.ticket.equipmentId,
      parts: step.request.parts,
      at: step.at,
      by: step.actor.id,
    });
  }

  /**
   * Parts used on a work order leave the stock. Call it inside the transaction that
   * records the work (repair resolves come here by themselves; preventive work orders
   * call it from their own resolve). Parts not in the catalogue stay on the ticket only.
   * A fraction of a counted part is refused (`PartsError`, path `parts.N.quantity`), which
   * refuses the resolve. Using more than the count says is on hand does not: the repair
   * happened, so the stock goes to 0, never below, and the movement notes the shortfall.
   */
  takeUsedParts(use: {
    ticketId: number;
    equipmentId: string;
    parts: readonly UsedPart[];
    at: number;
    by: string;
  }): void {
    for (const [i, used] of use.parts.entries()) {
      const part = this.#match(used);
      if (!part) {
        this.stats.unlisted++;
        this.#log.info(
          { ticketId: use.ticketId, part: used },
          'part used is not in the catalogue; no stock kept',
        );
        continue;
      }
      this.#refusing(() => checkPrecision(part, used.quantity, ['parts', i, 'quantity']));
      this.stats.used++;
      const onHand = this.#ledger.onHand(part.partNumber) ?? 0;
      const taken = Math.min(used.quantity, Math.max(onHand, 0));
      let note: string | null = null;
      if (taken < used.quantity) {
        this.stats.shortfalls++;
        note = `${withUnit(part, used.quantity)} used, ${withUnit(part, onHand)} on hand: the count was ${withUnit(part, addQuantities(used.quantity, -taken))} short; count it again`;
        this.#log.warn(
          { ticketId: use.ticketId, partNumber: part.partNumber, used: used.quantity, onHand },
          note,
        );
      }
      this.#move(part, {
        partNumber: part.partNumber,
        delta: -taken,
        note,
        reason: 'used',
        ticketId: use.ticketId,
        equipmentId: use.equipmentId,
        at: use.at,
        by: use.by,
      });
    }
  }

  /** Moves stock, records it, and opens a purchase request if this is where the shortage begins. */
  #move(part: SparePart, movement: StockMovement): void {
    const { after } = this.#record(movement);
    if (after < part.reorderPoint && !this.#shortageRejected(part)) {
      this.#openRequest(part, part.reorderQuantity, 'reorder_point', movement.at, SYSTEM_ACTOR.id);
    }
  }

  /** A manager said no to this shortage: ask again only once the stock has recovered and fallen again. */
  #shortageRejected(part: SparePart): boolean {
    const rejectedAt = this.#purchases.lastRejectedAt(part.partNumber);
    if (rejectedAt === undefined) return false;
    const recoveredAt = this.#ledger.lastAtOrAbove(part.partNumber, part.reorderPoint);
    return recoveredAt === undefined || recoveredAt <= rejectedAt;
  }

  #record(movement: StockMovement) {
    const result = this.#ledger.move(movement);
    this.#outbox.append(
      `part.${movement.reason === 'seed' ? 'seeded' : movement.reason}`,
      movement.partNumber,
      movement.at,
      {
        ...movement,
        onHand: result.after,
      },
    );
    return result;
  }

  /** Inside a transaction; undefined when the part already has an open request (one per shortage). */
  #openRequest(
    part: SparePart,
    quantity: number,
    reason: 'reorder_point' | 'manual',
    at: number,
    by: string,
    note?: string,
  ): number | undefined {
    const id = this.#purchases.insertIfNoneOpen({ partNumber: part.partNumber, quantity, reason, at, by });
    if (id === undefined) return undefined;
    const why =
      note ?? (reason === 'reorder_point' ? `stock below reorder point ${part.reorderPoint}` : undefined);
    this.#purchases.logTransition(id, null, 'requested', at, by, why);
    this.#outbox.append('purchase.requested', id, at, this.purchaseRequest(id));
    this.#deps.approvals?.route(partSubject(this.purchaseRequest(id)), at);
    this.stats.purchaseRequests++;
    this.#log.info({ partNumber: part.partNumber, requestId: id, reason }, 'purchase requested');
    return id;
  }

  /** Runs a check; a refusal is counted and logged here, where every one passes. */
  #refusing(check: () => void): void {
    try {
      check();
    } catch (err) {
      if (err instanceof PartsError && err.code === 'QUANTITY_REFUSED') {
        this.stats.refused++;
        this.#log.info({ path: err.path.join('.') }, err.message);
      }
      throw err;
    }
  }

  #seed(): void {
    const at = this.#deps.clock.now();
    this.#deps.db.transaction(() => {
      for (const part of this.#catalogue.values()) {
        if (!this.#ledger.seed(part.partNumber, part.initialStock, at)) continue;
        this.#outbox.append('part.seeded', part.partNumber, at, {
          partNumber: part.partNumber,
          onHand: part.initialStock,
        });
        if (part.initialStock < part.reorderPoint) {
          this.#openRequest(part, part.reorderQuantity, 'reorder_point', at, SYSTEM_ACTOR.id);
        }
      }
    })();
  }

  #match(used: UsedPart): SparePart | undefined {
    if (used.partNumber) return this.#catalogue.get(used.partNumber);
    const name = used.name.trim().toLowerCase();
    return [...this.#catalogue.values()].find((p) => p.name.toLowerCase() === name);
  }

  #part(partNumber: string): SparePart {
    const part = this.#catalogue.get(partNumber);
    if (!part) throw new PartsError('PART_UNKNOWN', `no part "${partNumber}" in this store's catalogue`);
    return part;
  }

  #view(part: SparePart, onHand: number, openPurchaseRequestId: number | null): PartView {
    return {
      partNumber: part.partNumber,
      name: part.name,
      unit: part.unit,
      decimals: partDecimals(part),
      equipmentTypes: part.equipmentTypes,
      reorderPoint: part.reorderPoint,
      reorderQuantity: part.reorderQuantity,
      onHand,
      belowReorderPoint: onHand < part.reorderPoint,
      openPurchaseRequestId,
    };
  }
}

function catalogueOf(config: StoreConfig): Map<string, SparePart> {
  return new Map(config.parts.map((p) => [p.partNumber, p]));
}

const partSubject = (view: PurchaseRequestView) => ({
  kind: 'part' as const,
  id: view.id,
  item: view.partNumber,
  baseQty: String(view.quantity),
  requestedBy: view.requestedBy,
  requestedAt: view.requestedAt,
});
