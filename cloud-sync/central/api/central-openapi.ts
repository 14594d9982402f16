import { buildOpenApiDocument } from '../../../shared/server/http/openapi';
import type { CentralRoute } from './central-route';

const AUTH_ERRORS = {
  '401': { description: 'missing, unknown, expired or revoked token' },
  '403': { description: 'the token may not do this (role, or a store token of another store)' },
};

/**
 * The edge's generator describes central's routes as public (their auth is central's
 * own); this puts the security requirement and the roles back on each operation.
 */
export function buildCentralOpenApi(
  routes: readonly CentralRoute[],
  version: string,
): Record<string, unknown> {
  const doc = buildOpenApiDocument(routes, { title: 'Galley central API', version });
  const info = doc.info as Record<string, unknown>;
  info.description =
    'HTTP API of the Galley central service. People log in with POST /api/session; edge boxes use ' +
    'store tokens (gst_…) on /api/sync/*. A store outside your scope answers 404. Generated from the ' +
    'schemas that validate requests.';
  const components = doc.components as { securitySchemes: Record<string, unknown> };
  components.securitySchemes = {
    bearer: { type: 'http', scheme: 'bearer', description: 'session token from POST /api/session' },
    storeToken: { type: 'http', scheme: 'bearer', description: 'store token gst_<tokenId>.<secret>' },
  };
  const paths = doc.paths as Record<string, Record<string, Record<string, unknown>>>;
  for (const route of routes) {
    if (route.centralAccess === 'public') continue;
    const operation = paths[route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')]?.[route.method.toLowerCase()];
    if (!operation) continue;
    const store = route.centralAccess === 'store';
    operation.security = [store ? { storeToken: [] } : { bearer: [] }];
    if (!store) operation['x-roles'] = route.centralAccess;
    const errorRef = { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } };
    const responses = operation.responses as Record<string, unknown>;
    for (const [status, body] of Object.entries(AUTH_ERRORS))
      responses[status] ??= { ...body, content: errorRef };
  }
  return doc;
}
