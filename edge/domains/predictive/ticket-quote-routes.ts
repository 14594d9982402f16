import { z } from 'zod';
import { TicketQuote, TicketQuoteRequest } from '../../../shared/predictive/ticket-quote';
import { forbidden } from '../../../shared/server/http/errors';
import { defineRoute, type EdgeRoute } from '../../api/edge-route';
import type { AssetOutlookService } from './asset-outlook-service';

const TicketParams = z.object({ ticketId: z.coerce.number().int().positive() });

/**
 * A repair quote on a ticket (`tickets.quote`: technicians, managers, the owner). The
 * latest quote on a unit's ticket not yet repaired is "this repair's quote" of its
 * repair-or-replace recommendation; a resolved ticket's quote is repair spend.
 */
export function ticketQuoteRoutes(deps: { outlooks: AssetOutlookService }): EdgeRoute[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/tickets/:ticketId/quote',
      summary: 'Enter a repair quote on a ticket (the latest one counts)',
      description:
        'amount is exact decimal text in yuan with at most 2 decimals. Refused on a verified or closed ticket (409).',
      tags: ['tickets'],
      access: 'tickets.quote',
      params: TicketParams,
      body: TicketQuoteRequest,
      response: TicketQuote,
      status: 201,
      errors: [404, 409],
      handler: ({ params, body, auth }) => {
        const by = auth?.session.userId;
        if (!by) throw forbidden('a quote is signed by a person');
        return deps.outlooks.enterQuote(params.ticketId, body, by);
      },
    }),
  ];
}
