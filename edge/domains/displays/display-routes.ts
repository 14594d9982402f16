import { z } from 'zod';
import {
  DisplayId,
  DisplayList,
  DisplayPaired,
  DisplaySelf,
  PairingClaim,
  PairingClaimRequest,
  PairingConfirmed,
  PairingConfirmParams,
  PairingConfirmRequest,
  PairingStarted,
  PairingTicketRequest,
} from '../../../shared/api/displays';
import { heldRoles } from '../../../shared/roles';
import { ApiHttpError, notFound } from '../../../shared/server/http/errors';
import type { Logger } from '../../../shared/server/runtime/logger';
import type { MetricsRegistry } from '../../../shared/server/runtime/metrics';
import { checkPermission } from '../../api/auth';
import { displayOf } from '../../api/display-identity';
import { defineRoute, type EdgeRoute } from '../../api/edge-route';
import { type PinGate, pinOriginOf } from '../../api/pin-gate';
import type { DisplayCredentials } from './display-credentials';
import { type DisplayPairing, PairingError } from './display-pairing';

export interface DisplaysRouteDeps {
  displays: DisplayCredentials;
  pairing: DisplayPairing;
  pinGate: PinGate;
  logger: Logger;
  metrics: MetricsRegistry;
}

const DisplayParams = z.object({ displayId: DisplayId });

function asHttpError(err: unknown): unknown {
  if (!(err instanceof PairingError)) return err;
  if (err.code === 'PAIRING_UNKNOWN') return notFound(err.message);
  const seconds = Math.max(1, Math.ceil(err.retryAfterMs / 1000));
  return new ApiHttpError(429, 'too_many_requests', err.message, undefined, {
    'retry-after': String(seconds),
  });
}

function answer<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw asHttpError(err);
  }
}

/**
 * Pairing kitchen displays: the display asks for a code, a manager confirms it with
 * their PIN, the display claims its credential. Managers list and revoke displays.
 */
export function displaysRoutes(deps: DisplaysRouteDeps): EdgeRoute[] {
  const { displays, pairing, pinGate } = deps;
  const log = deps.logger.child({ ns: 'api.displays' });
  const refused = deps.metrics.counter(
    'galley_display_pairings_refused_total',
    'Requests for a pairing code refused because every slot (store-wide or for that address) was taken',
  );
  return [
    defineRoute({
      method: 'POST',
      url: '/api/displays/pairing',
      summary: 'Ask for a pairing code to show on this display',
      description:
        'Anyone may ask; the code is good for 5 minutes. At most 32 codes wait at once, 3 per address: ' +
        'beyond that the answer is 429 with Retry-After (no code is ever dropped to make room), so no ' +
        'number of requests can grow memory or unpair a display. Keep `claimSecret` to yourself: ' +
        'the credential is handed only to whoever claims with it.',
      tags: ['displays'],
      access: 'public',
      response: PairingStarted,
      status: 201,
      errors: [429],
      handler: ({ request }) => {
        try {
          return pairing.start(request.ip);
        } catch (err) {
          if (err instanceof PairingError && err.code === 'PAIRING_BUSY') {
            refused.inc();
            log.warn({ ip: request.ip }, 'pairing code refused: no free slot');
          }
          throw asHttpError(err);
        }
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/displays/pairing/claim',
      summary: 'Poll for the credential once a manager confirmed the code',
      description: 'Answers `waiting` until then, the credential once (`paired`), and 404 once it expired.',
      tags: ['displays'],
      access: 'public',
      body: PairingClaimRequest,
      response: PairingClaim,
      errors: [404],
      handler: ({ body }) =>
        answer(() => {
          const claim = pairing.claim(body.pairingId, body.claimSecret, (name, by) =>
            displays.pair(name, by),
          );
          if (claim.status === 'paired')
            log.info({ display: claim.display.id, by: claim.display.pairedBy }, 'display paired');
          return claim;
        }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/displays/pairing/:code/confirm',
      summary: 'A manager confirms the code a display shows, with their user and PIN',
      description:
        'The PIN is checked first, through the same throttle as `POST /api/session`, whatever the code: ' +
        'a wrong PIN is 401, a person who is not a manager 403, and only then an unknown code 404.',
      tags: ['displays'],
      access: 'public',
      params: PairingConfirmParams,
      body: PairingConfirmRequest,
      response: PairingConfirmed,
      errors: [401, 403, 404, 429],
      handler: async ({ params, body, request }) => {
        const person = await pinGate.check(body, pinOriginOf(request), 'login');
        // Pairing is managing displays: the same permission as listing and revoking them.
        checkPermission(
          { userId: person.id, roles: heldRoles(person) },
          'displays.manage',
          'pair a display',
          undefined,
        );
        const confirmed = answer(() => pairing.confirm(params.code, body.name, person.id));
        log.info({ code: params.code, by: person.id }, 'display pairing confirmed');
        return confirmed;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/displays/pairing/ticket',
      summary: 'Exchange a one-time pairing link (`#pair=…`, made on the box) for the credential',
      tags: ['displays'],
      access: 'public',
      body: PairingTicketRequest,
      response: DisplayPaired,
      errors: [404],
      handler: ({ body }) => {
        const issued = displays.exchangeTicket(body.ticket);
        if (!issued) throw notFound('this pairing link is unknown, used or expired');
        log.info({ display: issued.display.id }, 'display paired by link');
        return issued;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/displays/self',
      summary: 'Whether the display credential sent in `x-galley-display` is a paired display',
      description:
        'Without the header: `paired: false`. With one that does not verify: 401 `display_not_paired`.',
      tags: ['displays'],
      access: 'public',
      response: DisplaySelf,
      errors: [401],
      handler: ({ request }) => {
        const self = displayOf(request);
        const display = self && displays.list().find((d) => d.id === self.id);
        return display ? { paired: true, display } : { paired: false };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/displays',
      summary: 'Paired displays',
      tags: ['displays'],
      access: 'displays.manage',
      response: DisplayList,
      handler: () => displays.list(),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/displays/:displayId',
      summary: 'Revoke a display: its credential stops working at once',
      tags: ['displays'],
      access: 'displays.manage',
      params: DisplayParams,
      response: z.null().describe('no content'),
      status: 204,
      errors: [404],
      handler: ({ params, auth }) => {
        if (!displays.revoke(params.displayId)) throw notFound(`no display ${params.displayId}`);
        log.info({ display: params.displayId, by: auth?.session.userId }, 'display revoked');
        return null;
      },
    }),
  ];
}
