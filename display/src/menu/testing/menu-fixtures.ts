import { ItemAvailability } from '../../../../shared/api/menu';
import type { StoreInfo } from '../../../../shared/api/store';

/** 12:00:00 UTC: the fixtures' clock; the screens show times in UTC. */
export const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);
export const at = (hh: number, mm: number) => Date.UTC(2026, 0, 5, hh, mm, 0);

export const USERS: StoreInfo['users'] = [
  { id: 'mgr-li', name: 'Manager Li', role: 'manager', pinLength: 4 },
  { id: 'cook-wu', name: 'Cook Wu', role: 'staff', pinLength: 4 },
];

/** Both fryers out since 12:04: fryer 1 on repair ticket #41, fryer 2 with a critical alarm. */
const fryersDown = {
  kind: 'equipment',
  capability: 'fryer',
  since: at(12, 4),
  units: [
    { equipmentId: 'fryer-1', name: { en: 'Fryer 1', 'zh-CN': '炸炉 1' }, since: at(12, 4), ticketId: 41 },
    {
      equipmentId: 'fryer-2',
      name: { en: 'Fryer 2', 'zh-CN': '炸炉 2' },
      since: at(12, 2),
      alarmId: 7,
      alarmTitle: { en: 'Oil over temperature', 'zh-CN': '油温过高' },
    },
  ],
} as const;

const item = (value: unknown): ItemAvailability => ItemAvailability.parse(value);

/** The demo lunch menu mid-service: fryers down, salad 86'd by hand, buns out, the rest on. */
export function lunchMenu(): ItemAvailability[] {
  return [
    item({
      item: 'shake',
      name: { en: 'Shake', 'zh-CN': '奶昔' },
      available: true,
      reasons: [],
      since: at(9, 0),
    }),
    item({
      item: 'fries',
      name: { en: 'Fries', 'zh-CN': '薯条' },
      available: false,
      reasons: [fryersDown],
      since: at(12, 4),
    }),
    item({
      item: 'salad',
      name: { en: 'Salad', 'zh-CN': '沙拉' },
      available: false,
      reasons: [{ kind: 'manual', by: 'mgr-li', note: 'out of lettuce', since: at(12, 10) }],
      since: at(12, 10),
    }),
    item({
      item: 'nuggets',
      name: { en: 'Nuggets', 'zh-CN': '鸡块' },
      available: false,
      reasons: [fryersDown],
      since: at(12, 4),
    }),
    item({
      item: 'burger',
      name: { en: 'Burger', 'zh-CN': '汉堡' },
      available: false,
      reasons: [{ kind: 'stock', ingredient: 'buns', since: at(12, 20) }],
      since: at(12, 20),
    }),
    item({
      item: 'combo',
      name: { en: 'Combo', 'zh-CN': '套餐' },
      available: false,
      reasons: [fryersDown],
      since: at(12, 4),
    }),
    item({
      item: 'cola',
      name: { en: 'Cola', 'zh-CN': '可乐' },
      available: true,
      reasons: [],
      since: at(9, 0),
    }),
  ];
}

/** Everything on: what the order screens see on a quiet morning. */
export function allOn(): ItemAvailability[] {
  return lunchMenu().map((i) => ({ ...i, available: true, reasons: [] }));
}
