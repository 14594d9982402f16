import { z } from 'zod';
import {
  AllDayCount,
  KdsActionView,
  KdsBumpBody,
  KdsFireBody,
  KdsSetupView,
  KdsTicketsQuery,
  KdsTicketView,
  SpeedOfServiceView,
} from '../../../shared/api/kds';
import { QueryTime } from '../../../shared/api/query-time';
import { ApiHttpError, badRequest, notFound, unauthorized } from '../../../shared/server/http/errors';
import type { AuthContext } from '../../api/auth';
import { defineRoute, type EdgeRoute } from '../../api/edge-route';
import { KdsError, type KdsService } from './kds-service';
import type { SpeedOfService } from './speed-of-service';

const TicketParams = z.object({ ticketId: z.coerce.number().int().positive() });
const OrderParams = z.object({ orderId: z.coerce.number().int().positive() });
const StationQuery = z.strictObject({ station: z.string().min(1).max(64) });
const SpeedQuery = z.strictObject({
  from: QueryTime.optional().describe("default: the start of the store's business day"),
  to: QueryTime.optional().describe('default: now'),
});

/**
 * Kitchen screens bump without a PIN: the paired station screen (or a person) is the actor.
 * An unpaired board may read the tickets but not act on them: every action names who.
 */
const actorOf = (auth: AuthContext | undefined): string => {
  if (!auth)
    throw unauthorized('bumping, recalling and firing need a paired station screen or a person logged in');
  return auth.session.userId;
};

function answer<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (!(err instanceof KdsError)) throw err;
    switch (err.code) {
      case 'TICKET_NOT_FOUND':
      case 'LINE_NOT_FOUND':
      case 'ORDER_NOT_FOUND':
        throw notFound(err.message);
      case 'STATION_UNKNOWN':
        throw badRequest(err.message);
      case 'NOT_BUMPED':
        throw new ApiHttpError(409, 'not_bumped', err.message);
    }
  }
}

export function kdsRoutes(deps: { kds: KdsService; speed: SpeedOfService }): EdgeRoute[] {
  const { kds } = deps;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/kds/setup',
      summary:
        "The kitchen's stations (with colour thresholds), menu items and modifiers, and the business day",
      tags: ['kds'],
      access: 'kitchen.read',
      response: KdsSetupView,
      handler: () => kds.setup(),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/kds/tickets',
      summary:
        "A station's tickets: open ones in arrival order, or the business day's bumped ones for recall",
      description:
        "`qty` is what is still to make on that ticket; a line waiting to be fired is `pending` (with `firesAt` when it fires by prep time, without while its course is held); a voided line keeps its `lineId` with `qty: 0`. An expo station also gets each prep station's readiness per order.",
      tags: ['kds'],
      access: 'kitchen.read',
      querystring: KdsTicketsQuery,
      response: z.array(KdsTicketView),
      errors: [400],
      handler: ({ query }) => answer(() => kds.tickets(query.station, query.state, query.businessDate)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/kds/tickets/:ticketId',
      summary: 'One kitchen ticket',
      tags: ['kds'],
      access: 'kitchen.read',
      params: TicketParams,
      response: KdsTicketView,
      errors: [404],
      handler: ({ params }) => answer(() => kds.ticket(params.ticketId)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/kds/tickets/:ticketId/actions',
      summary: "Who bumped, recalled or fired what on a ticket, and when (the order's course fires included)",
      tags: ['kds'],
      access: 'kitchen.read',
      params: TicketParams,
      response: z.array(KdsActionView),
      errors: [404],
      handler: ({ params }) => answer(() => kds.actions(params.ticketId)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/kds/tickets/:ticketId/bump',
      summary: 'Bump a ticket (or one line of it) as made',
      description:
        'Without a body the whole ticket; with `{"lineId"}` that line, and the ticket once every line is made. Bumping the last course before a held one fires it. A bumped ticket at a station with `next` appears there. Recorded with who.',
      tags: ['kds'],
      access: 'kitchen.bump',
      params: TicketParams,
      body: KdsBumpBody,
      response: KdsTicketView,
      errors: [404],
      handler: ({ params, body, auth }) =>
        answer(() => kds.bump(params.ticketId, actorOf(auth), body.lineId)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/kds/tickets/:ticketId/recall',
      summary: 'Bring a bumped ticket of any time back on its station (recorded with who)',
      tags: ['kds'],
      access: 'kitchen.bump',
      params: TicketParams,
      response: KdsTicketView,
      errors: [404, 409],
      handler: ({ params, auth }) => answer(() => kds.recall(params.ticketId, actorOf(auth))),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/kds/orders/:orderId/fire',
      summary: 'Fire a held course of an order now',
      tags: ['kds'],
      access: 'kitchen.bump',
      params: OrderParams,
      body: KdsFireBody,
      response: z.object({ released: z.number().int() }),
      errors: [404],
      handler: ({ params, body, auth }) => answer(() => kds.fire(params.orderId, body.course, actorOf(auth))),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/kds/all-day',
      summary: 'All-day counts of a station: per item, portions cooking and waiting',
      tags: ['kds'],
      access: 'kitchen.read',
      querystring: StationQuery,
      response: z.array(AllDayCount),
      errors: [400],
      handler: ({ query }) => answer(() => kds.allDay(query.station)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/kds/speed',
      summary: 'Speed of service: average and p90 ticket time per station, channel, hour and business day',
      tags: ['kds'],
      access: 'kitchen.read',
      querystring: SpeedQuery,
      response: SpeedOfServiceView,
      handler: ({ query }) => deps.speed.summary(query.from ?? kds.businessDayStart(), query.to),
    }),
  ];
}
