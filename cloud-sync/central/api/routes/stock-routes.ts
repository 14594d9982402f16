import { EquipmentDowntimeOverview } from '../../../../shared/central/downtime-api';
import {
  EIGHTY_SIX_DEFAULT_RANGE_MS,
  EIGHTY_SIX_MAX_RANGE_MS,
  EightySixOverview,
  RegionalRangeQuery,
  RegionalStock,
  STOCK_ROUTES,
} from '../../../../shared/central/stock-api';
import { badRequest } from '../../../../shared/server/http/errors';
import { scopeOf } from '../../auth/caller';
import type { CentralContext } from '../../central-context';
import { eightySixOverview } from '../../stock/eighty-six';
import { equipmentDowntime } from '../../stock/equipment-downtime';
import { regionalStock } from '../../stock/regional-stock';
import { type CentralRoute, centralRoute, userOf } from '../central-route';
import { EVERYONE } from '../roles';

const DAY_MS = 86_400_000;
const RANGE_DAYS = `Default range: the ${EIGHTY_SIX_DEFAULT_RANGE_MS / DAY_MS} days before \`to\` (default now); at most ${EIGHTY_SIX_MAX_RANGE_MS / DAY_MS} days.`;

function rangeOf(query: RegionalRangeQuery, now: number): { from: number; to: number } {
  const to = query.to ?? now;
  const from = query.from ?? to - EIGHTY_SIX_DEFAULT_RANGE_MS;
  if (from >= to) throw badRequest('`from` must be before `to`');
  if (to - from > EIGHTY_SIX_MAX_RANGE_MS)
    throw badRequest(`a range of at most ${EIGHTY_SIX_MAX_RANGE_MS / DAY_MS} days, please`);
  return { from, to };
}

/** 库存与估清 for regional operations: what the stores are short of, their 86s and what equipment cost the menu. */
export function stockRoutes(ctx: Pick<CentralContext, 'database' | 'clock'>): CentralRoute[] {
  const { db } = ctx.database;
  return [
    centralRoute({
      method: 'GET',
      url: STOCK_ROUTES.stock,
      summary: 'What my stores are short of now: low ingredients and items 86’d',
      description:
        'Per store in scope: ingredients whose newest synced projected level is below the minimum of their last ' +
        'low-stock alert (central learns a minimum only from that alert), and items off the menu now with the ' +
        'reasons the store gave and since when. Ingredients and items are named by their ids: names are not synced.',
      tags: ['stock'],
      access: EVERYONE,
      response: RegionalStock,
      handler: async ({ auth: caller }) => regionalStock(db, scopeOf(userOf(caller))),
    }),
    centralRoute({
      method: 'GET',
      url: STOCK_ROUTES.eightySix,
      summary: '86 episodes per store and item, with durations and reasons',
      description:
        'Every time an item went off the menu in the range (or was still off at its start): when, for how long ' +
        '(to now while it lasts) and why, as the store said when it went off; per item the time off inside the ' +
        `range. ${RANGE_DAYS}`,
      tags: ['stock'],
      access: EVERYONE,
      querystring: RegionalRangeQuery,
      response: EightySixOverview,
      errors: [400],
      handler: async ({ auth: caller, query }) => {
        const now = ctx.clock.now();
        const { from, to } = rangeOf(query, now);
        return eightySixOverview(db, scopeOf(userOf(caller)), from, to, now);
      },
    }),
    centralRoute({
      method: 'GET',
      url: STOCK_ROUTES.equipmentDowntime,
      summary: 'Equipment that took items off the menu: time, items, portions and money lost',
      description:
        'Per store and unit: the time at least one item was off the menu because of it and each item’s time off ' +
        '(from the 86s, as the store named the units when the item went off), and the portions and money lost. ' +
        'Those figures are the store’s own, sent in `downtime.cost` once per closed episode: the item’s sales ' +
        'rate at that hour of the week at the store, times the time off, at the store’s menu price; an episode ' +
        'of several units down together is shared between them as the store shared it. Each unit’s shares of ' +
        'the episodes that ended in the range are summed, money per currency; an episode still running is not ' +
        'counted until the store prices it, and an item without a menu price counts portions and no money. ' +
        RANGE_DAYS,
      tags: ['stock'],
      access: EVERYONE,
      querystring: RegionalRangeQuery,
      response: EquipmentDowntimeOverview,
      errors: [400],
      handler: async ({ auth: caller, query }) => {
        const now = ctx.clock.now();
        const { from, to } = rangeOf(query, now);
        return equipmentDowntime(db, scopeOf(userOf(caller)), from, to, now);
      },
    }),
  ];
}
