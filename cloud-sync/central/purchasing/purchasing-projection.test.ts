import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  PURCHASING_ROUTES,
  type RegionalInvoices,
  type RegionalOrders,
  type RegionalSpend,
} from '../../../shared/central/purchasing-api';
import type { PurchasingPaymentEvent } from '../../../shared/purchasing/invoice-events';
import type { SyncEvent } from '../../../shared/sync/sync-protocol';
import {
  ADMIN_PASSWORD,
  BACKENDS,
  batchOf,
  event,
  http,
  login,
  postBatch,
  releaseSharedPostgres,
  startTestCentral,
  type TestCentral,
} from '../testing/central-test-kit';
import { DAY, FRESH, H, invoice, order, receipt, T } from '../testing/purchasing-fixtures';

afterAll(releaseSharedPostgres, 60_000);

describe.each(BACKENDS)('purchasing at central on %s', (backend) => {
  let central: TestCentral;
  let admin: string;
  const tokens: Record<string, string> = {};

  beforeEach(async () => {
    central = await startTestCentral(backend);
    central.clock.advanceTo(T + 40 * DAY);
    admin = await login(central.url, 'admin', ADMIN_PASSWORD);
    const post = (path: string, body: unknown) => http(`${central.url}${path}`, { token: admin, body });
    await post('/api/admin/regions', { id: 'east', name: '华东区' });
    await post('/api/admin/regions', { id: 'north', name: '华北区' });
    await post('/api/admin/stores', { id: 'sh-001', name: '上海人民广场店', regionId: 'east' });
    await post('/api/admin/stores', { id: 'bj-001', name: '北京国贸店', regionId: 'north' });
    await post('/api/admin/users', {
      username: 'wang',
      password: 'east-pw-1',
      role: 'regional_manager',
      regionId: 'east',
    });
    await post('/api/admin/users', {
      username: 'li',
      password: 'tech-pw-1',
      role: 'technician',
      storeIds: ['sh-001'],
    });
    for (const store of ['sh-001', 'bj-001']) {
      const issued = await http<{ token: string }>(`${central.url}/api/admin/stores/${store}/tokens`, {
        token: admin,
        method: 'POST',
      });
      tokens[store] = issued.body.token;
    }
  });
  afterEach(async () => {
    await central.stop();
  });

  async function sync(storeId: string, events: SyncEvent[]): Promise<void> {
    const answer = await postBatch(central.url, tokens[storeId] ?? '', batchOf(storeId, events));
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }
  const get = <T>(token: string, path: string) => http<T>(`${central.url}${path}`, { token });

  /**
   * Shanghai: order 1 placed, received 4 kg then 6 kg; order 2 placed and waiting. Beijing:
   * order 1 placed, nothing in. Each event as the edge writes it, seq by seq.
   */
  function history(): { sh: SyncEvent[]; bj: SyncEvent[] } {
    const r1 = receipt(1, 1, '4', T + 2 * H);
    const r2 = receipt(2, 1, '6', T + 3 * H);
    const sh = [
      event(1, 'purchasing.order', 1, order(1, 'draft', '0'), T),
      event(2, 'purchasing.order', 1, order(1, 'placed', '0'), T + H),
      event(3, 'purchasing.receipt', 1, r1, T + 2 * H),
      event(4, 'purchasing.order', 1, order(1, 'partially_received', '4', [r1]), T + 2 * H),
      event(5, 'purchasing.receipt', 2, r2, T + 3 * H),
      event(6, 'purchasing.order', 1, order(1, 'received', '10', [r1, r2]), T + 3 * H),
      event(7, 'purchasing.order', 2, order(2, 'placed', '0'), T + 2 * H),
    ];
    const bj = [event(1, 'purchasing.order', 1, order(1, 'placed', '0'), T + H)];
    return { sh, bj };
  }

  it('keeps the latest version of each document: batches delivered three times and out of order change nothing', async () => {
    const { sh, bj } = history();
    // The whole history three times over, then an old version of order 1 again, alone.
    for (let i = 0; i < 3; i++) await sync('sh-001', sh);
    await sync('sh-001', [sh[1] as SyncEvent]);
    await sync('bj-001', bj);

    const db = central.service.central.database.db;
    const receipts = await db
      .withTables<{ purchasing_receipts: { store_id: string; receipt_id: number } }>()
      .selectFrom('purchasing_receipts')
      .select(['store_id', 'receipt_id'])
      .execute();
    expect(receipts.map((r) => [r.store_id, Number(r.receipt_id)]).sort()).toEqual([
      ['sh-001', 1],
      ['sh-001', 2],
    ]);

    const open = await get<RegionalOrders>(admin, `${PURCHASING_ROUTES.orders}?status=open`);
    expect(open.status, JSON.stringify(open.body)).toBe(200);
    expect(open.body.orders.map((o) => [o.storeId, o.orderId, o.state])).toEqual([
      ['bj-001', 1, 'placed'],
      ['sh-001', 2, 'placed'],
    ]);
    const received = await get<RegionalOrders>(admin, `${PURCHASING_ROUTES.orders}?status=received`);
    expect(received.body.orders).toMatchObject([
      {
        storeId: 'sh-001',
        orderId: 1,
        gross: '872.00',
        receivedGross: '872.00',
        linesOutstanding: 0,
        receipts: 2,
      },
    ]);

    // A regional manager sees only the east region; a technician not at all.
    const wang = await login(central.url, 'wang', 'east-pw-1');
    const east = await get<RegionalOrders>(wang, `${PURCHASING_ROUTES.orders}?status=all`);
    expect(east.body.orders.map((o) => [o.storeId, o.orderId])).toEqual([
      ['sh-001', 1],
      ['sh-001', 2],
    ]);
    const li = await login(central.url, 'li', 'tech-pw-1');
    expect((await get(li, PURCHASING_ROUTES.orders)).status).toBe(403);
  });

  it('sums spend per store and supplier exactly: ordered, received, invoiced and paid', async () => {
    const { sh, bj } = history();
    await sync('sh-001', sh);
    await sync('bj-001', bj);
    const payment: PurchasingPaymentEvent = {
      id: 1,
      invoiceId: 2,
      orderId: 1,
      supplier: 'fresh-meat',
      currency: 'CNY',
      amount: '300.01',
      date: '2026-03-05',
      method: 'bank_transfer',
      reference: 'TX-1',
      paidTotal: '300.01',
      invoiceStatus: 'partially_paid',
      at: T + 3 * DAY,
      by: 'fin-qian',
    };
    await sync('sh-001', [
      event(8, 'purchasing.invoice', 1, invoice(1, { status: 'exception', payable: null }), T + DAY),
      event(
        9,
        'purchasing.invoice',
        2,
        invoice(2, { totals: { net: '0.10', vat: '0.01', gross: '0.11' } }),
        T + DAY,
      ),
      event(10, 'purchasing.payment', 1, payment, T + 3 * DAY),
    ]);

    const spend = await get<RegionalSpend>(admin, `${PURCHASING_ROUTES.spend}?from=${T}&to=${T + 10 * DAY}`);
    expect(spend.status).toBe(200);
    expect(spend.body.rows).toEqual([
      expect.objectContaining({
        storeId: 'sh-001',
        supplier: 'fresh-meat',
        supplierName: FRESH,
        currency: 'CNY',
        ordered: '1744.00',
        // 4 kg → 320.00 + 28.80; 6 kg → 480.00 + 43.20: each receipt at the order's price and rate.
        received: '872.00',
        // 893.80 + 0.11, as decimals: a binary float sum would say 893.9099999999999.
        invoiced: '893.91',
        paid: '300.01',
        orders: 2,
        receipts: 2,
      }),
      // East before north, then by store.
      expect.objectContaining({ storeId: 'bj-001', ordered: '872.00', received: '0.00', orders: 1 }),
    ]);
    expect(spend.body.totals).toEqual([
      { currency: 'CNY', ordered: '2616.00', received: '872.00', invoiced: '893.91', paid: '300.01' },
    ]);

    // A range that ends before the second receipt counts only the first.
    const early = await get<RegionalSpend>(admin, `${PURCHASING_ROUTES.spend}?from=${T}&to=${T + 2 * H + 1}`);
    expect(early.body.rows.find((r) => r.storeId === 'sh-001')).toMatchObject({
      ordered: '1744.00',
      received: '348.80',
      receipts: 1,
    });
    const backwards = await get(admin, `${PURCHASING_ROUTES.spend}?from=${T}&to=${T - 1}`);
    expect(backwards.status).toBe(400);

    // Unmatched: the exception; unpaid: the matched one, part paid, overdue 30 days after 3 March.
    const unmatched = await get<RegionalInvoices>(admin, `${PURCHASING_ROUTES.invoices}?status=unmatched`);
    expect(unmatched.body.invoices).toMatchObject([
      { storeId: 'sh-001', invoiceId: 1, unmatched: true, payable: null, outstanding: '893.80' },
    ]);
    const open = await get<RegionalInvoices>(admin, PURCHASING_ROUTES.invoices);
    expect(open.body.invoices.map((i) => [i.invoiceId, i.status, i.dueDate, i.overdue])).toEqual([
      [1, 'exception', '2026-04-02', true],
      [2, 'matched', '2026-04-02', true],
    ]);

    // Paid in full later: it leaves the unpaid list; an older version arriving after changes nothing.
    await sync('sh-001', [
      event(11, 'purchasing.invoice', 2, invoice(2, { status: 'paid', paid: '893.80' }), T + 4 * DAY),
      event(9, 'purchasing.invoice', 2, invoice(2, {}), T + DAY),
    ]);
    const unpaid = await get<RegionalInvoices>(admin, `${PURCHASING_ROUTES.invoices}?status=unpaid`);
    expect(unpaid.body.invoices).toEqual([]);
  });

  it('a purchasing event that does not read is counted and kept as history, never a crash', async () => {
    await sync('sh-001', [
      event(1, 'purchasing.receipt', 1, { id: 1, orderId: 'one' }),
      event(2, 'purchasing.order', 2, order(2, 'placed', '0')),
    ]);
    const all = await get<RegionalOrders>(admin, `${PURCHASING_ROUTES.orders}?status=all`);
    expect(all.body.orders.map((o) => o.orderId)).toEqual([2]);
    expect(central.service.central.ingest.stats.invalidPayloads).toBe(1);
  });
});
