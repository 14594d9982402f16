import { afterEach, describe, expect, it } from 'vitest';
import { TEST_PIN } from '../edge/api/testing/api-fixture';
import {
  FRESH_MEAT,
  type PurchasingRig,
  purchasingRig,
} from '../edge/domains/purchasing/testing/purchasing-rig';
import { ReadingsStore } from '../edge/store/readings-store';
import type { PurchaseOrderView } from '../shared/api/purchasing';
import { PurchasingSettings, type ReceivingSettings } from '../shared/config/purchasing';

/**
 * The last receiving rules: a store that wants two signatures on chilled (or every) receipt,
 * and a delivery temperature taken from a telemetry probe's latest reading instead of typed.
 * Real API, real SQLite file; readings written through the edge's own readings store.
 */
describe('purchasing config: receiving rules', () => {
  it('config: receiving rules default to none and 10 min, are strict and bounded', () => {
    expect(PurchasingSettings.parse({}).receiving).toEqual({
      twoPersonSignOff: 'never',
      probeMaxAgeMinutes: 10,
    });
    expect(PurchasingSettings.safeParse({ receiving: { twoPersonSignoff: 'always' } }).success).toBe(false);
    expect(PurchasingSettings.safeParse({ receiving: { twoPersonSignOff: 'sometimes' } }).success).toBe(
      false,
    );
    for (const minutes of [0, 61, 2.5])
      expect(PurchasingSettings.safeParse({ receiving: { probeMaxAgeMinutes: minutes } }).success).toBe(
        false,
      );
    expect(
      PurchasingSettings.parse({ receiving: { probeMaxAgeMinutes: 60 } }).receiving.probeMaxAgeMinutes,
    ).toBe(60);
  });
});

