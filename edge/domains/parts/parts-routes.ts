import { z } from 'zod';
import {
  ManualPurchaseRequest,
  PartDetail,
  PartList,
  PartParams,
  PurchaseRequestList,
  PurchaseRequestsQuery,
  PurchaseRequestView,
  PurchaseTransitionRequest,
  StockAdjustmentRequest,
} from '../../../shared/api/parts';
import { ApiHttpError, badRequest, forbidden, notFound } from '../../../shared/server/http/errors';
import { type AuthContext, auditedRefusal, requirePermission } from '../../api/auth';
import { defineRoute, type EdgeRoute } from '../../api/edge-route';
import { ApprovalRefused } from '../purchasing/approval-errors';
import type { TicketActor } from '../tickets/ticket-lifecycle';
import { PartsError } from './parts-errors';
import type { PartsService } from './parts-service';
import { purchaseStepPermission } from './purchase-lifecycle';

const RequestParams = z.object({ requestId: z.coerce.number().int().positive() });

function actorOf(auth: AuthContext | undefined): TicketActor {
  const role = auth?.session.role;
  if (!auth || !role || role === 'display' || role === 'pos')
    throw forbidden('the display cannot change stock');
  return { id: auth.session.userId, role };
}

/**
 * The answer to a refusal of the parts service; the ticket routes use it too, since a
 * resolve's parts leave stock in the resolve. A refused quantity is a 400 naming where
 * it was in the body, like a schema refusal.
 */
export function partsHttpError(err: PartsError): ApiHttpError {
  switch (err.code) {
    case 'PART_UNKNOWN':
    case 'PURCHASE_NOT_FOUND':
      return notFound(err.message);
    case 'PURCHASE_FORBIDDEN':
      return forbidden(err.message);
    case 'PURCHASE_ALREADY_OPEN':
      return new ApiHttpError(409, 'already_open', err.message);
    case 'PURCHASE_ILLEGAL_TRANSITION':
      return new ApiHttpError(409, 'illegal_transition', err.message);
    case 'QUANTITY_REFUSED':
      return badRequest(err.message, [`${['body', ...err.path].join('.')}: ${err.message}`]);
  }
}

function answer<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw err instanceof PartsError ? partsHttpError(err) : err;
  }
}

export function partsRoutes(deps: { parts: PartsService }): EdgeRoute[] {
  const { parts } = deps;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/parts',
      summary: 'Spare parts with stock levels and open purchase requests',
      tags: ['parts'],
      access: 'parts.read',
      response: PartList,
      handler: () => parts.list(),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/parts/:partNumber',
      summary: 'One spare part with its latest stock movements',
      tags: ['parts'],
      access: 'parts.read',
      params: PartParams,
      response: PartDetail,
      errors: [404],
      handler: ({ params }) => answer(() => parts.get(params.partNumber)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/parts/:partNumber/adjustments',
      summary: 'Correct the stock after a count (managers, with a reason)',
      description:
        'Falling below the reorder point raises a purchase request, as a use would. A correction that would leave the stock below 0, or a fraction of a counted unit, is refused with 400 saying what is on hand.',
      tags: ['parts'],
      access: 'parts.adjust',
      params: PartParams,
      body: StockAdjustmentRequest,
      response: PartDetail,
      status: 201,
      errors: [400, 404],
      handler: ({ params, body, auth }) => answer(() => parts.adjust(params.partNumber, body, actorOf(auth))),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/purchase-requests',
      summary: 'Purchase requests (申请), newest first',
      tags: ['parts'],
      access: 'parts.read',
      querystring: PurchaseRequestsQuery,
      response: PurchaseRequestList,
      handler: ({ query }) => parts.purchaseRequests(query),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/purchase-requests',
      summary: 'Ask for a part by hand',
      description:
        'A part has at most one open (requested or approved) request: a second one is refused with 409.',
      tags: ['parts'],
      access: 'purchase_requests.create',
      body: ManualPurchaseRequest,
      response: PurchaseRequestView,
      status: 201,
      errors: [400, 404, 409],
      handler: ({ body, auth }) => answer(() => parts.requestPurchase(body, actorOf(auth))),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/purchase-requests/:requestId',
      summary: 'One purchase request with every step, who and when',
      tags: ['parts'],
      access: 'parts.read',
      params: RequestParams,
      response: PurchaseRequestView,
      errors: [404],
      handler: ({ params }) => answer(() => parts.purchaseRequest(params.requestId)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/purchase-requests/:requestId/transitions',
      summary: 'Approve (审批), reject, or mark received (收货, restocks)',
      description:
        'requested → approved | rejected; approved → received. Anything else is 409 naming the allowed next states.',
      tags: ['parts'],
      access: 'purchase_requests.act',
      params: RequestParams,
      body: PurchaseTransitionRequest,
      response: PurchaseRequestView,
      errors: [400, 403, 404, 409],
      handler: ({ params, body, auth }) => {
        // Each step needs its own permission, checked against every role the caller holds.
        requirePermission(auth, purchaseStepPermission(body.to), `part-purchase:${params.requestId}`);
        try {
          return answer(() => parts.transitionPurchase(params.requestId, body, actorOf(auth)));
        } catch (err) {
          // A duty kept apart along the approval route: said why, and audited.
          if (err instanceof ApprovalRefused && err.rule)
            throw auditedRefusal(auth, {
              rule: err.rule,
              subject: `part-purchase:${params.requestId}`,
              messages: err.messages,
            });
          throw err;
        }
      },
    }),
  ];
}
