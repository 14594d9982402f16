import Decimal from 'decimal.js';
import type {
  CreatePurchaseOrder,
  GoodsReceiptRequest,
  PurchaseOrdersQuery,
  PurchaseOrderTransition,
  PurchaseOrderView,
  RequestRef,
} from '../../../shared/api/purchasing';
import type { StockDeliveryRequest } from '../../../shared/api/stock';
import type { StoreConfig } from '../../../shared/config/store-config';
import { segregationBreach } from '../../../shared/permissions-segregation';
import type { Clock } from '../../../shared/server/runtime/clock';
import type { MetricsRegistry } from '../../../shared/server/runtime/metrics';
import { type Atomic, atomic } from '../../store/atomic';
import type { Database } from '../../store/database';
import { ReadingsStore } from '../../store/readings-store';
import { OutboxWriter } from '../../sync/outbox-writer';
import { PurchaseStore } from '../parts/purchase-store';
import { StockLedger as PartsLedger } from '../parts/stock-ledger';
import { StockError } from '../stock/stock-errors';
import { StockPurchases } from '../stock/stock-purchases';
import { type ApprovedRequest, draftLines } from './order-drafting';
import { checkOrderTransition } from './order-lifecycle';
import { qtyText } from './order-money';
import { orderView, receivedOf } from './order-view';
import { PurchasingDutiesSegregated, PurchasingError } from './purchasing-errors';
import { type LineRow, PurchasingStore, type StoredOrder } from './purchasing-store';
import { checkDeliveryTemp, refuseRepeatedLines } from './receipt-checks';
import { ReceiptFoodSafety } from './receipt-food-safety';
import { resolveProbes } from './receipt-probe';
import { refuseWithoutSecondSigner } from './receipt-sign-off';

/** A receipt line checked against its order line. */
interface CheckedLine {
  input: GoodsReceiptRequest['lines'][number];
  line: LineRow;
  accepted: Decimal;
  rejected: Decimal;
}

export interface PurchasingServiceDeps {
  db: Database;
  clock: Clock;
  storeId: string;
  /** the config in force, read at each call so a reload applies to the next order */
  config(): StoreConfig;
  /** ingredients come in as stock deliveries do (StockService.receive) */
  ingredients: { receive(request: StockDeliveryRequest, actor: { id: string }): unknown };
  /** where refusals are counted for /metrics, by code */
  metrics?: MetricsRegistry | undefined;
}

export interface PurchasingActor {
  id: string;
}

/**
 * Purchase orders (下单) made from approved purchase requests, placed with one supplier,
 * and goods received against them (收货), all on the box so receiving works with the
 * WAN down. A receipt raises stock on hand (ingredients through the stock room, spare
 * parts on the parts ledger), checks chilled lines against the pack's cold-holding
 * limit, and keeps who ordered from receiving alone. Each change writes its outbox
 * event in the same transaction.
 */
export class PurchasingService {
  readonly #deps: PurchasingServiceDeps;
  readonly #atomic: Atomic;
  readonly #store: PurchasingStore;
  readonly #stockRequests: StockPurchases;
  readonly #partRequests: PurchaseStore;
  readonly #partsLedger: PartsLedger;
  readonly #outbox: OutboxWriter;
  readonly #receivingRecords: ReceiptFoodSafety;
  /** latest telemetry, for a delivery temperature taken from a probe */
  readonly #readings: ReadingsStore;
  readonly stats = { orders: 0, receipts: 0, refused: 0 };
  readonly #refused: { inc(labels: { code: string }): void } | undefined;

