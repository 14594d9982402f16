import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UnavailableReason } from '../../../shared/api/menu';
import {
  type EightySixOverview,
  type EquipmentDowntimeOverview,
  type RegionalStock,
  STOCK_ROUTES,
} from '../../../shared/central/stock-api';
import type { SyncEvent } from '../../../shared/sync/sync-protocol';
import {
  ADMIN_PASSWORD,
  BACKENDS,
  batchOf,
  event,
  http,
  login,
  postBatch,
  startTestCentral,
  stopSharedPostgres,
  type TestCentral,
} from '../testing/central-test-kit';

afterAll(stopSharedPostgres, 60_000);

const H = 3_600_000;
const DAY = 24 * H;
/** On the hour, so the hours of the week line up with the sales of the weeks before. */
const T = Date.UTC(2026, 0, 12, 12, 0);

const fryer = (equipmentId: string, name?: { en: string; 'zh-CN': string }): UnavailableReason => ({
  kind: 'equipment',
  capability: 'fryer',
  units: [{ equipmentId, since: T, ...(name ? { name } : {}) }],
  since: T,
});
const FRYER_NAME = { en: 'Fryer 1', 'zh-CN': '炸炉 1' };

describe.each(BACKENDS)('stock and 86 routes on %s', (backend) => {
  let central: TestCentral;
  let admin: string;
  const storeTokens: Record<string, string> = {};

  beforeEach(async () => {
    central = await startTestCentral(backend);
    central.clock.advanceTo(T + 5 * H);
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
      username: 'zhao',
      password: 'north-pw-1',
      role: 'regional_manager',
      regionId: 'north',
    });
    for (const store of ['sh-001', 'bj-001']) {
      const issued = await http<{ token: string }>(`${central.url}/api/admin/stores/${store}/tokens`, {
        token: admin,
        method: 'POST',
      });
      storeTokens[store] = issued.body.token;
    }
  });
  afterEach(async () => {
    await central.stop();
  });

  async function sync(storeId: string, events: SyncEvent[]): Promise<void> {
    const answer = await postBatch(central.url, storeTokens[storeId] ?? '', batchOf(storeId, events));
    expect(answer.status).toBe(200);
  }
  const get = <T>(token: string, path: string) => http<T>(`${central.url}${path}`, { token });
  const off = (seq: number, item: string, at: number, reasons: UnavailableReason[], storeId = 'sh-001') =>
    event(seq, 'menu.availability', item, { storeId, item, available: false, reasons, at }, at);
  const on = (seq: number, item: string, at: number, storeId = 'sh-001') =>
    event(seq, 'menu.availability', item, { storeId, item, available: true, reasons: [], at }, at);

  /** fries off 2 h and onion rings off 2 h for fryer-1 (3 h together); a burger off for beef since T+4h. */
  async function syncShanghai(withItemSales: boolean): Promise<void> {
    let seq = 0;
    const events: SyncEvent[] = [];
    if (withItemSales) {
      // 4 portions of fries at 12 CNY in each of the two hours, on each of the 4 weeks before.
      for (let week = 1; week <= 4; week++)
        for (const hour of [0, 1]) {
          const placedAt = T + hour * H - week * 7 * DAY + 10 * 60_000;
          events.push(
            event(++seq, 'order.applied', `square:w${week}h${hour}`, {
              source: 'square',
              externalId: `w${week}h${hour}`,
              version: 1,
              status: 'closed',
              channel: 'dine_in',
              businessDate: '2026-01-05',
              placedAt,
              lines: 1,
              portions: 4,
              items: [{ item: 'fries', qty: 4, unitPrice: { currency: 'CNY', amount: 12 } }],
            }),
          );
        }
    }
    events.push(
      event(++seq, 'stock.low', 'beef', { ingredient: 'beef', projected: 400, min: 500, at: T + 4 * H }),
      event(++seq, 'stock.level', 'sale-1', {
        reason: 'sale',
        ref: 'sale-1',
        businessDate: '2026-01-12',
        levels: [
          { ingredient: 'beef', tracked: true, onHand: 380, projected: 380 },
          { ingredient: 'lettuce', tracked: true, onHand: 900, projected: 900 },
        ],
      }),
      off(++seq, 'fries', T, [fryer('fryer-1', FRYER_NAME)]),
      off(++seq, 'onion-rings', T + H, [fryer('fryer-1', FRYER_NAME)]),
      on(++seq, 'fries', T + 2 * H),
      on(++seq, 'onion-rings', T + 3 * H),
      off(++seq, 'burger', T + 4 * H, [{ kind: 'stock', ingredient: 'beef', since: T + 4 * H }]),
    );
    await sync('sh-001', events);
  }

  async function syncBeijing(): Promise<void> {
    await sync('bj-001', [
      off(1, 'fries', T + H, [fryer('fryer-9')], 'bj-001'),
      off(2, 'noodles', T, [{ kind: 'manual', by: 'li', note: 'no noodles delivered', since: T }], 'bj-001'),
    ]);
  }

  it('answers each manager the low ingredients and items 86’d now of their own region only', async () => {
    await syncShanghai(false);
    await syncBeijing();
    const east = await get<RegionalStock>(await login(central.url, 'wang', 'east-pw-1'), STOCK_ROUTES.stock);
    expect(east.status).toBe(200);
    expect(east.body).toEqual({
      stores: [
        {
          storeId: 'sh-001',
          storeName: '上海人民广场店',
          regionId: 'east',
          regionName: '华东区',
          trackedIngredients: 2,
          low: [
            {
              ingredient: 'beef',
              projected: 380,
              min: 500,
              lowSince: T + 4 * H,
              levelAt: expect.any(Number),
            },
          ],
          eightySixed: [
            {
              item: 'burger',
              since: T + 4 * H,
              reasons: [{ kind: 'stock', ingredient: 'beef', since: T + 4 * H }],
            },
          ],
        },
      ],
    });
    const north = await get<RegionalStock>(
      await login(central.url, 'zhao', 'north-pw-1'),
      STOCK_ROUTES.stock,
    );
    expect(north.body.stores.map((s) => s.storeId)).toEqual(['bj-001']);
    expect(north.body.stores[0]?.eightySixed.map((e) => e.item)).toEqual(['noodles', 'fries']);
    expect(north.body.stores[0]?.low).toEqual([]);
  });

  it('lists the 86 episodes of the range per store and item with durations and reasons', async () => {
    await syncShanghai(false);
    await syncBeijing();
    const answer = await get<EightySixOverview>(
      await login(central.url, 'wang', 'east-pw-1'),
      `${STOCK_ROUTES.eightySix}?from=${T - H}&to=${T + 6 * H}`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.stores.map((s) => s.storeId)).toEqual(['sh-001']);
    const items = answer.body.stores[0]?.items ?? [];
    expect(items.map((i) => [i.item, i.offMsInRange])).toEqual([
      ['fries', 2 * H],
      ['onion-rings', 2 * H],
      // still off: from T+4h to now (T+5h) counts
      ['burger', H],
    ]);
    expect(items[0]?.episodes).toEqual([
      { startedAt: T, endedAt: T + 2 * H, durationMs: 2 * H, reasons: [fryer('fryer-1', FRYER_NAME)] },
    ]);
    expect(items[2]?.episodes[0]).toMatchObject({ endedAt: null, durationMs: H });

    const narrow = await get<EightySixOverview>(
      admin,
      `${STOCK_ROUTES.eightySix}?from=${T + 90 * 60_000}&to=${T + 2 * H}`,
    );
    const shanghai = narrow.body.stores.find((s) => s.storeId === 'sh-001');
    expect(shanghai?.items.map((i) => [i.item, i.offMsInRange])).toEqual([
      ['fries', 30 * 60_000],
      ['onion-rings', 30 * 60_000],
    ]);
    const bad = await get(admin, `${STOCK_ROUTES.eightySix}?from=${T}&to=${T - 1}`);
    expect(bad.status).toBe(400);
    const tooLong = await get(admin, `${STOCK_ROUTES.eightySix}?from=${T - 40 * DAY}&to=${T}`);
    expect(tooLong.status).toBe(400);
  });

  it('says no portions are known while the stores send no sales per item', async () => {
    await syncShanghai(false);
    const answer = await get<EquipmentDowntimeOverview>(
      admin,
      `${STOCK_ROUTES.equipmentDowntime}?from=${T - H}&to=${T + 6 * H}`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.itemSalesSynced).toBe(false);
    expect(answer.body.equipment).toEqual([
      {
        storeId: 'sh-001',
        storeName: '上海人民广场店',
        regionId: 'east',
        regionName: '华东区',
        equipmentId: 'fryer-1',
        name: FRYER_NAME,
        capability: 'fryer',
        menuOffMs: 3 * H,
        portions: null,
        money: [],
        items: [
          { item: 'fries', offMs: 2 * H, portions: null, money: [] },
          { item: 'onion-rings', offMs: 2 * H, portions: null, money: [] },
        ],
      },
    ]);
  });

  it('estimates portions and money lost from the item’s sales at those hours in the weeks before', async () => {
    await syncShanghai(true);
    await syncBeijing();
    const answer = await get<EquipmentDowntimeOverview>(
      admin,
      `${STOCK_ROUTES.equipmentDowntime}?from=${T - H}&to=${T + 6 * H}`,
    );
    expect(answer.body.itemSalesSynced).toBe(true);
    // Most menu time first: Beijing's fryer is still down (4 h so far).
    expect(answer.body.equipment.map((e) => e.equipmentId)).toEqual(['fryer-9', 'fryer-1']);
    const [second, first] = answer.body.equipment;
    expect(first).toMatchObject({
      storeId: 'sh-001',
      equipmentId: 'fryer-1',
      menuOffMs: 3 * H,
      portions: 8,
      money: [{ currency: 'CNY', amount: 96 }],
    });
    expect(first?.items).toEqual([
      { item: 'fries', offMs: 2 * H, portions: 8, money: [{ currency: 'CNY', amount: 96 }] },
      // sales per item are synced, and none of these sold at those hours
      { item: 'onion-rings', offMs: 2 * H, portions: 0, money: [] },
    ]);
    // Beijing sends no items: its fryer's cost stays unknown, not zero.
    expect(second).toMatchObject({
      storeId: 'bj-001',
      equipmentId: 'fryer-9',
      name: null,
      menuOffMs: 4 * H,
      portions: null,
    });

    const north = await get<EquipmentDowntimeOverview>(
      await login(central.url, 'zhao', 'north-pw-1'),
      `${STOCK_ROUTES.equipmentDowntime}?from=${T - H}&to=${T + 6 * H}`,
    );
    expect(north.body.equipment.map((e) => e.storeId)).toEqual(['bj-001']);
    expect(north.body.itemSalesSynced).toBe(false);
  });
});
