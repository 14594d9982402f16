import { afterEach, describe, expect, it } from 'vitest';
import {
  FRESH_MEAT,
  type PurchasingRig,
  purchasingRig,
} from '../edge/domains/purchasing/testing/purchasing-rig';
import type { PurchaseOrderView } from '../shared/api/purchasing';
import type { SupplierInvoiceView } from '../shared/purchasing/invoice-api';
import { PurchasingInvoiceEvent, PurchasingPaymentEvent } from '../shared/purchasing/invoice-events';

/**
 * Purchase-to-pay at the edge, third slice: the supplier's invoice against a purchase
 * order, matched three ways (order, receipts, invoice) within the store's tolerances;
 * an exception blocks payment until finance resolves it; the receiver may not approve
 * the payment; payments never exceed the payable; the history is append-only.
 * Real API, real SQLite file.
 */

/** The order: beef at ¥80.00 the kg and 9 % VAT, tolerances 2 % on quantity and 3 % on price. */
const BEEF_AT_80 = {
  matchTolerances: { quantityPct: '2', pricePct: '3' },
  suppliers: FRESH_MEAT.suppliers.map((s) => ({
    ...s,
    items: s.items.map((item) => (item.id === 'beef' ? { ...item, unitPrice: '80.00' } : item)),
  })),
};

