import { afterEach, beforeEach, expect } from 'vitest';
import type { UnavailableReason } from '../../../../shared/api/menu';
import type { DowntimeCostPayload } from '../../../../shared/central/downtime-events';
import type { KitchenCatalogPayload } from '../../../../shared/sync/kitchen-catalog';
import type { SyncEvent } from '../../../../shared/sync/sync-protocol';
import {
  ADMIN_PASSWORD,
  type Backend,
  batchOf,
  event,
  type HttpAnswer,
  http,
  login,
  postBatch,
  startTestCentral,
  type TestCentral,
} from '../../testing/central-test-kit';

/**
 * The regional stock, 86 and equipment downtime route tests share one world: two stores
 * in two regions with a regional manager each, and what the Shanghai and Beijing stores
 * sync of their stock and menu. Times are of one Monday, T at noon UTC.
 */

export const H = 3_600_000;
export const DAY = 24 * H;
export const T = Date.UTC(2026, 0, 12, 12, 0);

export const fryer = (equipmentId: string, name?: { en: string; 'zh-CN': string }): UnavailableReason => ({
  kind: 'equipment',
  capability: 'fryer',
  units: [{ equipmentId, since: T, ...(name ? { name } : {}) }],
  since: T,
});
export const fryers = (...equipmentIds: string[]): UnavailableReason => ({
  kind: 'equipment',
  capability: 'fryer',
  units: equipmentIds.map((equipmentId) => ({ equipmentId, since: T })),
  since: T,
});

/** One closed episode as the edge prices it; shares are [unit, portions, amount in CNY]. */
export function downtimeCost(
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
export const FRYER_NAME = { en: 'Fryer 1', 'zh-CN': '炸炉 1' };
export const FRIES = { en: 'Fries', 'zh-CN': '薯条' };
export const BURGER = { en: 'Burger', 'zh-CN': '汉堡' };
export const BEEF = { en: 'Beef patty', 'zh-CN': '牛肉饼' };
export const SHANGHAI_CATALOG: KitchenCatalogPayload = {
  menuItems: [
    { id: 'burger', name: BURGER },
    { id: 'fries', name: FRIES },
  ],
  stations: [{ id: 'fry', name: { en: 'Fry', 'zh-CN': '炸区' } }],
  ingredients: [{ id: 'beef', name: BEEF, unit: 'each' }],
  subRecipes: [],
};

/** A central with the two stores, their managers and store tokens, fresh for every test. */
export interface StockRoutesRig {
  readonly url: string;
  /** the admin's session token */
  readonly admin: string;
  sync(storeId: string, events: SyncEvent[]): Promise<void>;
  get<T>(token: string, path: string): Promise<HttpAnswer<T>>;
  off(seq: number, item: string, at: number, reasons: UnavailableReason[], storeId?: string): SyncEvent;
  on(seq: number, item: string, at: number, storeId?: string): SyncEvent;
  /** fries off 2 h and onion rings off 2 h for fryer-1 (3 h together); a burger off for beef since T+4h. */
  syncShanghai(): Promise<void>;
  syncBeijing(): Promise<void>;
}

/** Starts the world before each test of the calling describe and stops it after. */
export function useStockRoutesRig(backend: Backend): StockRoutesRig {
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

  return {
    get url() {
      return central.url;
    },
    get admin() {
      return admin;
    },
    sync,
    get,
    off,
    on,
    syncShanghai,
    syncBeijing,
  };
}
