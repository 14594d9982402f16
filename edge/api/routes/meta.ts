import { z } from 'zod';
import { DISPLAY_ROLE } from '../../../shared/roles';
import { openApiRoute } from '../../../shared/server/http/openapi-route';
import { PROMETHEUS_CONTENT_TYPE } from '../../../shared/server/runtime/metrics';
import type { ApiDeps } from '../api-deps';
import { defineRoute, type EdgeRoute } from '../edge-route';

export const HealthResponse = z.object({
  ok: z.boolean(),
  version: z.string(),
  uptimeS: z.number().describe('seconds since the API started'),
  checks: z.record(z.string(), z.boolean()).describe('each part of the edge and whether it works, e.g. db'),
});

type MetaDeps = Pick<ApiDeps, 'metrics' | 'clock' | 'health'> & {
  version: string;
  startedAt: number;
  /** Every mounted route, this module's included, for the API description. */
  allRoutes: () => readonly EdgeRoute[];
};

/** Health, Prometheus metrics and the API description: no auth, for monitors and tools. */
export function metaRoutes(deps: MetaDeps): EdgeRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/healthz',
      summary: 'Liveness and readiness of the edge',
      description: 'Answers 503 with the same body when any check fails.',
      tags: ['meta'],
      access: 'public',
      response: HealthResponse,
      errors: [503],
      handler: ({ reply }) => {
        const checks = deps.health();
        const ok = Object.values(checks).every(Boolean);
        if (!ok) reply.code(503);
        return { ok, version: deps.version, uptimeS: (deps.clock.now() - deps.startedAt) / 1000, checks };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/metrics',
      summary: 'Prometheus metrics (text format 0.0.4)',
      tags: ['meta'],
      access: 'public',
      response: z.string(),
      contentType: PROMETHEUS_CONTENT_TYPE,
      handler: () => deps.metrics.render(),
    }),
    openApiRoute(deps.allRoutes, {
      title: 'Galley edge API',
      version: deps.version,
      description: 'HTTP API of the Galley edge. Generated from the schemas that validate requests.',
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'token from POST /api/session, or a paired display credential (role display)',
        },
      },
      describeAccess: (roles) => {
        const bearer: Record<string, string[]> = { bearer: [] };
        // Board data is readable without a token too (an unpaired display), so its bearer is optional.
        return { security: roles.includes(DISPLAY_ROLE) ? [{}, bearer] : [bearer], roles };
      },
    }),
  ];
}
