import { z } from 'zod';
import { rolesWith } from '../../../shared/permissions-table';
import { DISPLAY_ROLE, POS_ROLE } from '../../../shared/roles';
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
        basic: {
          type: 'http',
          scheme: 'basic',
          description: 'an integration client of the store config (a POS): its username and secret',
        },
      },
      errorDescriptions: {
        403:
          'none of the roles held grants the permission this needs (`x-permission`): the body names it ' +
          '(`permission`), the roles that have it (`allowedRoles`) and says so in both languages (`messages`); ' +
          'or a duty kept apart (`rule`, e.g. requester_approves). Every refusal is in GET /api/access-audit',
      },
      describeAccess: (permission) => {
        const bearer: Record<string, string[]> = { bearer: [] };
        const basic: Record<string, string[]> = { basic: [] };
        const roles = rolesWith(permission);
        // Board data is readable without a token too (an unpaired display), so its bearer is optional;
        // what a POS may call it calls with its HTTP Basic credentials.
        const security = [
          ...(roles.includes(DISPLAY_ROLE) ? [{}] : []),
          bearer,
          ...(roles.includes(POS_ROLE) ? [basic] : []),
        ];
        return { security, roles, permission };
      },
    }),
  ];
}
