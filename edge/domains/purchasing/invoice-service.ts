import Decimal from 'decimal.js';
import type { StoreConfig } from '../../../shared/config/store-config';
import { type DutyTaken, segregationBreach } from '../../../shared/permissions-segregation';
import type {
  InvoiceResolutionRequest,
  PaymentApprovalRequest,
  PaymentRequest,
  RecordInvoiceRequest,
  SupplierInvoicesQuery,
  SupplierInvoiceView,
} from '../../../shared/purchasing/invoice-api';
import type { PurchasingPaymentEvent } from '../../../shared/purchasing/invoice-events';
import type { Clock } from '../../../shared/server/runtime/clock';
import type { MetricsRegistry } from '../../../shared/server/runtime/metrics';
import { type Atomic, atomic } from '../../store/atomic';
import type { Database } from '../../store/database';
import { OutboxWriter } from '../../sync/outbox-writer';
import { InvoiceError } from './invoice-errors';
import { checkInvoiceTransition } from './invoice-lifecycle';
import { matchInvoice } from './invoice-matching';
import { InvoiceStore, type StoredInvoice } from './invoice-store';
import { invoiceEvent, invoiceView, paidOf } from './invoice-view';
import { money } from './order-money';
import { PurchasingDutiesSegregated, PurchasingError } from './purchasing-errors';
import type { PurchasingActor } from './purchasing-service';
import { PurchasingStore, type StoredOrder } from './purchasing-store';

export interface InvoiceServiceDeps {
  db: Database;
  clock: Clock;
  storeId: string;
  /** the config in force: tolerances are read when an invoice is recorded, and kept with it */
  config(): StoreConfig;
  metrics?: MetricsRegistry | undefined;
}

/**
 * Supplier invoices (发票) against purchase orders, matched three ways on the box, and
 * the money that follows: finance resolves an exception, approves the payment (never the
 * person who received the goods) and records what was paid, never above the payable.
 * Every change is one transaction with its history row and its outbox event.
 */
export class InvoiceService {
  readonly #deps: InvoiceServiceDeps;
  readonly #atomic: Atomic;
  readonly #store: InvoiceStore;
  readonly #orders: PurchasingStore;
  readonly #outbox: OutboxWriter;
  readonly stats = { invoices: 0, payments: 0, refused: 0 };
  readonly #refused: { inc(labels: { code: string }): void } | undefined;

