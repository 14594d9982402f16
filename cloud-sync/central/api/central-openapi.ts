import type { DescribedAccess, OpenApiOptions } from '../../../shared/server/http/openapi';
import type { CentralAccess } from './central-route';

/** How central's API describes itself: people's sessions and edge boxes' store tokens. */
export function centralOpenApiOptions(version: string): OpenApiOptions<CentralAccess> {
  return {
    title: 'Galley central API',
    version,
    description:
      'HTTP API of the Galley central service. People log in with POST /api/session; edge boxes use ' +
      'store tokens (gst_…) on /api/sync/*. A store outside your scope answers 404. Generated from the ' +
      'schemas that validate requests.',
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', description: 'session token from POST /api/session' },
      storeToken: { type: 'http', scheme: 'bearer', description: 'store token gst_<tokenId>.<secret>' },
    },
    describeAccess: (access): DescribedAccess =>
      access === 'store'
        ? { security: [{ storeToken: [] }] }
        : 'ownStoreToken' in access
          ? { security: [{ storeToken: [] }, { bearer: [] }], roles: access.roles }
          : { security: [{ bearer: [] }], roles: access },
    errorDescriptions: {
      401: 'missing, unknown, expired or revoked token',
      403: 'the token may not do this (role, or a store token of another store)',
    },
  };
}
