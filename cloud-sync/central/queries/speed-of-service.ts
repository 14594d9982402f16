import type { TicketTimeSummary } from '../../../shared/api/kds';
import { OrderChannel } from '../../../shared/api/orders';
import type {
  BusinessDayOrders,
  SpeedOfServiceOverview,
  StoreSpeedOfService,
} from '../../../shared/central/speed-of-service-api';
import type { StoreScope } from '../auth/caller';
import type { CentralDb } from '../db/central-db';
import { inScope } from '../db/scope-filter';
import { catalogNames } from './catalog-names';

/**
 * Average and p90 by nearest rank (the smallest time at least 90 % of tickets met), in
 * TypeScript from the rows so SQLite and PostgreSQL answer alike; null without tickets.
 */
export function ticketTimeSummary(times: readonly number[]): TicketTimeSummary {
  if (times.length === 0) return { tickets: 0, averageS: null, p90S: null };
  const sorted = [...times].sort((a, b) => a - b);
  const average = sorted.reduce((sum, t) => sum + t, 0) / sorted.length;
  const p90 = sorted[Math.ceil(0.9 * sorted.length) - 1] ?? null;
  return { tickets: sorted.length, averageS: Math.round(average * 10) / 10, p90S: p90 };
}

/**
 * Ticket times and orders of every store in scope over [from, to): tickets by when they
 * were bumped, orders by when they were placed, grouped by the store's business day.
 * Two queries over the whole scope, merged here, rather than two per store; stations are
 * named from the stores' catalogues.
 */
export async function speedOfService(
  db: CentralDb,
  scope: StoreScope,
  from: number,
  to: number,
): Promise<SpeedOfServiceOverview> {
  const stores = await db
    .selectFrom('stores')
    .innerJoin('regions', 'regions.id', 'stores.region_id')
    .where((eb) => inScope(eb, scope))
    .select(['stores.id', 'stores.name', 'stores.region_id', 'regions.name as region_name'])
    .orderBy('stores.region_id')
    .orderBy('stores.id')
    .execute();
  const tickets = await db
    .selectFrom('kitchen_ticket_times as k')
    .innerJoin('stores', 'stores.id', 'k.store_id')
    .where((eb) => inScope(eb, scope))
    .where('k.bumped_at', '>=', from)
    .where('k.bumped_at', '<', to)
    .where('k.kind', '<>', 'chained')
    .select(['k.store_id', 'k.station', 'k.channel', 'k.ticket_time_s'])
    .execute();
  const orders = await db
    .selectFrom('store_orders as o')
    .innerJoin('stores', 'stores.id', 'o.store_id')
    .where((eb) => inScope(eb, scope))
    .where('o.placed_at', '>=', from)
    .where('o.placed_at', '<', to)
    .where('o.status', '<>', 'voided')
    .groupBy(['o.store_id', 'o.business_date', 'o.channel'])
    .select((eb) => [
      'o.store_id',
      'o.business_date',
      'o.channel',
      eb.fn.countAll<number>().as('orders'),
      eb.fn.sum<number>('o.portions').as('portions'),
    ])
    .execute();

  const names = await catalogNames(
    db,
    tickets.map((t) => t.store_id),
    ['station'],
  );

  const timesOf = new Map<
    string,
    { all: number[]; station: Map<string, number[]>; channel: Map<string, number[]> }
  >();
  for (const row of tickets) {
    if (row.ticket_time_s === null) continue;
    let store = timesOf.get(row.store_id);
    if (!store) {
      store = { all: [], station: new Map(), channel: new Map() };
      timesOf.set(row.store_id, store);
    }
    store.all.push(row.ticket_time_s);
    push(store.station, row.station, row.ticket_time_s);
    if (row.channel !== null) push(store.channel, row.channel, row.ticket_time_s);
  }
  const daysOf = new Map<string, Map<string, BusinessDayOrders>>();
  for (const row of orders) {
    const channel = OrderChannel.safeParse(row.channel);
    if (!channel.success) continue;
    const days = daysOf.get(row.store_id) ?? new Map<string, BusinessDayOrders>();
    daysOf.set(row.store_id, days);
    const day = days.get(row.business_date) ?? {
      businessDate: row.business_date,
      orders: 0,
      portions: 0,
      byChannel: [],
    };
    days.set(row.business_date, day);
    // Both dialects may hand back aggregates as strings or bigints; the answer is plain numbers.
    const counted = { orders: Number(row.orders), portions: Number(row.portions) };
    day.orders += counted.orders;
    day.portions += counted.portions;
    day.byChannel.push({ channel: channel.data, ...counted });
  }

  return {
    from,
    to,
    stores: stores.map((store): StoreSpeedOfService => {
      const times = timesOf.get(store.id);
      const channelOrder = OrderChannel.options;
      return {
        storeId: store.id,
        storeName: store.name,
        regionId: store.region_id,
        regionName: store.region_name,
        overall: ticketTimeSummary(times?.all ?? []),
        byStation: [...(times?.station ?? [])]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([station, t]) => ({
            station,
            name: names.name(store.id, 'station', station),
            ...ticketTimeSummary(t),
          })),
        byChannel: channelOrder.flatMap((channel) => {
          const t = times?.channel.get(channel);
          return t ? [{ channel, ...ticketTimeSummary(t) }] : [];
        }),
        ordersByDay: [...(daysOf.get(store.id)?.values() ?? [])]
          .sort((a, b) => a.businessDate.localeCompare(b.businessDate))
          .map((day) => ({
            ...day,
            byChannel: day.byChannel.sort(
              (a, b) => channelOrder.indexOf(a.channel) - channelOrder.indexOf(b.channel),
            ),
          })),
      };
    }),
  };
}

function push(groups: Map<string, number[]>, key: string, time: number): void {
  const times = groups.get(key);
  if (times) times.push(time);
  else groups.set(key, [time]);
}
