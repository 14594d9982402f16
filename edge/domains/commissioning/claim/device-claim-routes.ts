import { z } from 'zod';
import {
  DeviceClaimAccept,
  DeviceClaimParams,
  DeviceClaimsQuery,
  DeviceClaimView,
} from '../../../../shared/api/device-claim';
import { ApiHttpError, notFound, unauthorized } from '../../../../shared/server/http/errors';
import { type AuthContext, defineRoute, type EdgeRoute } from '../../../api/edge-route';
import { DeviceClaimError } from './device-claim-errors';
import type { DeviceClaimService } from './device-claim-service';

/**
 * Claims waiting for a technician, and the one tap that accepts (assigning a unit of the
 * config) or rejects one. Listing is a diagnostic; deciding gives a device credentials, so
 * it takes the permission of the people who work on the equipment on site.
 */
export function deviceClaimRoutes(deps: { claims: DeviceClaimService }): EdgeRoute[] {
  const { claims } = deps;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/commissioning/claims',
      summary: 'Devices that claimed credentials with the store claim key (pending by default)',
      description:
        'Serial, model, when first and last seen, the address it came from and what was decided. Never a key or a secret.',
      tags: ['commissioning'],
      access: 'diagnostics.read',
      querystring: DeviceClaimsQuery,
      response: z.array(DeviceClaimView),
      handler: ({ query }) => claims.list(query.state),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/commissioning/claims/:serial/accept',
      summary: 'Accept a claiming device as a unit of the config',
      description:
        'The unit must be in the store config, hold no active credentials and not be claimed by another serial. Its credentials are written to the device at once if it is connected, else when it next connects with the claim key.',
      tags: ['commissioning'],
      access: 'devices.claim',
      params: DeviceClaimParams,
      body: DeviceClaimAccept,
      response: DeviceClaimView,
      errors: [404, 409, 422],
      handler: ({ params, body, auth }) =>
        answer(() => claims.accept(params.serial, body.equipmentId, actorOf(auth))),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/commissioning/claims/:serial/reject',
      summary: 'Reject a claiming device: it is refused from then on until accepted',
      tags: ['commissioning'],
      access: 'devices.claim',
      params: DeviceClaimParams,
      response: DeviceClaimView,
      errors: [404, 409],
      handler: ({ params, auth }) => answer(() => claims.reject(params.serial, actorOf(auth))),
    }),
  ];
}

const actorOf = (auth: AuthContext | undefined): string => {
  if (!auth) throw unauthorized('a claim is decided by a person logged in');
  return auth.session.userId;
};

function answer<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (!(err instanceof DeviceClaimError)) throw err;
    switch (err.code) {
      case 'CLAIM_NOT_FOUND':
        throw notFound(err.message);
      case 'CLAIM_NOT_OPEN':
        throw new ApiHttpError(409, 'not_open', err.message);
      case 'EQUIPMENT_HAS_CREDENTIALS':
        throw new ApiHttpError(409, 'has_credentials', err.message);
      case 'EQUIPMENT_TAKEN':
        throw new ApiHttpError(409, 'taken', err.message);
      case 'EQUIPMENT_UNKNOWN':
        throw new ApiHttpError(422, 'unknown_equipment', err.message);
    }
  }
}