describe('purchasing: two-person sign-off and probe temperatures at receiving', () => {
  let rig: PurchasingRig;
  afterEach(async () => {
    await rig.close();
  });

  /** Beef (chilled, 9.5 kg) and 6 m of door gasket on one order, placed by the purchaser. */
  async function placedOrder(receiving: Partial<ReceivingSettings> = {}) {
    rig = await purchasingRig({ ...FRESH_MEAT, receiving });
    const manager = await rig.as('manager');
    const purchaser = await rig.as('purchaser');
    const receiver = await rig.as('receiver');
    await rig.post('/api/stock/counts', manager, { lines: [{ ingredient: 'beef', qty: 3_000 }] });
    const beef = (await rig.post('/api/stock/reorder', purchaser)).json().created[0] as { id: number };
    await rig.post(`/api/stock/purchase-requests/${beef.id}/transitions`, manager, { to: 'approved' });
    const part = rig.parts.requestPurchase(
      { partNumber: 'GSK-WIC-01' },
      { id: 'purchaser-1', role: 'purchaser' },
    );
    rig.parts.transitionPurchase(part.id, { to: 'approved' }, { id: 'manager-1', role: 'manager' });
    const created = await rig.post('/api/purchase-orders', purchaser, {
      supplier: 'fresh-meat',
      requests: [
        { kind: 'ingredient', id: beef.id },
        { kind: 'part', id: part.id },
      ],
    });
    const order = created.json() as PurchaseOrderView;
    const placed = await rig.post(`/api/purchase-orders/${order.id}/transitions`, purchaser, {
      to: 'placed',
    });
    expect(placed.json().state).toBe('placed');
    return { receiver, order };
  }

  /** A temperature reading of `equipmentId` taken `minutesAgo` before the box's now. */
  function reading(equipmentId: string, tempC: number, minutesAgo: number): number {
    const ts = rig.kit.clock.now() - minutesAgo * 60_000;
    const readings = new ReadingsStore(rig.kit.db, rig.config);
    rig.kit.db.transaction(() => readings.write(equipmentId, ts, { temp_c: tempC }))();
    return ts;
  }

  it('chilled: a receipt with a chilled line needs a second signer; refused alone, audited, in both languages', async () => {
    const { receiver, order } = await placedOrder({ twoPersonSignOff: 'chilled' });
    const alone = await rig.post(`/api/purchase-orders/${order.id}/receipts`, receiver, {
      ref: 'DN-5001',
      lines: [{ line: 1, qty: '9.5', deliveryTempC: 3 }],
    });
    expect(alone.statusCode).toBe(403);
    expect(alone.json()).toMatchObject({
      rule: 'two_person_sign_off',
      message: `purchase order #${order.id}: receiver-1 may not receive this alone: the store requires a second person to sign a goods receipt with chilled goods (line 1 beef): add a witness who may receive, with their PIN`,
      messages: {
        'zh-CN': `采购订单 #${order.id}：receiver-1 不能独自收货：本店规定含冷藏品的收货（第 1 行 beef）须由第二人共同签收，请添加有收货权限的第二签收人及其 PIN`,
      },
    });
    expect(rig.f.audit.list({ limit: 10 })).toEqual([
      expect.objectContaining({
        userId: 'receiver-1',
        action: 'two_person_sign_off',
        subject: `purchase-order:${order.id}`,
        reason: alone.json().message,
      }),
    ]);
    // Oneself as the witness does not count; nothing went on hand.
    const self = await rig.post(`/api/purchase-orders/${order.id}/receipts`, receiver, {
      ref: 'DN-5001',
      lines: [{ line: 1, qty: '9.5', deliveryTempC: 3 }],
      witness: { user: 'receiver-1', pin: TEST_PIN },
    });
    expect(self.json()).toMatchObject({ rule: 'two_person_sign_off' });
    expect(rig.purchasing.get(order.id).receipts).toEqual([]);
    expect(rig.kit.level('beef').onHand).toBe(3_000);

    // Only the gasket (not chilled): one person is enough.
    const gasket = await rig.post(`/api/purchase-orders/${order.id}/receipts`, receiver, {
      ref: 'DN-5002',
      lines: [{ line: 2, qty: '6' }],
    });
    expect(gasket.statusCode).toBe(201);

    const signed = await rig.post(`/api/purchase-orders/${order.id}/receipts`, receiver, {
      ref: 'DN-5001',
      lines: [{ line: 1, qty: '9.5', deliveryTempC: 3 }],
      witness: { user: 'manager-1', pin: TEST_PIN },
    });
    expect(signed.statusCode).toBe(201);
    expect(signed.json()).toMatchObject({ state: 'received' });
    expect(signed.json().receipts[1]).toMatchObject({ by: 'receiver-1', witnessedBy: 'manager-1' });
    expect(rig.kit.level('beef').onHand).toBe(12_500);
  });

  it('always: even a receipt of spare parts needs a second signer', async () => {
    const { receiver, order } = await placedOrder({ twoPersonSignOff: 'always' });
    const alone = await rig.post(`/api/purchase-orders/${order.id}/receipts`, receiver, {
      ref: 'DN-6001',
      lines: [{ line: 2, qty: '6' }],
    });
    expect(alone.statusCode).toBe(403);
    expect(alone.json().message).toContain('the store requires a second person to sign every goods receipt');
    expect(alone.json().messages['zh-CN']).toContain('本店规定所有收货须由第二人共同签收');
    const signed = await rig.post(`/api/purchase-orders/${order.id}/receipts`, receiver, {
      ref: 'DN-6001',
      lines: [{ line: 2, qty: '6' }],
      witness: { user: 'manager-1', pin: TEST_PIN },
    });
    expect(signed.statusCode).toBe(201);
  });

  it('a probe’s fresh reading is the delivery temperature, kept with its probe id and time', async () => {
    const { receiver, order } = await placedOrder();
    const readAt = reading('ric-1', 3.2, 4);
    const probed = await rig.post(`/api/purchase-orders/${order.id}/receipts`, receiver, {
      ref: 'DN-7001',
      lines: [{ line: 1, qty: '9.5', probe: 'ric-1', lot: 'B-7' }],
    });
    expect(probed.statusCode).toBe(201);
    expect(probed.json().receipts[0].lines[0]).toEqual({
      line: 1,
      acceptedQty: '9.5',
      rejectedQty: '0',
      rejectReason: null,
      lot: 'B-7',
      expiry: null,
      deliveryTempC: 3.2,
      probe: { equipmentId: 'ric-1', readingAt: readAt },
    });
    const row = rig.kit.db
      .prepare('SELECT delivery_temp_c, probe_equipment_id, probe_reading_at FROM goods_receipt_lines')
      .get();
    expect(row).toEqual({ delivery_temp_c: 3.2, probe_equipment_id: 'ric-1', probe_reading_at: readAt });
    expect(rig.kit.level('beef').onHand).toBe(12_500);
    expect(rig.outbox('purchasing.receipt')[0]?.payload).toMatchObject({
      lines: [{ probe: { equipmentId: 'ric-1', readingAt: readAt } }],
    });
  });

  it('a stale, missing or unknown probe is refused naming the probe and the age', async () => {
    const { receiver, order } = await placedOrder({ probeMaxAgeMinutes: 10 });
    const post = (probe: string) =>
      rig.post(`/api/purchase-orders/${order.id}/receipts`, receiver, {
        ref: 'DN-8001',
        lines: [{ line: 1, qty: '9.5', probe }],
      });
    reading('ric-1', 3.2, 15);
    const stale = await post('ric-1');
    expect(stale.statusCode).toBe(422);
    expect(stale.json().message).toBe(
      'probe ric-1: its latest temp_c reading is 15 min old, more than the 10 min allowed: probe the delivery again or enter its temperature',
    );
    expect(stale.json().messages['zh-CN']).toBe(
      '探头 ric-1：最新 temp_c 读数已有 15 分钟，超过允许的 10 分钟：请重新测温或手工输入到货温度',
    );
    const missing = await post('wif-1');
    expect(missing.statusCode).toBe(422);
    expect(missing.json().message).toContain('probe wif-1 has no temp_c reading');
    const unknown = await post('no-such-probe');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain('no equipment "no-such-probe"');
    const both = await rig.post(`/api/purchase-orders/${order.id}/receipts`, receiver, {
      ref: 'DN-8001',
      lines: [{ line: 1, qty: '9.5', probe: 'ric-1', deliveryTempC: 3 }],
    });
    expect(both.statusCode).toBe(400);
    expect(rig.purchasing.get(order.id).receipts).toEqual([]);
    expect(rig.purchasing.stats.refused).toBe(3);

    // Exactly at the limit still counts as fresh.
    reading('ric-1', 4.1, 10);
    const atLimit = await post('ric-1');
    expect(atLimit.statusCode).toBe(201);
  });

  it('a warm probe reading meets the chilled limit as an entered one does, and leaves the same food-safety record', async () => {
    const { receiver, order } = await placedOrder();
    reading('ric-1', 7.5, 1);
    const warm = await rig.post(`/api/purchase-orders/${order.id}/receipts`, receiver, {
      ref: 'DN-9001',
      lines: [{ line: 1, qty: '9.5', probe: 'ric-1' }],
    });
    expect(warm.statusCode).toBe(422);
    expect(warm.json().message).toBe(
      'line 1 (beef) delivered at 7.5 °C, above the cold-holding limit of 5 °C: Cold holding at 5 °C or below (galley-company-standard, clause GCS-1 "Cold holding"): reject it (qty 0, rejectedQty with the reason)',
    );
    const rejected = await rig.post(`/api/purchase-orders/${order.id}/receipts`, receiver, {
      ref: 'DN-9001',
      lines: [{ line: 1, qty: '0', rejectedQty: '9.5', rejectReason: 'probed at 7.5 °C', probe: 'ric-1' }],
    });
    expect(rejected.statusCode).toBe(201);
    const records = rig.kit.db
      .prepare(
        "SELECT check_id, value_cc, in_limit FROM food_safety_checks WHERE check_id LIKE 'receiving/%'",
      )
      .all();
    expect(records).toEqual([{ check_id: `receiving/po-${order.id}/line-1`, value_cc: 750, in_limit: 0 }]);
    expect(rig.kit.level('beef').onHand).toBe(3_000);
  });
});
