import {
  type KdsLineView,
  KdsSetupView,
  KdsTicketView,
  SpeedOfServiceView,
} from '../../../../shared/api/kds';

/** 12:00:00 UTC on a business day: every fixture's clock starts here. */
export const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);

/** A grill (yellow from 5 min, red from 8), a fry station chained on to the grill, and expo. */
export const setupView: KdsSetupView = KdsSetupView.parse({
  businessDate: '2026-01-05',
  businessDayStart: Date.UTC(2026, 0, 4, 20, 0),
  stations: [
    {
      id: 'grill',
      kind: 'prep',
      name: { en: 'Grill', 'zh-CN': '烤台' },
      warnAfterS: 300,
      lateAfterS: 480,
      next: 'expo',
    },
    {
      id: 'fry',
      kind: 'prep',
      name: { en: 'Fry', 'zh-CN': '炸台' },
      warnAfterS: 240,
      lateAfterS: 420,
      next: 'grill',
    },
    { id: 'expo', kind: 'expo', name: { en: 'Expo', 'zh-CN': '出餐口' }, warnAfterS: 600, lateAfterS: 900 },
  ],
  items: [
    { id: 'burger', name: { en: 'Burger', 'zh-CN': '汉堡' } },
    { id: 'fries', name: { en: 'Fries', 'zh-CN': '薯条' } },
    { id: 'steak', name: { en: 'Steak', 'zh-CN': '牛排' } },
    { id: 'combo1', name: { en: 'Burger meal', 'zh-CN': '汉堡套餐' } },
  ],
  modifiers: [
    { id: 'no-onion', name: { en: 'No onion', 'zh-CN': '不要洋葱' }, allergy: false },
    { id: 'no-peanut', name: { en: 'Peanut allergy', 'zh-CN': '花生过敏' }, allergy: true },
  ],
});

export function line(part: Partial<KdsLineView> & Pick<KdsLineView, 'lineId'>): KdsLineView {
  return {
    item: 'burger',
    qty: 1,
    removedQty: 0,
    state: 'cooking',
    course: 1,
    modifiers: [],
    allergy: false,
    changed: false,
    ...part,
  };
}

/** An open grill ticket as `GET /api/kds/tickets` answers it; checked against the contract. */
export function ticket(part: Partial<KdsTicketView> & Pick<KdsTicketView, 'id'>): KdsTicketView {
  return KdsTicketView.parse({
    orderId: part.id * 10,
    orderExternalId: `A${part.id}`,
    source: 'pos-1',
    station: 'grill',
    kind: 'original',
    channel: 'dine_in',
    version: 1,
    businessDate: '2026-01-05',
    createdAt: T0,
    orderVoided: false,
    lines: [line({ lineId: 'l1' })],
    ...part,
  });
}

export const speedView: SpeedOfServiceView = SpeedOfServiceView.parse({
  from: T0 - 12 * 3_600_000,
  to: T0,
  overall: { tickets: 40, averageS: 330, p90S: 545 },
  byStation: [
    { station: 'grill', tickets: 30, averageS: 300, p90S: 500 },
    { station: 'fry', tickets: 10, averageS: null, p90S: null },
  ],
  byChannel: [{ channel: 'delivery', tickets: 12, averageS: 420, p90S: 610 }],
  byHour: [],
  byDay: [],
});

/** localStorage as a plain map, one per test. */
export function memoryStorage(initial: Record<string, string> = {}) {
  const map = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    map,
  };
}