  constructor(deps: PurchasingServiceDeps) {
    this.#deps = deps;
    this.#atomic = atomic(deps.db);
    this.#store = new PurchasingStore(deps.db);
    this.#stockRequests = new StockPurchases(deps.db);
    this.#partRequests = new PurchaseStore(deps.db);
    this.#partsLedger = new PartsLedger(deps.db);
    this.#outbox = new OutboxWriter(deps.db, deps.storeId);
    this.#receivingRecords = new ReceiptFoodSafety(deps.db, deps.storeId);
    this.#readings = new ReadingsStore(deps.db);
    this.#refused = deps.metrics?.counter(
      'galley_purchasing_refused_total',
      'Purchasing steps refused (bad request, illegal step, food safety, duties kept apart), by code',
      ['code'],
    );
  }

  list(query: PurchaseOrdersQuery): PurchaseOrderView[] {
    return this.#store.ids(query).map((id) => this.get(id));
  }

  get(id: number): PurchaseOrderView {
    return orderView(this.#stored(id));
  }

  /** A draft order from approved requests, priced from the supplier's list. */
  create(body: CreatePurchaseOrder, actor: PurchasingActor): PurchaseOrderView {
    return this.#counting(() => {
      const config = this.#deps.config();
      const supplier = config.purchasing.suppliers.find((s) => s.id === body.supplier);
      if (!supplier)
        throw new PurchasingError(
          'REQUEST_REFUSED',
          {
            en: `no supplier "${body.supplier}"; suppliers: ${config.purchasing.suppliers.map((s) => s.id).join(', ') || 'none'}`,
            'zh-CN': `没有供应商 "${body.supplier}"`,
          },
          ['supplier'],
        );
      const at = this.#deps.clock.now();
      return this.#atomic(() => {
        const requests = body.requests.map((ref, i) => this.#request(ref, ['requests', i]));
        const lines = draftLines(supplier, requests, config);
        const id = this.#store.insertOrder({
          supplier: supplier.id,
          snapshot: {
            name: supplier.name,
            currency: supplier.currency,
            paymentTermsDays: supplier.paymentTermsDays,
            contact: supplier.contact,
          },
          note: body.note ?? null,
          lines,
          at,
          by: actor.id,
        });
        this.stats.orders += 1;
        return this.#emitOrder(id, at);
      });
    });
  }

  /** Placing with the supplier, or cancelling a draft or a placed order. */
  transition(id: number, step: PurchaseOrderTransition, actor: PurchasingActor): PurchaseOrderView {
    return this.#counting(() => {
      const at = this.#deps.clock.now();
      return this.#atomic(() => {
        const order = this.#stored(id);
        checkOrderTransition(id, order.row.state, step.to);
        if (step.to === 'cancelled' && order.receipts.length > 0)
          throw new PurchasingError('ILLEGAL_TRANSITION', {
            en: `purchase order #${id} has goods received: it cannot be cancelled`,
            'zh-CN': `采购订单 #${id} 已有收货：不能取消`,
          });
        this.#store.move(id, order.row.state, step.to, at, actor.id, step.note);
        return this.#emitOrder(id, at);
      });
    });
  }

  /**
   * Goods received against a placed order. `witness` is a second person who may receive,
   * whose PIN the route has checked: needed when the receiver placed the order.
   */
  receive(
    id: number,
    entered: GoodsReceiptRequest,
    actor: PurchasingActor,
    witness?: PurchasingActor,
  ): PurchaseOrderView {
    return this.#counting(() => {
      const at = this.#deps.clock.now();
      return this.#atomic(() => {
        const config = this.#deps.config();
        const order = this.#stored(id);
        const { state } = order.row;
        if (state !== 'placed' && state !== 'partially_received')
          throw new PurchasingError('ILLEGAL_TRANSITION', {
            en: `purchase order #${id} is ${state}: goods are received only against a placed order`,
            'zh-CN': `采购订单 #${id} 状态为 ${state}：只能对已下单的订单收货`,
          });
        const breach = segregationBreach(
          order.row.placed_by === null ? [] : [{ step: 'order', by: order.row.placed_by }],
          { step: 'receive', by: actor.id, witnessedBy: witness?.id },
          { en: `purchase order #${id}`, 'zh-CN': `采购订单 #${id}` },
        );
        if (breach) throw new PurchasingDutiesSegregated(breach.rule, breach.messages);
        refuseWithoutSecondSigner(
          config.purchasing.receiving.twoPersonSignOff,
          id,
          order.lines,
          entered,
          actor.id,
          witness?.id,
        );
        refuseRepeatedLines(entered);
        // A probed line carries its reading from here on, as if it had been typed in.
        const { body, probes } = resolveProbes(config, this.#readings, entered, at);
        const lines = body.lines.map((l, i) => this.#checkLine(order, l, i));
        const receiptId = this.#store.insertReceipt({
          orderId: id,
          ref: body.ref,
          at,
          by: actor.id,
          witnessedBy: witness?.id ?? null,
          lines: lines.map(({ input, accepted, rejected }) => ({
            line: input.line,
            accepted: qtyText(accepted),
            rejected: qtyText(rejected),
            reason: input.rejectReason ?? null,
            lot: input.lot ?? null,
            expiry: input.expiry ?? null,
            tempC: input.deliveryTempC ?? null,
            probeId: probes.get(input.line)?.equipmentId ?? null,
            probeAt: probes.get(input.line)?.at ?? null,
          })),
        });
        this.#restock(id, body.ref, lines, at, actor);
        // A chilled line sent back for its temperature leaves a food-safety record in the chain.
        this.#receivingRecords.recordRejected(
          this.#deps.config(),
          {
            orderId: id,
            supplier: order.row.supplier,
            receiptId,
            ref: body.ref,
            at,
            by: actor.id,
            witnessedBy: witness?.id ?? null,
          },
          lines,
        );
        const after = this.#stored(id);
        const complete = after.lines.every((l) => receivedOf(after, l.line).accepted.gte(l.qty));
        const to = complete ? 'received' : 'partially_received';
        checkOrderTransition(id, state, to);
        this.#store.move(id, state, to, at, actor.id, `receipt #${receiptId} (${body.ref})`);
        if (complete) this.#closeRequests(after, at, actor.id);
        this.stats.receipts += 1;
        const receipt = this.#stored(id).receipts.find((r) => r.id === receiptId);
        this.#outbox.append({ type: 'purchasing.receipt', entityId: receiptId, ts: at, payload: receipt });
        return this.#emitOrder(id, at);
      });
    });
  }

  #checkLine(order: StoredOrder, input: GoodsReceiptRequest['lines'][number], i: number): CheckedLine {
    const id = order.row.id;
    const line = order.lines.find((l) => l.line === input.line);
    const path = ['lines', i];
    if (!line)
      throw new PurchasingError(
        'REQUEST_REFUSED',
        {
          en: `purchase order #${id} has no line ${input.line}`,
          'zh-CN': `采购订单 #${id} 没有第 ${input.line} 行`,
        },
        [...path, 'line'],
      );
    const accepted = new Decimal(input.qty);
    const rejected = new Decimal(input.rejectedQty ?? '0');
    const outstanding = new Decimal(line.qty).minus(receivedOf(order, line.line).accepted);
    if (accepted.gt(outstanding))
      throw new PurchasingError(
        'REQUEST_REFUSED',
        {
          en: `line ${line.line} (${line.item}): ${accepted} ${line.unit} is more than the ${qtyText(outstanding)} ${line.unit} still to come`,
          'zh-CN': `第 ${line.line} 行（${line.item}）：${accepted} ${line.unit} 超过尚未到货的 ${qtyText(outstanding)} ${line.unit}`,
        },
        [...path, 'qty'],
      );
    if (line.chilled === 1 && accepted.gt(0))
      checkDeliveryTemp(this.#deps.config(), line.line, line.item, input.deliveryTempC, path);
    return { input, line, accepted, rejected };
  }

  /** What was accepted goes on hand: ingredients as a stock delivery, parts on the parts ledger. */
  #restock(id: number, ref: string, lines: readonly CheckedLine[], at: number, actor: PurchasingActor): void {
    const deliveryRef = `po-${id}/${ref}`.slice(0, 100);
    const ingredients = lines
      .filter((l) => l.line.kind === 'ingredient' && l.accepted.gt(0))
      .map((l) => ({ ingredient: l.line.item, qty: l.accepted.times(l.line.base_per_unit).toNumber() }));
    try {
      if (ingredients.length) this.#deps.ingredients.receive({ ref: deliveryRef, lines: ingredients }, actor);
    } catch (err) {
      // The stock room refuses an ingredient it no longer has, or a delivery past its bounds.
      if (err instanceof StockError)
        throw new PurchasingError(
          'REQUEST_REFUSED',
          err.messages ?? { en: err.message, 'zh-CN': err.message },
        );
      throw err;
    }
    for (const l of lines) {
      if (l.line.kind !== 'part' || l.accepted.lte(0)) continue;
      this.#partsLedger.move({
        partNumber: l.line.item,
        delta: l.accepted.times(l.line.base_per_unit).toNumber(),
        reason: 'received',
        note: `purchase order #${id}, ${ref}`,
        at,
        by: actor.id,
      });
    }
  }

  /** A fully received order closes the requests it filled, without moving stock again. */
  #closeRequests(order: StoredOrder, at: number, by: string): void {
    for (const { line, request_id } of order.requests) {
      const kind = order.lines.find((l) => l.line === line)?.kind;
      const note = `purchase order #${order.row.id}`;
      if (kind === 'ingredient') {
        const request = this.#stockRequests.get(request_id);
        if (request?.status === 'approved')
          this.#stockRequests.receive(request_id, Math.round(request.qty * 1000), at, by, note);
      } else if (kind === 'part') {
        const request = this.#partRequests.get(request_id);
        if (request?.status !== 'approved') continue;
        this.#partRequests.update(
          request_id,
          'received',
          { received_at: at, received_by: by, received_quantity: request.quantity },
          at,
        );
        this.#partRequests.logTransition(request_id, 'approved', 'received', at, by, note);
      }
    }
  }

  #request(ref: RequestRef, path: (string | number)[]): ApprovedRequest {
    const on = this.#store.orderOfRequest(ref.kind, ref.id);
    if (on !== undefined)
      throw new PurchasingError(
        'REQUEST_REFUSED',
        {
          en: `${ref.kind} purchase request #${ref.id} is already on purchase order #${on}`,
          'zh-CN': `采购申请 #${ref.id} 已在采购订单 #${on} 中`,
        },
        path,
      );
    const found =
      ref.kind === 'ingredient' ? this.#stockRequests.get(ref.id) : this.#partRequests.get(ref.id);
    if (!found)
      throw new PurchasingError(
        'REQUEST_REFUSED',
        { en: `no ${ref.kind} purchase request #${ref.id}`, 'zh-CN': `没有采购申请 #${ref.id}` },
        path,
      );
    return 'ingredient' in found
      ? { ref, item: found.ingredient, baseQty: String(found.qty), status: found.status }
      : { ref, item: found.partNumber, baseQty: String(found.quantity), status: found.status };
  }

  #stored(id: number): StoredOrder {
    const stored = this.#store.get(id);
    if (!stored)
      throw new PurchasingError('ORDER_NOT_FOUND', {
        en: `no purchase order #${id}`,
        'zh-CN': `没有采购订单 #${id}`,
      });
    return stored;
  }

  #emitOrder(id: number, at: number): PurchaseOrderView {
    const view = this.get(id);
    this.#outbox.append({ type: 'purchasing.order', entityId: id, ts: at, payload: view });
    return view;
  }

  #counting<T>(work: () => T): T {
    try {
      return work();
    } catch (err) {
      if (err instanceof PurchasingError) {
        this.stats.refused += 1;
        this.#refused?.inc({ code: err.code });
      }
      throw err;
    }
  }
}