  constructor(deps: InvoiceServiceDeps) {
    this.#deps = deps;
    this.#atomic = atomic(deps.db);
    this.#store = new InvoiceStore(deps.db);
    this.#orders = new PurchasingStore(deps.db);
    this.#outbox = new OutboxWriter(deps.db, deps.storeId);
    this.#refused = deps.metrics?.counter(
      'galley_purchasing_invoice_refused_total',
      'Supplier invoice and payment steps refused (bad request, exception unresolved, over payable, duties kept apart), by code',
      ['code'],
    );
  }

  get(id: number): SupplierInvoiceView {
    const stored = this.#stored(id);
    return invoiceView(stored, this.#order(stored.row.order_id));
  }

  ofOrder(orderId: number): SupplierInvoiceView[] {
    const order = this.#order(orderId);
    return this.#store.idsOfOrder(orderId).map((id) => invoiceView(this.#stored(id), order));
  }

  list(query: SupplierInvoicesQuery): SupplierInvoiceView[] {
    return this.#store.ids(query).map((id) => this.get(id));
  }

  /** The supplier's invoice against an order, matched line by line as it is recorded. */
  record(orderId: number, body: RecordInvoiceRequest, actor: PurchasingActor): SupplierInvoiceView {
    return this.#counting(() => {
      const at = this.#deps.clock.now();
      return this.#atomic(() => {
        const order = this.#order(orderId);
        const { state } = order.row;
        if (state === 'draft' || state === 'cancelled')
          throw new InvoiceError('ILLEGAL_TRANSITION', {
            en: `purchase order #${orderId} is ${state}: invoices are recorded only against a placed order`,
            'zh-CN': `采购订单 #${orderId} 状态为 ${state}：只能对已下单的订单登记发票`,
          });
        const earlier = this.#store.idByNumber(order.row.supplier, body.invoiceNo);
        if (earlier !== undefined)
          throw new InvoiceError(
            'DUPLICATE_INVOICE',
            {
              en: `${order.row.supplier} invoice ${body.invoiceNo} is already recorded as supplier invoice #${earlier}`,
              'zh-CN': `供应商 ${order.row.supplier} 的发票 ${body.invoiceNo} 已登记为 #${earlier}`,
            },
            ['invoiceNo'],
          );
        const tolerances = this.#deps.config().purchasing.matchTolerances;
        const matched = matchInvoice(order, this.#store.invoicedByLine(orderId), body, tolerances);
        const id = this.#store.insert({
          orderId,
          supplier: order.row.supplier,
          invoiceNo: body.invoiceNo,
          invoiceDate: body.invoiceDate,
          currency: order.supplier.currency,
          note: body.note ?? null,
          totals: matched.totals,
          statedGross: matched.statedGross,
          reasons: matched.reasons,
          tolerances,
          suggestedPayable: matched.suggestedPayable,
          payable: matched.within ? matched.statedGross : null,
          status: matched.within ? 'matched' : 'exception',
          lines: matched.lines,
          at,
          by: actor.id,
        });
        this.stats.invoices += 1;
        return this.#emit(id, at);
      });
    });
  }

  /** Finance settles an exception: pay as invoiced, pay the suggested amount, or pay less a debit note. */
  resolve(id: number, body: InvoiceResolutionRequest, actor: PurchasingActor): SupplierInvoiceView {
    return this.#counting(() => {
      const at = this.#deps.clock.now();
      return this.#atomic(() => {
        const { row } = this.#stored(id);
        checkInvoiceTransition(id, row.status, 'resolved');
        const invoiced = new Decimal(row.stated_gross);
        let payable = invoiced;
        if (body.kind === 'short_pay') payable = new Decimal(row.suggested_payable);
        if (body.kind === 'debit_note') {
          const debit = new Decimal(body.debitNote.amount);
          if (debit.gt(invoiced))
            throw new InvoiceError(
              'REQUEST_REFUSED',
              {
                en: `a debit note of ${money(debit)} is more than the ${money(invoiced)} invoiced`,
                'zh-CN': `扣款单金额 ${money(debit)} 超过发票金额 ${money(invoiced)}`,
              },
              ['debitNote', 'amount'],
            );
          payable = invoiced.minus(debit);
        }
        this.#store.resolve(id, {
          kind: body.kind,
          reason: body.reason,
          payable: money(payable),
          debit:
            body.kind === 'debit_note'
              ? { amount: money(new Decimal(body.debitNote.amount)), ref: body.debitNote.ref }
              : null,
          at,
          by: actor.id,
        });
        return this.#emit(id, at);
      });
    });
  }

  /** Finance approves paying the payable; whoever received the goods may not. */
  approve(id: number, body: PaymentApprovalRequest, actor: PurchasingActor): SupplierInvoiceView {
    return this.#counting(() => {
      const at = this.#deps.clock.now();
      return this.#atomic(() => {
        const { row } = this.#stored(id);
        checkInvoiceTransition(id, row.status, 'approved');
        const order = this.#order(row.order_id);
        const received: DutyTaken[] = order.receipts.flatMap((r) => [
          { step: 'receive' as const, by: r.by },
          ...(r.witnessedBy ? [{ step: 'receive' as const, by: r.witnessedBy }] : []),
        ]);
        const breach = segregationBreach(
          received,
          { step: 'approve_payment', by: actor.id },
          {
            en: `supplier invoice #${id} (${row.supplier} ${row.invoice_no})`,
            'zh-CN': `供应商发票 #${id}（${row.supplier} ${row.invoice_no}）`,
          },
        );
        if (breach) throw new PurchasingDutiesSegregated(breach.rule, breach.messages);
        this.#store.approve(id, row.status, at, actor.id, body.note ?? null);
        return this.#emit(id, at);
      });
    });
  }

  /** A payment made on an approved invoice; never more than is still payable. */
  pay(id: number, body: PaymentRequest, actor: PurchasingActor): SupplierInvoiceView {
    return this.#counting(() => {
      const at = this.#deps.clock.now();
      return this.#atomic(() => {
        const stored = this.#stored(id);
        const { row } = stored;
        if (row.status === 'matched' || row.status === 'resolved')
          throw new InvoiceError('ILLEGAL_TRANSITION', {
            en: `supplier invoice #${id} is not approved for payment yet: finance approves it first`,
            'zh-CN': `供应商发票 #${id} 尚未审批付款：须先由财务审批`,
          });
        checkInvoiceTransition(id, row.status, 'paid');
        const payable = new Decimal(row.payable ?? '0');
        const outstanding = payable.minus(paidOf(stored));
        const amount = new Decimal(body.amount);
        if (amount.gt(outstanding))
          throw new InvoiceError(
            'OVER_PAYABLE',
            {
              en: `supplier invoice #${id}: ${money(amount)} is more than the ${money(outstanding)} still payable (payable ${money(payable)})`,
              'zh-CN': `供应商发票 #${id}：${money(amount)} 超过尚应付金额 ${money(outstanding)}（应付 ${money(payable)}）`,
            },
            ['amount'],
          );
        const to = amount.eq(outstanding) ? 'paid' : 'partially_paid';
        checkInvoiceTransition(id, row.status, to);
        const paymentId = this.#store.pay(id, row.status, to, {
          amount: money(amount),
          date: body.date,
          method: body.method,
          reference: body.reference,
          at,
          by: actor.id,
        });
        this.stats.payments += 1;
        const payment: PurchasingPaymentEvent = {
          id: paymentId,
          invoiceId: id,
          orderId: row.order_id,
          supplier: row.supplier,
          currency: row.currency,
          amount: money(amount),
          date: body.date,
          method: body.method,
          reference: body.reference,
          paidTotal: money(payable.minus(outstanding).plus(amount)),
          invoiceStatus: to,
          at,
          by: actor.id,
        };
        this.#outbox.append({ type: 'purchasing.payment', entityId: paymentId, ts: at, payload: payment });
        return this.#emit(id, at);
      });
    });
  }

  #stored(id: number): StoredInvoice {
    const stored = this.#store.get(id);
    if (!stored)
      throw new InvoiceError('INVOICE_NOT_FOUND', {
        en: `no supplier invoice #${id}`,
        'zh-CN': `没有供应商发票 #${id}`,
      });
    return stored;
  }

  #order(id: number): StoredOrder {
    const order = this.#orders.get(id);
    if (!order)
      throw new InvoiceError('INVOICE_NOT_FOUND', {
        en: `no purchase order #${id}`,
        'zh-CN': `没有采购订单 #${id}`,
      });
    return order;
  }

  #emit(id: number, at: number): SupplierInvoiceView {
    const view = this.get(id);
    this.#outbox.append({
      type: 'purchasing.invoice',
      entityId: id,
      ts: at,
      payload: invoiceEvent(view, at),
    });
    return view;
  }

  #counting<T>(work: () => T): T {
    try {
      return work();
    } catch (err) {
      if (err instanceof InvoiceError || err instanceof PurchasingError) {
        this.stats.refused += 1;
        this.#refused?.inc({ code: err.code });
      }
      throw err;
    }
  }
}
