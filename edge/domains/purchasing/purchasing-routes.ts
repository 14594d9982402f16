import { finished } from 'node:stream/promises';
import { z } from 'zod';
import {
  CreatePurchaseOrder,
  DocumentQuery,
  GoodsReceiptRequest,
  PurchaseOrderList,
  PurchaseOrderParams,
  PurchaseOrdersQuery,
  PurchaseOrderTransition,
  PurchaseOrderView,
} from '../../../shared/api/purchasing';
import { Supplier } from '../../../shared/config/purchasing';
import { roleNamesMayDo } from '../../../shared/permissions-table';
import { ApiHttpError } from '../../../shared/server/http/errors';
import { type AuthContext, auditedRefusal } from '../../api/auth';
import { defineRoute, type EdgeRoute } from '../../api/edge-route';
import { type PinGate, pinOriginOf } from '../../api/pin-gate';
import { orderCsv } from './order-csv';
import { orderPdf } from './order-pdf';
import { PurchasingDutiesSegregated, PurchasingError } from './purchasing-errors';
import type { PurchasingActor, PurchasingService } from './purchasing-service';

function actorOf(auth: AuthContext | undefined): PurchasingActor {
  const role = auth?.session.role;
  if (!auth || !role || role === 'display' || role === 'pos')
    throw new ApiHttpError(403, 'forbidden', 'purchasing steps name a person');
  return { id: auth.session.userId };
}

const STATUS: Record<PurchasingError['code'], number> = {
  REQUEST_REFUSED: 400,
  ORDER_NOT_FOUND: 404,
  ILLEGAL_TRANSITION: 409,
  FOOD_SAFETY_REFUSED: 422,
  DUTIES_SEGREGATED: 403,
};

function httpError(err: PurchasingError): ApiHttpError {
  const issues = err.path.length ? [`${['body', ...err.path].join('.')}: ${err.message}`] : undefined;
  return new ApiHttpError(
    STATUS[err.code],
    err.code.toLowerCase(),
    err.message,
    issues,
    {},
    {
      messages: err.messages,
    },
  );
}

function answer<T>(auth: AuthContext | undefined, subject: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    // A duty kept apart is refused like a missing permission: said why, and audited.
    if (err instanceof PurchasingDutiesSegregated)
      throw auditedRefusal(auth, { rule: err.rule, subject, messages: err.messages });
    throw err instanceof PurchasingError ? httpError(err) : err;
  }
}

/** Who may sign a receipt as the second person: someone who may receive goods. */
const MAY_WITNESS = ['purchase_requests.receive', 'stock.receive'] as const;

/**
 * Suppliers, purchase orders and goods receipts. The purchaser (or a manager) drafts and
 * places, the receiver receives; one who placed the order receives only with a second
 * person's PIN. Documents print in zh-CN or en.
 */
