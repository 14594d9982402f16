import { z } from 'zod';
import { AssignmentSuggestions, TechnicianList, TicketSla } from '../../../shared/api/technicians';
import { notFound } from '../../../shared/server/http/errors';
import { defineRoute, type EdgeRoute } from '../../api/edge-route';
import { TicketError } from '../tickets/ticket-lifecycle';
import type { TechnicianService } from './technician-service';

const TicketParams = z.object({ ticketId: z.coerce.number().int().positive() });

function answer<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (
      err instanceof TicketError &&
      (err.code === 'TICKET_NOT_FOUND' || err.code === 'TICKET_UNKNOWN_EQUIPMENT')
    )
      throw notFound(err.message);
    throw err;
  }
}

export function techniciansRoutes(deps: { technicians: TechnicianService }): EdgeRoute[] {
  const { technicians } = deps;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/technicians',
      summary: 'Technicians with their skills, the stores they cover, current load and SLA',
      tags: ['technicians'],
      access: 'technicians.read',
      response: TechnicianList,
      handler: () => technicians.list(),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/tickets/:ticketId/assignment-suggestions',
      summary: 'Who to assign: technicians who know the equipment type, by skill, then load',
      tags: ['technicians', 'tickets'],
      access: 'technicians.read',
      params: TicketParams,
      response: AssignmentSuggestions,
      errors: [404],
      handler: ({ params }) => answer(() => technicians.suggestions(params.ticketId)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/tickets/:ticketId/sla',
      summary: "The assigned technician's response and repair deadlines: pending, met or breached",
      tags: ['technicians', 'tickets'],
      access: 'board.read',
      params: TicketParams,
      response: TicketSla,
      errors: [404],
      handler: ({ params }) => answer(() => technicians.sla(params.ticketId)),
    }),
  ];
}
