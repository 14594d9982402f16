import { z } from 'zod';
import { RejectionCount } from '../../../shared/rejection-reasons';
import type { ApiDeps } from '../api-deps';
import { defineRoute, type EdgeRoute } from '../edge-route';

export function ingestRoutes(deps: Pick<ApiDeps, 'rejections'>): EdgeRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/ingest/rejections',
      summary: 'Messages the edge refused, counted per client and reason',
      tags: ['ingest'],
      access: 'diagnostics.read',
      response: z.array(RejectionCount),
      handler: () => deps.rejections.list(),
    }),
  ];
}
