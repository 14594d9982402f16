import { MaintenanceMetrics, MaintenanceMetricsQuery } from '../../../shared/api/maintenance-metrics';
import { badRequest } from '../../../shared/server/http/errors';
import { defineRoute, type EdgeRoute } from '../../api/edge-route';
import type { MaintenanceMetricsService } from './maintenance-metrics-service';

export function maintenanceMetricsRoutes(deps: { metrics: MaintenanceMetricsService }): EdgeRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/maintenance-metrics',
      summary: 'PM on-time rate and backlog, MTBF, MTTR, first response, repeat repairs, SLA, parts used',
      description:
        'Computed from recorded timestamps over [from, to) (default: the last 30 days), per store, equipment type or equipment.',
      tags: ['metrics'],
      access: 'reports.read',
      querystring: MaintenanceMetricsQuery,
      response: MaintenanceMetrics,
      errors: [400],
      handler: ({ query }) => {
        if (query.from !== undefined && query.to !== undefined && query.from >= query.to)
          throw badRequest('`from` must be before `to`');
        return deps.metrics.compute(query);
      },
    }),
  ];
}
