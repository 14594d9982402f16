import { CentralRole } from '../../../shared/central/api';
import {
  InvoicesQuery,
  OrdersQuery,
  PURCHASING_ROUTES,
  RegionalInvoices,
  RegionalOrders,
  RegionalSpend,
  SPEND_DEFAULT_RANGE_MS,
  SPEND_MAX_RANGE_MS,
  SpendQuery,
} from '../../../shared/central/purchasing-api';
import { badRequest } from '../../../shared/server/http/errors';
import { type CentralRoute, centralRoute, userOf } from '../api/central-route';
import { scopeOf } from '../auth/caller';
import type { CentralContext } from '../central-context';
import { regionalInvoices } from './purchasing-invoices';
import { regionalOrders } from './purchasing-orders';
import { regionalSpend } from './purchasing-spend';

const DAY_MS = 86_400_000;

/**
 * Who reads what the stores buy and owe: everyone at central but the technicians, who
 * are assigned stores to repair, not their money. Roles added later (a regional
 * purchaser, finance) read it too.
 */
export const PURCHASING_READERS: readonly CentralRole[] = CentralRole.options.filter(
  (r) => r !== 'technician',
);

function rangeOf(query: SpendQuery, now: number): { from: number; to: number } {
  const to = query.to ?? now;
  const from = query.from ?? to - SPEND_DEFAULT_RANGE_MS;
  if (from >= to) throw badRequest('`from` must be before `to`');
  if (to - from > SPEND_MAX_RANGE_MS)
    throw badRequest(`a range of at most ${SPEND_MAX_RANGE_MS / DAY_MS} days, please`);
  return { from, to };
}

/** 采购 for regional operations: spend, open purchase orders and invoices that need finance. */
export function purchasingRoutes(ctx: Pick<CentralContext, 'database' | 'clock'>): CentralRoute[] {
  const { db } = ctx.database;
  return [
    centralRoute({
      method: 'GET',
      url: PURCHASING_ROUTES.spend,
      summary: 'Spend per store and supplier: ordered, received, invoiced and paid',
      description:
        'Per store in scope, supplier and currency over [from, to): the gross of orders placed (not cancelled), ' +
        'the gross value of goods accepted at the order’s prices and VAT rates, invoices by invoice date and ' +
        'payments by payment date (UTC days), as exact decimal text; totals per currency. Default range: the ' +
        `${SPEND_DEFAULT_RANGE_MS / DAY_MS} days before \`to\` (default now); at most ${SPEND_MAX_RANGE_MS / DAY_MS} days.`,
      tags: ['purchasing'],
      access: PURCHASING_READERS,
      querystring: SpendQuery,
      response: RegionalSpend,
      errors: [400],
      handler: async ({ auth: caller, query }) => {
        const { from, to } = rangeOf(query, ctx.clock.now());
        return regionalSpend(db, scopeOf(userOf(caller)), from, to);
      },
    }),
    centralRoute({
      method: 'GET',
      url: PURCHASING_ROUTES.orders,
      summary: 'Purchase orders of my stores; by default the open ones',
      description:
        'Each order as its store last synced it (`purchasing.order`), oldest placed first: `open` is placed or ' +
        'partially received, still waiting on goods; with the gross accepted so far and the lines still to come.',
      tags: ['purchasing'],
      access: PURCHASING_READERS,
      querystring: OrdersQuery,
      response: RegionalOrders,
      errors: [400],
      handler: async ({ auth: caller, query }) => regionalOrders(db, scopeOf(userOf(caller)), query),
    }),
    centralRoute({
      method: 'GET',
      url: PURCHASING_ROUTES.invoices,
      summary: 'Supplier invoices that need finance: match exceptions and unpaid',
      description:
        '`unmatched`: a three-way match exception not resolved (payment blocked); `unpaid`: ready to pay or ' +
        'approved and not paid in full; `open` (default): both. Each with what is still owed, its due date ' +
        '(invoice date + the order’s payment terms) and whether it is overdue by central’s clock; unmatched ' +
        'first, then overdue, then oldest.',
      tags: ['purchasing'],
      access: PURCHASING_READERS,
      querystring: InvoicesQuery,
      response: RegionalInvoices,
      errors: [400],
      handler: async ({ auth: caller, query }) =>
        regionalInvoices(db, scopeOf(userOf(caller)), query, ctx.clock.now()),
    }),
  ];
}
