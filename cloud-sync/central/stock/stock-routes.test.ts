import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UnavailableReason } from '../../../shared/api/menu';
import type { EquipmentDowntimeOverview } from '../../../shared/central/downtime-api';
import type { DowntimeCostPayload } from '../../../shared/central/downtime-events';
import { type EightySixOverview, type RegionalStock, STOCK_ROUTES } from '../../../shared/central/stock-api';
import type { KitchenCatalogPayload } from '../../../shared/sync/kitchen-catalog';
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
const T = Date.UTC(2026, 0, 12, 12, 0);

const fryer = (equipmentId: string, name?: { en: string; 'zh-CN': string }): UnavailableReason => ({
  kind: 'equipment',
  capability: 'fryer',
  units: [{ equipmentId, since: T, ...(name ? { name } : {}) }],
  since: T,
});
const fryers = (...equipmentIds: string[]): UnavailableReason => ({
  kind: 'equipment',
  capability: 'fryer',
  units: equipmentIds.map((equipmentId) => ({ equipmentId, since: T })),
  since: T,
});

/** One closed episode as the edge prices it; shares are [unit, portions, amount in CNY]. */
function downtimeCost(
  seq: number,
  episode: { id: number; item: string; startedAt: number; endedAt: number; priced?: boolean },
  shares: [string, number, number][],
  storeId = 'sh-001',
): SyncEvent {
  const sum = (pick: (s: [string, number, number]) => number) =>
    Math.round(shares.reduce((a, s) => a + pick(s), 0) * 1000) / 1000;
  const payload: DowntimeCostPayload = {
    storeId,
    currency: 'CNY',
    ...episode,
    priced: episode.priced ?? true,
    rateBasis: ['hour-of-week'],
    portionsLost: sum((s) => s[1]),
    amount: { currency: 'CNY', amount: sum((s) => s[2]) },
    shares: shares.map(([equipmentId, portionsLost, amount], i) => ({
      equipmentId,
      ticketId: 40 + i,
      alarmId: null,
      portionsLost,
      amount: { currency: 'CNY', amount },
    })),
  };
  return event(seq, 'downtime.cost', episode.id, payload, episode.endedAt);
}
const FRYER_NAME = { en: 'Fryer 1', 'zh-CN': '炸炉 1' };
const FRIES = { en: 'Fries', 'zh-CN': '薯条' };
const BURGER = { en: 'Burger', 'zh-CN': '汉堡' };
const BEEF = { en: 'Beef patty', 'zh-CN': '牛肉饼' };
const SHANGHAI_CATALOG: KitchenCatalogPayload = {
  menuItems: [
    { id: 'burger', name: BURGER },
    { id: 'fries', name: FRIES },
  ],
  stations: [{ id: 'fry', name: { en: 'Fry', 'zh-CN': '炸区' } }],
  ingredients: [{ id: 'beef', name: BEEF, unit: 'each' }],
  subRecipes: [],
};

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
  async function syncShanghai(): Promise<void> {
    let seq = 0;
    const events: SyncEvent[] = [];
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
    await syncShanghai();
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
              // No catalogue synced yet: the id alone.
              name: null,
              unit: null,
              projected: 380,
              min: 500,
              lowSince: T + 4 * H,
              levelAt: expect.any(Number),
            },
          ],
          eightySixed: [
            {
              item: 'burger',
              name: null,
              since: T + 4 * H,
              reasons: [{ kind: 'stock', ingredient: 'beef', since: T + 4 * H }],
              ingredientNames: {},
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
    await syncShanghai();
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

  it('sums each unit’s share of the episodes the store priced, beside the menu time it cost', async () => {
    await syncShanghai();
    await sync('sh-001', [
      // Two episodes of fryer-1 alone, and one episode of fryer-1 and fryer-2 down together.
      downtimeCost(20, { id: 1, item: 'fries', startedAt: T, endedAt: T + 2 * H }, [['fryer-1', 8, 96]]),
      downtimeCost(21, { id: 2, item: 'onion-rings', startedAt: T + H, endedAt: T + 3 * H }, [
        ['fryer-1', 3.5, 52.5],
      ]),
      off(22, 'wings', T + 3 * H, [fryers('fryer-1', 'fryer-2')]),
      on(23, 'wings', T + 4 * H),
      downtimeCost(24, { id: 3, item: 'wings', startedAt: T + 3 * H, endedAt: T + 4 * H }, [
        ['fryer-1', 2.5, 45.01],
        ['fryer-2', 2.5, 45],
      ]),
      // The menu had no price for it: portions count, money does not.
      downtimeCost(
        25,
        { id: 4, item: 'wings', startedAt: T + 4 * H, endedAt: T + 4 * H + 1, priced: false },
        [['fryer-2', 0.001, 0]],
      ),
      // Ended before the range: not counted.
      downtimeCost(26, { id: 5, item: 'fries', startedAt: T - 3 * H, endedAt: T - 2 * H }, [
        ['fryer-1', 50, 600],
      ]),
    ]);
    // The same episode sent again, later, under a new seq, changes nothing.
    await sync('sh-001', [
      downtimeCost(27, { id: 1, item: 'fries', startedAt: T, endedAt: T + 2 * H }, [['fryer-1', 8, 96]]),
    ]);
    const answer = await get<EquipmentDowntimeOverview>(
      await login(central.url, 'wang', 'east-pw-1'),
      `${STOCK_ROUTES.equipmentDowntime}?from=${T - H}&to=${T + 6 * H}`,
    );
    expect(answer.status).toBe(200);
    const shanghai = {
      storeId: 'sh-001',
      storeName: '上海人民广场店',
      regionId: 'east',
      regionName: '华东区',
    };
    expect(answer.body.equipment).toEqual([
      {
        ...shanghai,
        equipmentId: 'fryer-1',
        name: FRYER_NAME,
        capability: 'fryer',
        menuOffMs: 4 * H,
        costedEpisodes: 3,
        portionsLost: 14,
        money: [{ currency: 'CNY', amount: 193.51 }],
        unpricedEpisodes: 0,
        items: [
          {
            item: 'fries',
            name: null,
            offMs: 2 * H,
            costedEpisodes: 1,
            portionsLost: 8,
            money: [{ currency: 'CNY', amount: 96 }],
            unpricedEpisodes: 0,
          },
          {
            item: 'onion-rings',
            name: null,
            offMs: 2 * H,
            costedEpisodes: 1,
            portionsLost: 3.5,
            money: [{ currency: 'CNY', amount: 52.5 }],
            unpricedEpisodes: 0,
          },
          {
            item: 'wings',
            name: null,
            offMs: H,
            costedEpisodes: 1,
            portionsLost: 2.5,
            money: [{ currency: 'CNY', amount: 45.01 }],
            unpricedEpisodes: 0,
          },
        ],
      },
      {
        ...shanghai,
        equipmentId: 'fryer-2',
        name: null,
        capability: 'fryer',
        menuOffMs: H,
        costedEpisodes: 2,
        portionsLost: 2.501,
        money: [{ currency: 'CNY', amount: 45 }],
        unpricedEpisodes: 1,
        items: [
          {
            item: 'wings',
            name: null,
            offMs: H,
            costedEpisodes: 2,
            portionsLost: 2.501,
            money: [{ currency: 'CNY', amount: 45 }],
            unpricedEpisodes: 1,
          },
        ],
      },
    ]);

    // A range that ends before the first episode was priced: the menu time, and no money yet.
    const early = await get<EquipmentDowntimeOverview>(
      admin,
      `${STOCK_ROUTES.equipmentDowntime}?from=${T}&to=${T + H}`,
    );
    expect(early.body.equipment).toEqual([
      expect.objectContaining({
        equipmentId: 'fryer-1',
        menuOffMs: H,
        costedEpisodes: 0,
        portionsLost: 0,
        money: [],
      }),
    ]);
  });

  it('names ingredients and items as the store’s catalogue does, and leaves the ids it does not name bare', async () => {
    await syncShanghai();
    await syncBeijing();
    await sync('sh-001', [
      event(20, 'store.catalog', 'sh-001', SHANGHAI_CATALOG, T + 4 * H),
      downtimeCost(21, { id: 1, item: 'fries', startedAt: T, endedAt: T + 2 * H }, [['fryer-1', 8, 96]]),
    ]);
    const stock = await get<RegionalStock>(admin, STOCK_ROUTES.stock);
    const shanghai = stock.body.stores.find((s) => s.storeId === 'sh-001');
    expect(shanghai?.low).toEqual([
      expect.objectContaining({ ingredient: 'beef', name: BEEF, unit: 'each' }),
    ]);
    expect(shanghai?.eightySixed).toEqual([
      expect.objectContaining({ item: 'burger', name: BURGER, ingredientNames: { beef: BEEF } }),
    ]);
    // Beijing has sent no catalogue: its items keep their ids.
    const beijing = stock.body.stores.find((s) => s.storeId === 'bj-001');
    expect(beijing?.eightySixed.map((e) => [e.item, e.name])).toEqual([
      ['noodles', null],
      ['fries', null],
    ]);

    const range = `?from=${T - H}&to=${T + 6 * H}`;
    const eightySix = await get<EightySixOverview>(admin, `${STOCK_ROUTES.eightySix}${range}`);
    const items = eightySix.body.stores.find((s) => s.storeId === 'sh-001')?.items ?? [];
    expect(items.map((i) => [i.item, i.name])).toEqual([
      ['fries', FRIES],
      // Not in the catalogue: the id alone.
      ['onion-rings', null],
      ['burger', BURGER],
    ]);
    expect(items[2]?.ingredientNames).toEqual({ beef: BEEF });

    const downtime = await get<EquipmentDowntimeOverview>(admin, `${STOCK_ROUTES.equipmentDowntime}${range}`);
    const fryer1 = downtime.body.equipment.find((e) => e.storeId === 'sh-001' && e.equipmentId === 'fryer-1');
    expect(fryer1?.items.map((i) => [i.item, i.name])).toEqual([
      ['fries', FRIES],
      ['onion-rings', null],
    ]);
  });

  it('answers each manager the downtime of their own region only', async () => {
    await syncShanghai();
    await syncBeijing();
    await sync('sh-001', [
      downtimeCost(20, { id: 1, item: 'fries', startedAt: T, endedAt: T + 2 * H }, [['fryer-1', 8, 96]]),
    ]);
    // Beijing's episode 1 is its own, not Shanghai's.
    await sync('bj-001', [
      downtimeCost(
        3,
        { id: 1, item: 'fries', startedAt: T - H, endedAt: T + H },
        [['fryer-9', 4, 40]],
        'bj-001',
      ),
    ]);
    const range = `${STOCK_ROUTES.equipmentDowntime}?from=${T - H}&to=${T + 6 * H}`;
    const north = await get<EquipmentDowntimeOverview>(await login(central.url, 'zhao', 'north-pw-1'), range);
    expect(north.body.equipment).toEqual([
      expect.objectContaining({
        storeId: 'bj-001',
        equipmentId: 'fryer-9',
        // still off since T+h: to now (T+5h)
        menuOffMs: 4 * H,
        costedEpisodes: 1,
        portionsLost: 4,
        money: [{ currency: 'CNY', amount: 40 }],
      }),
    ]);
    const east = await get<EquipmentDowntimeOverview>(await login(central.url, 'wang', 'east-pw-1'), range);
    expect(east.body.equipment.map((e) => [e.storeId, e.equipmentId, e.portionsLost])).toEqual([
      ['sh-001', 'fryer-1', 8],
    ]);
    const all = await get<EquipmentDowntimeOverview>(admin, range);
    expect(all.body.equipment.map((e) => [e.storeId, e.equipmentId])).toEqual([
      ['bj-001', 'fryer-9'],
      ['sh-001', 'fryer-1'],
    ]);
  });
});
