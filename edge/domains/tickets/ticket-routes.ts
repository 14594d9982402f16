import { z } from 'zod';
import {
  ManualTicketRequest,
  type PmOverdueFlag,
  TicketList,
  TicketMetrics,
  TicketMetricsQuery,
  TicketsQuery,
  TicketTransitionRecord,
  TicketTransitionRequest,
  TicketView,
} from '../../../shared/api/tickets';
import { mayDo } from '../../../shared/permissions-table';
import { ApiHttpError, forbidden, notFound } from '../../../shared/server/http/errors';
import type { AuthContext } from '../../api/auth';
import { defineRoute, type EdgeRoute } from '../../api/edge-route';
import { PartsError } from '../parts/parts-errors';
import { partsHttpError } from '../parts/parts-routes';
import { type TicketActor, TicketError } from './ticket-lifecycle';
import type { TicketService } from './ticket-service';

const TicketParams = z.object({ ticketId: z.coerce.number().int().positive() });
const TicketDetail = TicketView.extend({ history: z.array(TicketTransitionRecord) });

function actorOf(auth: AuthContext | undefined): TicketActor {
  const role = auth?.session.role;
  if (!auth || !role || role === 'display' || role === 'pos')
    throw forbidden('the display cannot change tickets');
  return { id: auth.session.userId, role };
}

function asHttpError(err: unknown): unknown {
  if (err instanceof PartsError) return partsHttpError(err); // a resolve's parts leave stock with it
  if (!(err instanceof TicketError)) return err;
  switch (err.code) {
    case 'TICKET_NOT_FOUND':
    case 'TICKET_UNKNOWN_EQUIPMENT':
      return notFound(err.message);
    case 'TICKET_FORBIDDEN':
      return forbidden(err.message);
    case 'TICKET_ILLEGAL_TRANSITION':
      return new ApiHttpError(409, 'illegal_transition', err.message);
    case 'TICKET_UNKNOWN_METER':
      return new ApiHttpError(422, 'unknown_meter', err.message);
  }
}

function answer<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw asHttpError(err);
  }
}

/** What the ticket routes ask of preventive maintenance (absent on a box without it). */
export interface TicketPmFlags {
  overdueFlags(equipmentId: string): PmOverdueFlag[];
}

/** What a ticket's detail adds from elsewhere (the repair quote and repair-or-replace; absent in tests). */
export interface TicketDetailExtras {
  ticketExtras(ticket: TicketView): Pick<TicketView, 'quote' | 'repairOrReplace'>;
}

export function ticketsRoutes(deps: {
  tickets: TicketService;
  maintenance?: TicketPmFlags;
  extras?: TicketDetailExtras;
}): EdgeRoute[] {
  const { tickets, maintenance, extras } = deps;
  /** One lookup per piece of equipment, however many of its tickets are listed. */
  const withPmFlags = (views: TicketView[]): TicketView[] => {
    if (!maintenance) return views;
    const byEquipment = new Map<string, PmOverdueFlag[]>();
    return views.map((view) => {
      let flags = byEquipment.get(view.equipmentId);
      if (!flags) {
        flags = maintenance.overdueFlags(view.equipmentId);
        byEquipment.set(view.equipmentId, flags);
      }
      return { ...view, pmOverdue: flags };
    });
  };
  return [
    defineRoute({
      method: 'GET',
      url: '/api/tickets',
      summary: 'Repair tickets, newest first',
      tags: ['tickets'],
      access: 'board.read',
      querystring: TicketsQuery,
      response: TicketList,
      handler: ({ query }) => withPmFlags(tickets.list(query)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/tickets',
      summary: 'Report a broken machine (manual repair request)',
      description:
        'If the same problem is already open for this equipment, the note joins that ticket instead.',
      tags: ['tickets'],
      access: 'tickets.report',
      body: ManualTicketRequest,
      response: TicketView,
      status: 201,
      errors: [404],
      handler: ({ body, auth }) => answer(() => tickets.report(body, actorOf(auth)).ticket),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/tickets/metrics',
      summary: 'First response, MTTR, MTBF, repeat repairs and open ages',
      tags: ['tickets'],
      access: 'reports.read',
      querystring: TicketMetricsQuery,
      response: TicketMetrics,
      handler: ({ query }) => tickets.metrics(query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/tickets/:ticketId',
      summary: 'One ticket with its telemetry snapshot and full history',
      tags: ['tickets'],
      access: 'board.read',
      params: TicketParams,
      response: TicketDetail,
      errors: [404],
      handler: ({ params, auth }) => {
        const ticket = tickets.get(params.ticketId);
        if (!ticket) throw notFound(`no ticket ${params.ticketId}`);
        const [flagged = ticket] = withPmFlags([ticket]);
        // Quotes and replacement prices are for the maintenance roles, not the wall screen.
        const costs =
          auth && mayDo(auth.session.roles, 'diagnostics.read') ? extras?.ticketExtras(ticket) : undefined;
        return { ...flagged, ...costs, history: tickets.history(ticket.id) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/tickets/:ticketId/transitions',
      summary: 'Move a ticket along its lifecycle',
      tags: ['tickets'],
      access: 'tickets.transition',
      params: TicketParams,
      body: TicketTransitionRequest,
      response: TicketView,
      errors: [403, 404, 409, 422],
      handler: ({ params, body, auth }) =>
        answer(() => tickets.transition(params.ticketId, body, actorOf(auth))),
    }),
  ];
}
