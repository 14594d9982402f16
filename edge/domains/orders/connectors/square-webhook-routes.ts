import { SQUARE_SIGNATURE_HEADER, SquareWebhookAnswer } from '../../../../shared/api/pos-connectors';
import { ApiHttpError, badRequest, unauthorized } from '../../../../shared/server/http/errors';
import { defineRoute, type EdgeRoute } from '../../../api/edge-route';
import { rawBodyOf } from './raw-body';
import { type SquareWebhookConnector, SquareWebhookError } from './square-webhook';

export const SQUARE_WEBHOOK_URL = '/api/pos/square/webhook';

function httpErrorOf(err: SquareWebhookError): ApiHttpError {
  switch (err.code) {
    case 'BAD_SIGNATURE':
      return unauthorized(err.message);
    case 'BAD_NOTIFICATION':
      return badRequest(err.message, err.problems);
    case 'UNMAPPABLE':
      // Non-2xx on purpose: Square keeps redelivering, so the order goes through once the mapping is fixed.
      return new ApiHttpError(422, 'unprocessable', err.message, err.problems);
    case 'RETRIEVE_FAILED':
      return new ApiHttpError(502, 'bad_gateway', err.message);
    case 'NOT_CONFIGURED':
      return new ApiHttpError(503, 'unavailable', err.message);
  }
}

/**
 * Square's order webhook. Public: Square sends no credentials, the HMAC signature
 * over the raw body is the authentication, so the route needs `captureRawBody` for
 * its URL on the server. No body schema: the bytes are verified before they are read.
 */
export function squareWebhookRoutes(deps: { square: SquareWebhookConnector }): EdgeRoute[] {
  return [
    defineRoute({
      method: 'POST',
      url: SQUARE_WEBHOOK_URL,
      summary: 'Square order webhook (order.created, order.updated)',
      description:
        'Signed by Square (x-square-hmacsha256-signature over the notification URL and the raw body). The order is retrieved from the Square Orders API (needs the WAN for a real Square account) and handed to the order intake, deduplicated on event_id; 200 only once stored. 401 bad signature, 422 order not mappable (Square redelivers), 502 order not retrievable.',
      tags: ['pos'],
      access: 'public',
      response: SquareWebhookAnswer,
      errors: [400, 401, 422, 502, 503],
      handler: async ({ request }) => {
        const raw = rawBodyOf(request);
        if (!raw)
          throw new Error(
            `${SQUARE_WEBHOOK_URL} is mounted without captureRawBody: its signature cannot be checked`,
          );
        const header = request.headers[SQUARE_SIGNATURE_HEADER];
        try {
          return await deps.square.handle(raw, Array.isArray(header) ? header[0] : header);
        } catch (err) {
          throw err instanceof SquareWebhookError ? httpErrorOf(err) : err;
        }
      },
    }),
  ];
}
