import {
  AlarmFeed,
  AlarmFeedQuery,
  CENTRAL_ROUTES,
  OpenTicketList,
  RegionList,
  StoreDetail,
  StoreParams,
  StoreStateList,
  TicketsQuery,
} from '../../../../shared/central/api';
import { notFound } from '../../../../shared/server/http/errors';
import { scopeOf } from '../../auth/caller';
import type { CentralContext } from '../../central-context';
import { longPollAlarmFeed } from '../../queries/alarm-feed-long-poll';
import { activeAlarms, openTickets } from '../../queries/open-tickets';
import { storeEquipment } from '../../queries/store-equipment';
import { storeStates } from '../../queries/store-states';
import { type CentralRoute, centralRoute, userOf } from '../central-route';
import { EVERYONE } from '../roles';

const OUT_OF_SCOPE = 'no such store in your scope';

/** What people read; every query is filtered by the caller's scope (scopeOf). */
export function readRoutes(
  ctx: Pick<CentralContext, 'database' | 'clock' | 'directory' | 'configs' | 'alarmFeed'>,
): CentralRoute[] {
  const { db } = ctx.database;
  return [
    centralRoute({
      method: 'GET',
      url: CENTRAL_ROUTES.regions,
      summary: 'Regions with at least one store I may see (all regions for admins)',
      tags: ['stores'],
      access: EVERYONE,
      response: RegionList,
      handler: ({ auth: caller }) => ctx.directory.regions(scopeOf(userOf(caller))),
    }),
    centralRoute({
      method: 'GET',
      url: CENTRAL_ROUTES.stores,
      summary: 'My stores with their state: active alarms, open tickets, last heard, config versions',
      tags: ['stores'],
      access: EVERYONE,
      response: StoreStateList,
      handler: ({ auth: caller }) => storeStates(db, scopeOf(userOf(caller)), ctx.clock.now()),
    }),
    centralRoute({
      method: 'GET',
      url: CENTRAL_ROUTES.store,
      summary: 'One store: state, equipment, active alarms, open tickets, config versions',
      description: 'A store outside your scope answers 404, like one that does not exist.',
      tags: ['stores'],
      access: EVERYONE,
      params: StoreParams,
      response: StoreDetail,
      errors: [404],
      handler: async ({ auth: caller, params }) => {
        const scope = scopeOf(userOf(caller));
        const now = ctx.clock.now();
        const [state] = await storeStates(db, scope, now, params.storeId);
        if (!state) throw notFound(OUT_OF_SCOPE);
        return {
          state,
          equipment: await storeEquipment(db, params.storeId),
          activeAlarms: await activeAlarms(db, params.storeId),
          openTickets: await openTickets(db, scope, now, { storeId: params.storeId, limit: 1000 }),
          configVersions: await ctx.configs.list(params.storeId),
        };
      },
    }),
    centralRoute({
      method: 'GET',
      url: CENTRAL_ROUTES.alarms,
      summary: 'Alarm changes across my stores, newest first; poll with ?after=<cursor>',
      description:
        'Long poll: with `after` and `wait=<seconds>` (at most 30) the answer is held until a change ' +
        'in your view arrives, else it is an empty page after `wait` seconds (or at once when this ' +
        'process starts draining); ask again with its cursor.',
      tags: ['alarms'],
      access: EVERYONE,
      querystring: AlarmFeedQuery,
      response: AlarmFeed,
      errors: [404],
      handler: async ({ auth: caller, query, reply }) => {
        const scope = scopeOf(userOf(caller));
        if (query.storeId && !(await ctx.directory.store(query.storeId, scope))) throw notFound(OUT_OF_SCOPE);
        // A caller that hangs up stops its held poll, so it does not keep re-querying for nobody.
        const gone = new AbortController();
        reply.raw.once('close', () => gone.abort());
        const feed = { db, clock: ctx.clock, wakeups: ctx.alarmFeed.wakeups };
        return longPollAlarmFeed(feed, scope, query, gone.signal);
      },
    }),
    centralRoute({
      method: 'GET',
      url: CENTRAL_ROUTES.tickets,
      summary: 'Tickets across my stores (open by default), oldest first, with their ages, filtered',
      description:
        'Filters: storeId, status (open, all), severity, equipmentType, q (free text over store, equipment ' +
        'names in both languages, title, fault, assignee), from/to on when the ticket was opened.',
      tags: ['tickets'],
      access: EVERYONE,
      querystring: TicketsQuery,
      response: OpenTicketList,
      errors: [404],
      handler: async ({ auth: caller, query }) => {
        const scope = scopeOf(userOf(caller));
        if (query.storeId && !(await ctx.directory.store(query.storeId, scope))) throw notFound(OUT_OF_SCOPE);
        return openTickets(db, scope, ctx.clock.now(), query);
      },
    }),
  ];
}
