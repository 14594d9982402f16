import { ItemAvailability } from '../../../../shared/api/menu';
import {
  ReorderSuggestion,
  StockOverview,
  StockPurchaseView,
  VarianceReport,
} from '../../../../shared/api/stock';
import type { StoreInfo } from '../../../../shared/api/store';

/** 12:30 UTC on 2026-01-05: the fixtures' clock; the screens show times in UTC. */
export const NOW = Date.UTC(2026, 0, 5, 12, 30, 0);
export const TODAY = '2026-01-05';
export const YESTERDAY = '2026-01-04';

export const USERS: StoreInfo['users'] = [
  { id: 'mgr-li', name: 'Manager Li', role: 'manager', pinLength: 4 },
  { id: 'cook-wu', name: 'Cook Wu', role: 'staff', pinLength: 4 },
  { id: 'buyer-zhao', name: 'Purchaser Zhao', role: 'purchaser', pinLength: 4 },
];

/** Pack sizes the fake edge knows (the overview does not carry them). */
export const PACKS: Record<string, number> = { 'beef-patty': 5000, bun: 24 };

/** Prices per base unit the fake edge costs purchase requests at; fryer oil has none, like an ingredient gone from the config. */
export const PRICES: Record<string, number> = { 'beef-patty': 0.08, bun: 1.2 };

/**
 * Mid-lunch: beef patties low in the freezer, buns fine in the dry store, lettuce never
 * counted (untracked), fryer oil in ml with a decimal on hand.
 */
export function lunchStock(): StockOverview {
  return StockOverview.parse({
    currency: 'CNY',
    levels: [
      {
        ingredient: 'bun',
        name: { en: 'Bun', 'zh-CN': '面包' },
        baseUnit: 'each',
        location: 'dry-store',
        tracked: true,
        onHand: 96,
        projected: 60,
        min: 48,
        max: 240,
        low: false,
        lowAlerted: false,
        lastCountAt: Date.UTC(2026, 0, 5, 6, 0, 0),
      },
      {
        ingredient: 'beef-patty',
        name: { en: 'Beef patty', 'zh-CN': '牛肉饼' },
        baseUnit: 'g',
        location: 'freezer',
        tracked: true,
        onHand: 5000,
        projected: 3250.5,
        min: 4000,
        max: 20000,
        low: true,
        lowAlerted: true,
        lastCountAt: Date.UTC(2026, 0, 5, 6, 0, 0),
      },
      {
        ingredient: 'lettuce',
        name: { en: 'Lettuce', 'zh-CN': '生菜' },
        baseUnit: 'g',
        location: 'walk-in',
        tracked: false,
        onHand: null,
        projected: null,
        min: null,
        max: null,
        low: false,
        lowAlerted: false,
        lastCountAt: null,
      },
      {
        ingredient: 'fryer-oil',
        name: { en: 'Fryer oil', 'zh-CN': '炸油' },
        baseUnit: 'ml',
        location: 'dry-store',
        tracked: true,
        onHand: 12000,
        projected: 11500,
        min: 5000,
        max: 40000,
        low: false,
        lowAlerted: false,
        lastCountAt: Date.UTC(2026, 0, 5, 6, 0, 0),
      },
    ],
    portions: [
      { item: 'burger', portions: 21, limitedBy: 'beef-patty' },
      { item: 'salad', portions: null, limitedBy: null },
    ],
  });
}

/** The menu's names, as the board reads them. */
export function menuNames(): ItemAvailability[] {
  return [
    { item: 'burger', name: { en: 'Burger', 'zh-CN': '汉堡' } },
    { item: 'salad', name: { en: 'Salad', 'zh-CN': '沙拉' } },
  ].map((i) => ItemAvailability.parse({ ...i, available: true, reasons: [], since: NOW }));
}

const cny = (amount: number) => ({ currency: 'CNY', amount });

/** Today: beef counted short of what the recipes explain, buns not counted at close yet. */
export function todayVariance(): VarianceReport {
  return VarianceReport.parse({
    businessDate: TODAY,
    currency: 'CNY',
    lines: [
      {
        ingredient: 'beef-patty',
        baseUnit: 'g',
        opening: 12000,
        received: 5000,
        closing: 5000,
        actualUsage: 12000,
        theoreticalUsage: 11250,
        variance: 750,
        waste: 300,
        netVariance: 450,
        cost: {
          theoreticalUsage: cny(900),
          variance: cny(60),
          waste: cny(24),
          netVariance: cny(36),
        },
      },
      {
        ingredient: 'bun',
        baseUnit: 'each',
        opening: 100,
        received: 24,
        closing: null,
        actualUsage: null,
        theoreticalUsage: 64,
        variance: null,
        waste: 2,
        netVariance: null,
        cost: { theoreticalUsage: cny(76.8), variance: null, waste: cny(2.4), netVariance: null },
      },
    ],
    totals: { variance: cny(60), waste: cny(26.4), netVariance: cny(36) },
  });
}

export function emptyVariance(businessDate: string): VarianceReport {
  return VarianceReport.parse({
    businessDate,
    currency: 'CNY',
    lines: [],
    totals: { variance: cny(0), waste: cny(0), netVariance: cny(0) },
  });
}

/** Beef below its minimum: three 5 kg boxes back to par; buns already have request #7 open. */
export function suggestions(): ReorderSuggestion[] {
  return [
    {
      ingredient: 'beef-patty',
      projected: 3250.5,
      min: 4000,
      max: 20000,
      need: 16749.5,
      policy: 'up',
      pack: { id: 'box-5kg', size: 5000 },
      packs: 4,
      qty: 20000,
      leadTimeDays: 2,
      openPurchaseRequestId: null,
    },
    {
      ingredient: 'bun',
      projected: 40,
      min: 48,
      max: 240,
      need: 200,
      policy: 'up',
      pack: { id: 'bag-24', size: 24 },
      packs: 9,
      qty: 216,
      leadTimeDays: 1,
      openPurchaseRequestId: 7,
    },
  ].map((s) => ReorderSuggestion.parse(s));
}

export function purchase(
  id: number,
  ingredient: string,
  packs: number,
  packId: string,
  qty: number,
  by: string,
) {
  return StockPurchaseView.parse({
    id,
    ingredient,
    qty,
    packId,
    packs,
    status: 'requested',
    requestedAt: Date.UTC(2026, 0, 5, 9, 15, 0),
    requestedBy: by,
    decidedAt: null,
    decidedBy: null,
    receivedAt: null,
    receivedBy: null,
    receivedQty: null,
    history: [{ from: null, to: 'requested', at: Date.UTC(2026, 0, 5, 9, 15, 0), by, note: null }],
  });
}