export function purchasingRoutes(deps: {
  purchasing: PurchasingService;
  pinGate: PinGate;
  suppliers: () => readonly Supplier[];
}): EdgeRoute[] {
  const { purchasing, pinGate } = deps;
  const document = (format: 'pdf' | 'csv') =>
    defineRoute({
      method: 'GET',
      url: `/api/purchase-orders/:orderId.${format}`,
      summary: `A purchase order as ${format.toUpperCase()}, in zh-CN or en`,
      tags: ['purchasing'],
      access: 'purchase_requests.read',
      params: PurchaseOrderParams,
      querystring: DocumentQuery,
      response: z
        .string()
        .optional()
        .describe(format === 'pdf' ? 'application/pdf' : 'text/csv (UTF-8 with BOM)'),
      contentType: format === 'pdf' ? 'application/pdf' : 'text/csv; charset=utf-8',
      errors: [404, 503],
      handler: async ({ params, query, reply, auth }) => {
        const order = answer(auth, `purchase-order:${params.orderId}`, () => purchasing.get(params.orderId));
        const body = format === 'pdf' ? await orderPdf(order, query.lang) : orderCsv(order, query.lang);
        const written = finished(reply.raw);
        reply
          .header('content-type', format === 'pdf' ? 'application/pdf' : 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="PO-${order.id}-${query.lang}.${format}"`)
          .header('cache-control', 'no-store')
          .send(body);
        await written;
        return undefined;
      },
    });
  return [
    defineRoute({
      method: 'GET',
      url: '/api/suppliers',
      summary: 'The supplier master: terms, tax rate, currency, contact and price list',
      tags: ['purchasing'],
      access: 'suppliers.read',
      response: z.array(Supplier),
      handler: () => [...deps.suppliers()],
    }),
    defineRoute({
      method: 'GET',
      url: '/api/purchase-orders',
      summary: 'Purchase orders, newest first',
      tags: ['purchasing'],
      access: 'purchase_requests.read',
      querystring: PurchaseOrdersQuery,
      response: PurchaseOrderList,
      handler: ({ query }) => purchasing.list(query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/purchase-orders/:orderId',
      summary: 'One purchase order with its lines, totals, steps and receipts',
      tags: ['purchasing'],
      access: 'purchase_requests.read',
      params: PurchaseOrderParams,
      response: PurchaseOrderView,
      errors: [404],
      handler: ({ params, auth }) =>
        answer(auth, `purchase-order:${params.orderId}`, () => purchasing.get(params.orderId)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/purchase-orders',
      summary: 'Draft a purchase order to one supplier from approved purchase requests',
      description:
        'Requests for the same item become one line, priced from the supplier’s list; amounts are exact decimals.',
      tags: ['purchasing'],
      access: 'purchase_orders.place',
      body: CreatePurchaseOrder,
      response: PurchaseOrderView,
      status: 201,
      errors: [400],
      handler: ({ body, auth }) =>
        answer(auth, 'purchase-order:new', () => purchasing.create(body, actorOf(auth))),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/purchase-orders/:orderId/transitions',
      summary: 'Place a draft order with its supplier, or cancel it',
      tags: ['purchasing'],
      access: 'purchase_orders.place',
      params: PurchaseOrderParams,
      body: PurchaseOrderTransition,
      response: PurchaseOrderView,
      errors: [404, 409],
      handler: ({ params, body, auth }) =>
        answer(auth, `purchase-order:${params.orderId}`, () =>
          purchasing.transition(params.orderId, body, actorOf(auth)),
        ),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/purchase-orders/:orderId/receipts',
      summary:
        'Receive goods against a placed order: partial, with lot, expiry, rejections and delivery temperatures',
      description:
        'Chilled lines need `deliveryTempC` at or below the cold-holding limit of the store’s pack (422 names the limit and clause). ' +
        'One who placed the order receives only with `witness`: a second person who may receive, with their PIN. ' +
        'A refusal carries `messages` in en and zh-CN.',
      tags: ['purchasing'],
      access: 'purchase_requests.receive',
      params: PurchaseOrderParams,
      body: GoodsReceiptRequest,
      response: PurchaseOrderView,
      status: 201,
      errors: [400, 403, 404, 409, 422, 429],
      handler: async ({ params, body, auth, request }) => {
        const actor = actorOf(auth);
        const subject = `purchase-order:${params.orderId}`;
        let witness: PurchasingActor | undefined;
        if (body.witness) {
          const person = await pinGate.check(body.witness, pinOriginOf(request), 'sign_off');
          const roles = [person.role, ...(person.roles ?? [])];
          if (!MAY_WITNESS.some((p) => roleNamesMayDo(roles, p)))
            throw auditedRefusal(auth, {
              rule: 'orderer_receives_alone',
              subject,
              messages: {
                en: `${person.id} may not sign a goods receipt: a second signer needs purchase_requests.receive or stock.receive`,
                'zh-CN': `${person.id} 无权共同签收：第二签收人须有收货权限`,
              },
            });
          witness = { id: person.id };
        }
        return answer(auth, subject, () => purchasing.receive(params.orderId, body, actor, witness));
      },
    }),
    document('pdf'),
    document('csv'),
  ];
}
