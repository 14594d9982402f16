import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_PIN } from '../edge/api/testing/api-fixture';
import { type PurchasingRig, purchasingRig } from '../edge/domains/purchasing/testing/purchasing-rig';
import type { PurchaseOrderView } from '../shared/api/purchasing';

/**
 * Purchase-to-pay at the edge, second slice: approved requests (an ingredient and a spare
 * part) become one order to one supplier with exact totals, the order is placed, and
 * goods come in over two receipts (a rejected quantity, a lot and expiry, a chilled line
 * probed) until it is received, raising stock on hand. Real API, real SQLite file.
 */
describe('purchasing: requests → purchase order → goods receipts', () => {
  let rig: PurchasingRig;
  afterEach(async () => {
    await rig.close();
  });

  /** Beef counted at 3 kg; the purchaser reorders 9.5 kg and 6 m of door gasket, a manager approves both. */
  async function approvedRequests() {
    rig = await purchasingRig();
    const manager = await rig.as('manager');
    const purchaser = await rig.as('purchaser');
    const receiver = await rig.as('receiver');
    const counted = await rig.post('/api/stock/counts', manager, {
      lines: [{ ingredient: 'beef', qty: 3_000 }],
    });
    expect(counted.statusCode).toBe(201);
    const reorder = await rig.post('/api/stock/reorder', purchaser);
    const beefRequest = reorder.json().created[0] as { id: number; qty: number };
    expect(beefRequest.qty).toBe(9_500);
    const approved = await rig.post(`/api/stock/purchase-requests/${beefRequest.id}/transitions`, manager, {
      to: 'approved',
    });
    expect(approved.json().status).toBe('approved');
    const part = rig.parts.requestPurchase(
      { partNumber: 'GSK-WIC-01' },
      { id: 'purchaser-1', role: 'purchaser' },
    );
    rig.parts.transitionPurchase(part.id, { to: 'approved' }, { id: 'manager-1', role: 'manager' });
    return { manager, purchaser, receiver, beefId: beefRequest.id, partId: part.id };
  }

  async function placedOrder(placer: 'purchaser' | 'manager' = 'purchaser') {
    const who = await approvedRequests();
    const headers = who[placer];
    const created = await rig.post('/api/purchase-orders', headers, {
      supplier: 'fresh-meat',
      requests: [
        { kind: 'ingredient', id: who.beefId },
        { kind: 'part', id: who.partId },
      ],
    });
    expect(created.statusCode).toBe(201);
    const order = created.json() as PurchaseOrderView;
    const placed = await rig.post(`/api/purchase-orders/${order.id}/transitions`, headers, { to: 'placed' });
    expect(placed.statusCode).toBe(200);
    return { ...who, order: placed.json() as PurchaseOrderView };
  }

  it('one order from two approved requests, with exact line totals and VAT', async () => {
    const { purchaser, receiver, beefId, partId } = await approvedRequests();
    const created = await rig.post('/api/purchase-orders', purchaser, {
      supplier: 'fresh-meat',
      requests: [
        { kind: 'ingredient', id: beefId },
        { kind: 'part', id: partId },
      ],
    });
    expect(created.statusCode).toBe(201);
    const order = created.json() as PurchaseOrderView;
    expect(order).toMatchObject({
      supplier: 'fresh-meat',
      currency: 'CNY',
      paymentTermsDays: 30,
      state: 'draft',
      createdBy: 'purchaser-1',
      lines: [
        {
          line: 1,
          kind: 'ingredient',
          item: 'beef',
          name: { en: 'Beef', 'zh-CN': '牛肉' },
          qty: '9.5',
          unit: 'kg',
          unitPrice: '82.00',
          taxRatePct: '9',
          net: '779.00',
          vat: '70.11',
          gross: '849.11',
          chilled: true,
          requests: [beefId],
        },
        {
          line: 2,
          kind: 'part',
          item: 'GSK-WIC-01',
          qty: '6',
          unit: 'm',
          net: '213.00',
          vat: '27.69',
          gross: '240.69',
        },
      ],
      totals: { net: '992.00', vat: '97.80', gross: '1089.80' },
    });

    // A request goes on one order only; the receiver may not draft orders at all.
    const again = await rig.post('/api/purchase-orders', purchaser, {
      supplier: 'fresh-meat',
      requests: [{ kind: 'ingredient', id: beefId }],
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().message).toBe(
      `ingredient purchase request #${beefId} is already on purchase order #${order.id}`,
    );
    const byReceiver = await rig.post('/api/purchase-orders', receiver, {
      supplier: 'fresh-meat',
      requests: [{ kind: 'part', id: partId }],
    });
    expect(byReceiver.statusCode).toBe(403);
    expect(byReceiver.json()).toMatchObject({ permission: 'purchase_orders.place' });

    // Nothing is received against a draft.
    const early = await rig.post(`/api/purchase-orders/${order.id}/receipts`, receiver, {
      ref: 'DN-0',
      lines: [{ line: 2, qty: '1' }],
    });
    expect(early.statusCode).toBe(409);

    const placed = await rig.post(`/api/purchase-orders/${order.id}/transitions`, purchaser, {
      to: 'placed',
    });
    expect(placed.json()).toMatchObject({
      state: 'placed',
      placedBy: 'purchaser-1',
      history: [
        { from: null, to: 'draft', by: 'purchaser-1' },
        { from: 'draft', to: 'placed', by: 'purchaser-1' },
      ],
    });
    expect(rig.outbox('purchasing.order').map((e) => (e.payload as PurchaseOrderView).state)).toEqual([
      'draft',
      'placed',
    ]);
  });

  it('partial receipt with a rejection, lot and expiry, then the rest: received, and stock on hand raised', async () => {
    const { receiver, order, beefId, partId } = await placedOrder();
    const gasketBefore = rig.parts.get('GSK-WIC-01').onHand;
    expect(rig.kit.level('beef').onHand).toBe(3_000);

    const first = await rig.post(`/api/purchase-orders/${order.id}/receipts`, receiver, {
      ref: 'DN-1001',
      lines: [
        {
          line: 1,
          qty: '4',
          rejectedQty: '0.5',
          rejectReason: 'torn vacuum pack',
          lot: 'L-20261205',
          expiry: '2026-12-12',
          deliveryTempC: 3.5,
        },
        { line: 2, qty: '2' },
      ],
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      state: 'partially_received',
      lines: [
        { line: 1, receivedQty: '4', rejectedQty: '0.5' },
        { line: 2, receivedQty: '2', rejectedQty: '0' },
      ],
      receipts: [
        {
          ref: 'DN-1001',
          by: 'receiver-1',
          witnessedBy: null,
          lines: [
            {
              line: 1,
              acceptedQty: '4',
              rejectedQty: '0.5',
              rejectReason: 'torn vacuum pack',
              lot: 'L-20261205',
              expiry: '2026-12-12',
              deliveryTempC: 3.5,
            },
            { line: 2, acceptedQty: '2' },
          ],
        },
      ],
    });
    expect(rig.kit.level('beef').onHand).toBe(7_000);
    expect(rig.parts.get('GSK-WIC-01').onHand).toBe(gasketBefore + 2);

    // More than is still to come is refused, naming the line.
    const over = await rig.post(`/api/purchase-orders/${order.id}/receipts`, receiver, {
      ref: 'DN-1002',
      lines: [{ line: 2, qty: '4.5' }],
    });
    expect(over.statusCode).toBe(400);
    expect(over.json().message).toBe('line 2 (GSK-WIC-01): 4.5 m is more than the 4 m still to come');

    // One line twice in a receipt would pass the check twice: refused, naming where.
    const twice = await rig.post(`/api/purchase-orders/${order.id}/receipts`, receiver, {
      ref: 'DN-1002',
      lines: [
        { line: 2, qty: '4' },
        { line: 2, qty: '4' },
      ],
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().issues).toEqual([
      'body.lines.1.line: line 2 is in this receipt twice: give it once with the whole quantity',
    ]);
    expect(rig.parts.get('GSK-WIC-01').onHand).toBe(gasketBefore + 2);

    const rest = await rig.post(`/api/purchase-orders/${order.id}/receipts`, receiver, {
      ref: 'DN-1002',
      lines: [
        { line: 1, qty: '5.5', lot: 'L-20261206', expiry: '2026-12-13', deliveryTempC: 4 },
        { line: 2, qty: '4' },
      ],
    });
    expect(rest.statusCode).toBe(201);
    const received = rest.json() as PurchaseOrderView;
    expect(received.state).toBe('received');
    expect(received.history.map((h) => h.to)).toEqual(['draft', 'placed', 'partially_received', 'received']);
    expect(rig.kit.level('beef').onHand).toBe(12_500);
    expect(rig.parts.get('GSK-WIC-01').onHand).toBe(gasketBefore + 6);
    // The requests it filled are closed, and stock did not move twice for them.
    expect(rig.kit.stock.purchases({ status: 'all', limit: 10 })).toEqual([
      expect.objectContaining({ id: beefId, status: 'received', receivedQty: 9_500 }),
    ]);
    expect(rig.parts.purchaseRequest(partId)).toMatchObject({ status: 'received', receivedQuantity: 6 });
    expect(rig.outbox('purchasing.receipt')).toHaveLength(2);

    // A received order takes no more goods.
    const after = await rig.post(`/api/purchase-orders/${order.id}/receipts`, receiver, {
      ref: 'DN-1003',
      lines: [{ line: 2, qty: '0' }],
    });
    expect(after.statusCode).toBe(409);
  });

  it('a chilled line delivered at 9 °C is refused naming the cold-holding limit and its clause', async () => {
    const { receiver, order } = await placedOrder();
    const warm = await rig.post(`/api/purchase-orders/${order.id}/receipts`, receiver, {
      ref: 'DN-2001',
      lines: [{ line: 1, qty: '9.5', deliveryTempC: 9 }],
    });
    expect(warm.statusCode).toBe(422);
    expect(warm.json().message).toBe(
      'line 1 (beef) delivered at 9 °C, above the cold-holding limit of 5 °C: Cold holding at 5 °C or below (galley-company-standard, clause GCS-1 "Cold holding"): reject it (qty 0, rejectedQty with the reason)',
    );
    expect(warm.json().messages['zh-CN']).toContain('高于冷藏限值 5 °C');
    const unprobed = await rig.post(`/api/purchase-orders/${order.id}/receipts`, receiver, {
      ref: 'DN-2001',
      lines: [{ line: 1, qty: '9.5' }],
    });
    expect(unprobed.statusCode).toBe(422);
    expect(rig.kit.level('beef').onHand).toBe(3_000);
    expect(rig.purchasing.get(order.id).receipts).toEqual([]);

    // Rejecting the warm delivery whole is what the refusal asks for, and is taken.
    const rejected = await rig.post(`/api/purchase-orders/${order.id}/receipts`, receiver, {
      ref: 'DN-2001',
      lines: [{ line: 1, qty: '0', rejectedQty: '9.5', rejectReason: 'delivered at 9 °C', deliveryTempC: 9 }],
    });
    expect(rejected.statusCode).toBe(201);
    expect(rejected.json().lines[0]).toMatchObject({ receivedQty: '0', rejectedQty: '9.5' });
    expect(rig.kit.level('beef').onHand).toBe(3_000);
  });

  it('who placed the order may not receive it alone: refused, audited; a second person’s PIN lets it through', async () => {
    const { manager, order } = await placedOrder('manager');
    const alone = await rig.post(`/api/purchase-orders/${order.id}/receipts`, manager, {
      ref: 'DN-3001',
      lines: [{ line: 2, qty: '6' }],
    });
    expect(alone.statusCode).toBe(403);
    expect(alone.json()).toMatchObject({
      rule: 'orderer_receives_alone',
      message: `purchase order #${order.id}: manager-1 may not do this: whoever ordered goods may not receive them alone: a second person must sign the receipt`,
      messages: {
        'zh-CN': `采购订单 #${order.id}：manager-1 不能执行此操作：下单人不能独自收货，须由第二人共同签收`,
      },
    });
    expect(rig.f.audit.list({ limit: 10 })).toEqual([
      expect.objectContaining({
        userId: 'manager-1',
        action: 'orderer_receives_alone',
        subject: `purchase-order:${order.id}`,
        reason: alone.json().message,
      }),
    ]);

    // Oneself as the witness does not count; staff may not sign a receipt; a wrong PIN is refused.
    const self = await rig.post(`/api/purchase-orders/${order.id}/receipts`, manager, {
      ref: 'DN-3001',
      lines: [{ line: 2, qty: '6' }],
      witness: { user: 'manager-1', pin: TEST_PIN },
    });
    expect(self.json()).toMatchObject({ rule: 'orderer_receives_alone' });
    const staff = await rig.post(`/api/purchase-orders/${order.id}/receipts`, manager, {
      ref: 'DN-3001',
      lines: [{ line: 2, qty: '6' }],
      witness: { user: 'staff-1', pin: TEST_PIN },
    });
    expect(staff.statusCode).toBe(403);
    const wrongPin = await rig.post(`/api/purchase-orders/${order.id}/receipts`, manager, {
      ref: 'DN-3001',
      lines: [{ line: 2, qty: '6' }],
      witness: { user: 'receiver-1', pin: '0000' },
    });
    expect(wrongPin.statusCode).toBe(403);
    expect(rig.purchasing.get(order.id).receipts).toEqual([]);

    const witnessed = await rig.post(`/api/purchase-orders/${order.id}/receipts`, manager, {
      ref: 'DN-3001',
      lines: [{ line: 2, qty: '6' }],
      witness: { user: 'receiver-1', pin: TEST_PIN },
    });
    expect(witnessed.statusCode).toBe(201);
    expect(witnessed.json().receipts[0]).toMatchObject({ by: 'manager-1', witnessedBy: 'receiver-1' });
  });

  it('prints the order as PDF (read back with pdftotext) and CSV, in zh-CN and en', async () => {
    const { purchaser, order } = await placedOrder();
    const text: Record<string, string> = {};
    for (const lang of ['zh-CN', 'en'] as const) {
      const pdf = await rig.get(`/api/purchase-orders/${order.id}.pdf?lang=${lang}`, purchaser);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const file = join(rig.f.dir, `po-${lang}.pdf`);
      writeFileSync(file, pdf.rawPayload);
      text[lang] = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    }
    expect(text['zh-CN']).toContain(`采购订单 PO-${order.id}`);
    expect(text['zh-CN']).toContain('鲜肉供应公司');
    expect(text['zh-CN']).toMatch(/牛肉\s+9\.5\s+kg\s+82\.00\s+9\s+779\.00\s+70\.11\s+849\.11/);
    expect(text['zh-CN']).toMatch(/合计\s+992\.00\s+97\.80\s+1089\.80/);
    expect(text.en).toContain(`Purchase order PO-${order.id}`);
    expect(text.en).toMatch(/Beef\s+9\.5\s+kg\s+82\.00\s+9\s+779\.00\s+70\.11\s+849\.11/);
    expect(text.en).toContain('30 days');

    const csv = await rig.get(`/api/purchase-orders/${order.id}.csv?lang=en`, purchaser);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    const rows = csv.body
      .slice(1)
      .trimEnd()
      .split('\r\n')
      .map((r) => r.split(','));
    const header = rows.find((r) => r[0] === 'Line');
    expect(header).toEqual([
      'Line',
      'Item',
      'Quantity',
      'Unit',
      'Unit price',
      'VAT %',
      'Net',
      'VAT',
      'Total',
      'Received',
    ]);
    expect(rows.find((r) => r[0] === '1')).toEqual([
      '1',
      'Beef',
      '9.5',
      'kg',
      '82.00',
      '9',
      '779.00',
      '70.11',
      '849.11',
      '0',
    ]);
    expect(rows.find((r) => r[0] === 'Totals')?.slice(6, 9)).toEqual(['992.00', '97.80', '1089.80']);
    const zh = await rig.get(`/api/purchase-orders/${order.id}.csv?lang=zh-CN`, purchaser);
    expect(zh.body).toContain('牛肉,9.5,kg,82.00,9,779.00,70.11,849.11');
    expect(zh.body).toContain('价税合计');
  });
});