describe('purchasing: supplier invoices → three-way match → payment', () => {
  let rig: PurchasingRig;
  afterEach(async () => {
    await rig.close();
  });

  /** 10 kg of beef ordered at ¥80.00 by the purchaser; `receivedBy` takes 9.5 kg in. */
  async function receivedOrder(receivedBy: 'receiver' | 'admin' = 'receiver') {
    rig = await purchasingRig(BEEF_AT_80);
    const manager = await rig.as('manager');
    const purchaser = await rig.as('purchaser');
    const finance = await rig.as('finance');
    const receiving = await rig.as(receivedBy);
    expect(
      (await rig.post('/api/stock/counts', manager, { lines: [{ ingredient: 'beef', qty: 2_500 }] }))
        .statusCode,
    ).toBe(201);
    const request = (await rig.post('/api/stock/reorder', purchaser)).json().created[0] as {
      id: number;
      qty: number;
    };
    expect(request.qty).toBe(10_000);
    await rig.post(`/api/stock/purchase-requests/${request.id}/transitions`, manager, { to: 'approved' });
    const created = await rig.post('/api/purchase-orders', purchaser, {
      supplier: 'fresh-meat',
      requests: [{ kind: 'ingredient', id: request.id }],
    });
    const orderId = (created.json() as PurchaseOrderView).id;
    await rig.post(`/api/purchase-orders/${orderId}/transitions`, purchaser, { to: 'placed' });
    const received = await rig.post(`/api/purchase-orders/${orderId}/receipts`, receiving, {
      ref: 'DN-7001',
      lines: [{ line: 1, qty: '9.5', deliveryTempC: 3 }],
    });
    expect(received.statusCode).toBe(201);
    const order = received.json() as PurchaseOrderView;
    expect(order).toMatchObject({
      state: 'partially_received',
      lines: [{ qty: '10', unitPrice: '80.00', taxRatePct: '9', gross: '872.00', receivedQty: '9.5' }],
    });
    return { manager, purchaser, finance, receiving, orderId };
  }

  const beefInvoice = (invoiceNo = 'FM-2026-0042') => ({
    invoiceNo,
    invoiceDate: '2026-12-05',
    statedGross: '893.80',
    lines: [{ line: 1, qty: '10', unitPrice: '82.00' }],
  });

  it('10 kg invoiced against 9.5 kg received is an exception; payment waits for finance; short-pay ¥849.11', async () => {
    const { purchaser, finance, receiving, orderId } = await receivedOrder();
    const recorded = await rig.post(`/api/purchase-orders/${orderId}/invoices`, purchaser, beefInvoice());
    expect(recorded.statusCode).toBe(201);
    const invoice = recorded.json() as SupplierInvoiceView;
    expect(invoice).toMatchObject({
      orderId,
      supplier: 'fresh-meat',
      invoiceNo: 'FM-2026-0042',
      status: 'exception',
      totals: { net: '820.00', vat: '73.80', gross: '893.80' },
      statedGross: '893.80',
      reasons: [],
      suggestedPayable: '849.11',
      payable: null,
      paid: '0.00',
      recordedBy: 'purchaser-1',
      lines: [
        {
          line: 1,
          item: 'beef',
          qty: '10',
          unitPrice: '82.00',
          taxRatePct: '9',
          net: '820.00',
          vat: '73.80',
          gross: '893.80',
          match: {
            orderedQty: '10',
            orderPrice: '80.00',
            receivedQty: '9.5',
            qtyVariance: '0.5',
            qtyVariancePct: '5.26',
            priceVariance: '2',
            priceVariancePct: '2.50',
            within: false,
            suggestedGross: '849.11',
          },
        },
      ],
    });
    // The quantity is the reason, and only it: 2.5 % on price is within the 3 % limit.
    const reasons = invoice.lines[0]?.match.reasons ?? [];
    expect(reasons.map((r) => r.code)).toEqual(['quantity']);
    expect(reasons[0]?.messages).toEqual({
      en: 'line 1 (Beef): invoiced 10 kg but 9.5 kg received and not yet invoiced; 0.5 kg (5.26 %) over, above the 2 % limit',
      'zh-CN': '第 1 行（牛肉）：开票 10 kg，已收货未开票 9.5 kg；多开 0.5 kg（5.26%），超过容差 2%',
    });

    // Payment is refused until finance acts: neither approval nor a payment goes through.
    const early = await rig.post(`/api/supplier-invoices/${invoice.id}/approval`, finance, {});
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({
      error: 'payment_blocked',
      messages: { 'zh-CN': expect.stringContaining('三单匹配异常') },
    });
    const paidEarly = await rig.post(`/api/supplier-invoices/${invoice.id}/payments`, finance, {
      amount: '849.11',
      date: '2026-12-07',
      method: 'bank_transfer',
      reference: 'TX-1',
    });
    expect(paidEarly.statusCode).toBe(409);

    // Only finance (or the owner) resolves; the purchaser and the receiver may not.
    const shortPay = { kind: 'short_pay', reason: '0.5 kg never delivered' };
    expect(
      (await rig.post(`/api/supplier-invoices/${invoice.id}/resolution`, purchaser, shortPay)).statusCode,
    ).toBe(403);
    expect(
      (await rig.post(`/api/supplier-invoices/${invoice.id}/resolution`, receiving, shortPay)).statusCode,
    ).toBe(403);
    const resolved = await rig.post(`/api/supplier-invoices/${invoice.id}/resolution`, finance, shortPay);
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({
      status: 'resolved',
      payable: '849.11',
      outstanding: '849.11',
      resolution: { kind: 'short_pay', reason: '0.5 kg never delivered', by: 'finance-1', debitNote: null },
    });
    const again = await rig.post(`/api/supplier-invoices/${invoice.id}/resolution`, finance, {
      kind: 'accept',
      reason: 'changed my mind',
    });
    expect(again.statusCode).toBe(409);

    const approved = await rig.post(`/api/supplier-invoices/${invoice.id}/approval`, finance, { note: 'ok' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', approval: { by: 'finance-1', note: 'ok' } });

    // Never above the payable; two payments settle it.
    const over = await rig.post(`/api/supplier-invoices/${invoice.id}/payments`, finance, {
      amount: '893.80',
      date: '2026-12-07',
      method: 'bank_transfer',
      reference: 'TX-2',
    });
    expect(over.statusCode).toBe(422);
    expect(over.json().message).toBe(
      `supplier invoice #${invoice.id}: 893.80 is more than the 849.11 still payable (payable 849.11)`,
    );
    const first = await rig.post(`/api/supplier-invoices/${invoice.id}/payments`, finance, {
      amount: '800',
      date: '2026-12-07',
      method: 'bank_transfer',
      reference: 'TX-3',
    });
    expect(first.json()).toMatchObject({ status: 'partially_paid', paid: '800.00', outstanding: '49.11' });
    const rest = await rig.post(`/api/supplier-invoices/${invoice.id}/payments`, finance, {
      amount: '49.11',
      date: '2026-12-08',
      method: 'cash',
      reference: 'R-88',
    });
    expect(rest.statusCode).toBe(201);
    const paid = rest.json() as SupplierInvoiceView;
    expect(paid).toMatchObject({ status: 'paid', paid: '849.11', outstanding: '0.00' });
    expect(paid.payments.map((p) => [p.amount, p.method, p.reference])).toEqual([
      ['800.00', 'bank_transfer', 'TX-3'],
      ['49.11', 'cash', 'R-88'],
    ]);
    expect(paid.history.map((h) => [h.kind, h.from, h.to, h.by])).toEqual([
      ['recorded', null, 'exception', 'purchaser-1'],
      ['resolved', 'exception', 'resolved', 'finance-1'],
      ['approved', 'resolved', 'approved', 'finance-1'],
      ['paid', 'approved', 'partially_paid', 'finance-1'],
      ['paid', 'partially_paid', 'paid', 'finance-1'],
    ]);
    const tooMuch = await rig.post(`/api/supplier-invoices/${invoice.id}/payments`, finance, {
      amount: '0.01',
      date: '2026-12-08',
      method: 'cash',
      reference: 'R-89',
    });
    expect(tooMuch.statusCode).toBe(409);

    // The views: by order, by status.
    expect((await rig.get(`/api/purchase-orders/${orderId}/invoices`, finance)).json()).toEqual([paid]);
    expect((await rig.get('/api/supplier-invoices?status=paid', purchaser)).json()).toEqual([paid]);
    expect((await rig.get('/api/supplier-invoices', finance)).json()).toEqual([]);
    expect((await rig.get('/api/supplier-invoices', receiving)).statusCode).toBe(403);

    // Central hears each change, the payload to its contract.
    const events = rig.outbox('purchasing.invoice').map((e) => PurchasingInvoiceEvent.parse(e.payload));
    expect(events.map((e) => [e.status, e.payable, e.paid])).toEqual([
      ['exception', null, '0.00'],
      ['resolved', '849.11', '0.00'],
      ['approved', '849.11', '0.00'],
      ['partially_paid', '849.11', '800.00'],
      ['paid', '849.11', '849.11'],
    ]);
    expect(events[0]).toMatchObject({
      supplierInvoiceNo: 'FM-2026-0042',
      totals: { gross: '893.80' },
      suggestedPayable: '849.11',
      match: [{ line: 1, item: 'beef', within: false, reasons: ['quantity'] }],
    });
    const payments = rig.outbox('purchasing.payment').map((e) => PurchasingPaymentEvent.parse(e.payload));
    expect(payments.map((p) => [p.amount, p.paidTotal, p.invoiceStatus])).toEqual([
      ['800.00', '800.00', 'partially_paid'],
      ['49.11', '849.11', 'paid'],
    ]);
  });

  it('within tolerance it is ready to pay; the same number twice is refused; invoiced goods are not billed again', async () => {
    const { purchaser, finance, orderId } = await receivedOrder();
    // 9.6 kg against 9.5 received is 1.05 % over (within 2 %); ¥81.50 is 1.875 % above (within 3 %).
    const recorded = await rig.post(`/api/purchase-orders/${orderId}/invoices`, purchaser, {
      invoiceNo: 'FM-1',
      invoiceDate: '2026-12-05',
      statedGross: '852.82',
      lines: [{ line: 1, qty: '9.6', unitPrice: '81.50' }],
    });
    expect(recorded.statusCode).toBe(201);
    expect(recorded.json()).toMatchObject({
      status: 'matched',
      totals: { net: '782.40', vat: '70.42', gross: '852.82' },
      payable: '852.82',
      suggestedPayable: '852.82',
      lines: [{ match: { within: true, reasons: [], qtyVariancePct: '1.05', priceVariancePct: '1.88' } }],
    });
    const twice = await rig.post(`/api/purchase-orders/${orderId}/invoices`, finance, {
      ...beefInvoice('FM-1'),
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().messages['zh-CN']).toContain('FM-1');

    // Everything received is now invoiced: a second invoice for the line has nothing to match.
    const second = await rig.post(`/api/purchase-orders/${orderId}/invoices`, purchaser, {
      invoiceNo: 'FM-2',
      invoiceDate: '2026-12-06',
      statedGross: '89.38',
      lines: [{ line: 1, qty: '1', unitPrice: '82.00' }],
    });
    expect(second.json()).toMatchObject({
      status: 'exception',
      suggestedPayable: '0.00',
      lines: [{ match: { receivedQty: '0', qtyVariancePct: null, within: false } }],
    });

    // A stated total that is not the lines' is an exception of its own.
    const wrongTotal = await rig.post(`/api/purchase-orders/${orderId}/invoices`, purchaser, {
      invoiceNo: 'FM-3',
      invoiceDate: '2026-12-06',
      statedGross: '100.00',
      lines: [{ line: 1, qty: '0.001', unitPrice: '80.00' }],
    });
    expect(wrongTotal.json()).toMatchObject({
      status: 'exception',
      reasons: [
        {
          code: 'total',
          messages: { en: 'the invoice states 100.00 in total, its lines come to 0.09 with VAT recomputed' },
        },
      ],
    });

    // Bad input is refused with its reason, never a crash.
    const bad = await rig.post(`/api/purchase-orders/${orderId}/invoices`, purchaser, {
      ...beefInvoice('FM-4'),
      lines: [{ line: 9, qty: '1', unitPrice: '82.00' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe(`purchase order #${orderId} has no line 9`);
    const floaty = await rig.post(`/api/purchase-orders/${orderId}/invoices`, purchaser, {
      ...beefInvoice('FM-5'),
      statedGross: 893.8,
    });
    expect(floaty.statusCode).toBe(400);
    expect((await rig.get('/api/purchase-orders/999/invoices', finance)).statusCode).toBe(404);
    // Refusals the rules make are counted (the duplicate number and the unknown line).
    expect(rig.invoices.stats).toMatchObject({ invoices: 3, refused: 2 });
  });

  it('who received the goods may not approve paying for them: refused, audited; a debit note sets the payable', async () => {
    const { purchaser, finance, receiving: admin, orderId } = await receivedOrder('admin');
    const invoice = (
      await rig.post(`/api/purchase-orders/${orderId}/invoices`, purchaser, beefInvoice())
    ).json() as SupplierInvoiceView;
    const debit = await rig.post(`/api/supplier-invoices/${invoice.id}/resolution`, admin, {
      kind: 'debit_note',
      reason: '0.5 kg short',
      debitNote: { amount: '44.69', ref: 'DBN-7' },
    });
    expect(debit.json()).toMatchObject({
      status: 'resolved',
      payable: '849.11',
      resolution: { kind: 'debit_note', debitNote: { amount: '44.69', ref: 'DBN-7' }, by: 'admin-1' },
    });

    const byReceiver = await rig.post(`/api/supplier-invoices/${invoice.id}/approval`, admin, {});
    expect(byReceiver.statusCode).toBe(403);
    expect(byReceiver.json()).toMatchObject({
      rule: 'receiver_approves_payment',
      message: `supplier invoice #${invoice.id} (fresh-meat FM-2026-0042): admin-1 may not do this: whoever received the goods may not approve paying for them: someone else must`,
      messages: {
        'zh-CN': `供应商发票 #${invoice.id}（fresh-meat FM-2026-0042）：admin-1 不能执行此操作：收货人不能审批该笔付款，须由他人审批`,
      },
    });
    expect(rig.f.audit.list({ limit: 10 })).toEqual([
      expect.objectContaining({
        userId: 'admin-1',
        action: 'receiver_approves_payment',
        subject: `supplier-invoice:${invoice.id}`,
        reason: byReceiver.json().message,
      }),
    ]);
    expect((await rig.get(`/api/supplier-invoices/${invoice.id}`, finance)).json().status).toBe('resolved');
    const approved = await rig.post(`/api/supplier-invoices/${invoice.id}/approval`, finance, {});
    expect(approved.json()).toMatchObject({ status: 'approved', approval: { by: 'finance-1' } });

    // The history is append-only in the database itself, not only in the code.
    expect(() => rig.kit.db.prepare('UPDATE invoice_events SET by = ?').run('someone')).toThrow(
      /append-only/,
    );
    expect(() => rig.kit.db.prepare('DELETE FROM supplier_invoice_lines').run()).toThrow(/append-only/);
    expect(() =>
      rig.kit.db.prepare("UPDATE supplier_invoices SET payable = '893.80' WHERE id = ?").run(invoice.id),
    ).toThrow(/keeps what was recorded/);
  });
});
