import {
  DowntimeCostQuery,
  DowntimeCostReport,
  EquipmentDowntimeParams,
  TicketDowntimeParams,
} from '../../../shared/api/downtime';
import { badRequest, notFound } from '../../../shared/server/http/errors';
import { defineRoute, type EdgeRoute } from '../../api/edge-route';
import type { DowntimeService } from './downtime-service';

const HOW =
  "Each episode an item was kept off by equipment is priced when it ends: Σ over its hours (cut at the store's local hour boundaries) of the item's average portions sold per hour at that hour of the week over the last 8 weeks the store was open then × the fraction of the hour × the item's menu price. An episode is shared evenly between the units that were down together.";

export function downtimeRoutes(deps: { downtime: DowntimeService }): EdgeRoute[] {
  const { downtime } = deps;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/equipment/:equipmentId/downtime-cost',
      summary:
        'Sales lost while this unit kept menu items off, per item, over episodes that ended in [from, to)',
      description: HOW,
      tags: ['menu', 'equipment'],
      // Maintainers weigh repair against replace; managers own the money.
      access: 'downtime.costs.read',
      params: EquipmentDowntimeParams,
      querystring: DowntimeCostQuery,
      response: DowntimeCostReport,
      errors: [400, 404],
      handler: ({ params, query }) => {
        if (query.from !== undefined && query.to !== undefined && query.from >= query.to)
          throw badRequest('`from` must be before `to`');
        const report = downtime.equipmentCost(params.equipmentId, query);
        if (!report) throw notFound(`no equipment "${params.equipmentId}"`);
        return report;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/tickets/:ticketId/downtime-cost',
      summary: 'Sales lost while the equipment of this ticket kept menu items off, per item',
      description: `${HOW} A share is recorded against the unit's out-of-service ticket, else its alarm's automatic ticket, else the alarm alone (counted here once the alarm is attached to this ticket).`,
      tags: ['menu', 'tickets'],
      access: 'downtime.costs.read',
      params: TicketDowntimeParams,
      response: DowntimeCostReport,
      errors: [404],
      handler: ({ params }) => {
        const report = downtime.ticketCost(params.ticketId);
        if (!report) throw notFound(`no ticket ${params.ticketId}`);
        return report;
      },
    }),
  ];
}
