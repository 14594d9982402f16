import { PurchaseOrderParams } from '../../../shared/api/purchasing';
import {
  InvoiceParams,
  InvoiceResolutionRequest,
  PaymentApprovalRequest,
  PaymentRequest,
  RecordInvoiceRequest,
  SupplierInvoiceList,
  SupplierInvoicesQuery,
  SupplierInvoiceView,
} from '../../../shared/purchasing/invoice-api';
import { ApiHttpError } from '../../../shared/server/http/errors';
import { type AuthContext, auditedRefusal } from '../../api/auth';
import { defineRoute, type EdgeRoute } from '../../api/edge-route';
import { InvoiceError } from './invoice-errors';
import type { InvoiceService } from './invoice-service';
import { PurchasingDutiesSegregated, PurchasingError } from './purchasing-errors';
import type { PurchasingActor } from './purchasing-service';

function actorOf(auth: AuthContext | undefined): PurchasingActor {
  const role = auth?.session.role;
  if (!auth || !role || role === 'display' || role === 'pos')
    throw new ApiHttpError(403, 'forbidden', 'invoice and payment steps name a person');
  return { id: auth.session.userId };
}

const STATUS: Record<InvoiceError['code'], number> = {
  REQUEST_REFUSED: 400,
  INVOICE_NOT_FOUND: 404,
  DUPLICATE_INVOICE: 409,
  ILLEGAL_TRANSITION: 409,
  PAYMENT_BLOCKED: 409,
  OVER_PAYABLE: 422,
};

function httpError(err: InvoiceError): ApiHttpError {
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
    if (err instanceof InvoiceError) throw httpError(err);
    if (err instanceof PurchasingError)
      throw new ApiHttpError(
        400,
        err.code.toLowerCase(),
        err.message,
        undefined,
        {},
        { messages: err.messages },
      );
    throw err;
  }
}

const REFUSALS = 'A refusal carries `messages` in en and zh-CN.';

/**
 * Supplier invoices, their three-way match, finance's resolution of exceptions, payment
 * approval and payments. The purchaser (or finance, or a manager) records; finance
 * resolves, approves and pays; the one who received the goods never approves paying.
 */
export function invoiceRoutes(deps: { invoices: InvoiceService }): EdgeRoute[] {
  const { invoices } = deps;
  const subject = (id: number) => `supplier-invoice:${id}`;
  return [
    defineRoute({
      method: 'POST',
      url: '/api/purchase-orders/:orderId/invoices',
      summary: "Record a supplier's invoice against a purchase order; it is matched three ways at once",
      description:
        'Body `{"invoiceNo", "invoiceDate": "YYYY-MM-DD", "statedGross": "893.80", "lines": [{"line", "qty", "unitPrice", "taxRatePct"?}], "note"?}`. ' +
        'Each line is matched against its order line (price) and the quantity accepted on receipts and not yet invoiced, within the store’s ' +
        '`purchasing.matchTolerances` (every limit that is set). Answers the invoice view: `status` `matched` (ready to pay, `payable` = invoiced) ' +
        'or `exception` (`payable` null until finance resolves it; `suggestedPayable` = received qty × accepted price with VAT), each line’s ' +
        '`match.reasons` in en and zh-CN. The invoice number is unique per supplier (409). ' +
        REFUSALS,
      tags: ['purchasing'],
      access: 'invoices.record',
      params: PurchaseOrderParams,
      body: RecordInvoiceRequest,
      response: SupplierInvoiceView,
      status: 201,
      errors: [400, 404, 409],
      handler: ({ params, body, auth }) =>
        answer(auth, `purchase-order:${params.orderId}`, () =>
          invoices.record(params.orderId, body, actorOf(auth)),
        ),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/purchase-orders/:orderId/invoices',
      summary: "A purchase order's supplier invoices with their match, payments and whole history",
      description: 'The same invoice views as `GET /api/supplier-invoices/{id}`, oldest first.',
      tags: ['purchasing'],
      access: 'invoices.read',
      params: PurchaseOrderParams,
      response: SupplierInvoiceList,
      errors: [404],
      handler: ({ params, auth }) =>
        answer(auth, `purchase-order:${params.orderId}`, () => invoices.ofOrder(params.orderId)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/supplier-invoices',
      summary: 'Supplier invoices by status, newest first',
      description:
        '`status`: `open` (default: not paid in full), `all`, or one of matched, exception, resolved, approved, partially_paid, paid. ' +
        '`history` lists every step (recorded, resolved, approved, paid) with who and when; it is append-only.',
      tags: ['purchasing'],
      access: 'invoices.read',
      querystring: SupplierInvoicesQuery,
      response: SupplierInvoiceList,
      handler: ({ query }) => invoices.list(query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/supplier-invoices/:invoiceId',
      summary:
        'One supplier invoice: lines and their match, totals, payable, resolution, approval, payments, history',
      tags: ['purchasing'],
      access: 'invoices.read',
      params: InvoiceParams,
      response: SupplierInvoiceView,
      errors: [404],
      handler: ({ params, auth }) =>
        answer(auth, subject(params.invoiceId), () => invoices.get(params.invoiceId)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/supplier-invoices/:invoiceId/resolution',
      summary: 'Finance resolves a match exception: accept, short-pay or debit note',
      description:
        'Body `{"kind": "accept", "reason"}` pays as invoiced; `{"kind": "short_pay", "reason"}` pays `suggestedPayable`; ' +
        '`{"kind": "debit_note", "reason", "debitNote": {"amount", "ref"}}` pays the invoiced total less the debit note. ' +
        'Only an invoice in `exception` (409 otherwise). ' +
        REFUSALS,
      tags: ['purchasing'],
      access: 'invoices.resolve',
      params: InvoiceParams,
      body: InvoiceResolutionRequest,
      response: SupplierInvoiceView,
      errors: [400, 404, 409],
      handler: ({ params, body, auth }) =>
        answer(auth, subject(params.invoiceId), () =>
          invoices.resolve(params.invoiceId, body, actorOf(auth)),
        ),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/supplier-invoices/:invoiceId/approval',
      summary: 'Approve paying a matched or resolved invoice',
      description:
        'Body `{"note"?}`. Refused (409) while the invoice is an unresolved exception. Whoever received the goods of the order ' +
        '(a receipt’s `by` or `witnessedBy`) may not approve: 403 with `rule: receiver_approves_payment`, audited. ' +
        REFUSALS,
      tags: ['purchasing'],
      access: 'payments.approve',
      params: InvoiceParams,
      body: PaymentApprovalRequest,
      response: SupplierInvoiceView,
      errors: [403, 404, 409],
      handler: ({ params, body, auth }) =>
        answer(auth, subject(params.invoiceId), () =>
          invoices.approve(params.invoiceId, body, actorOf(auth)),
        ),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/supplier-invoices/:invoiceId/payments',
      summary: 'Record a payment on an approved invoice',
      description:
        'Body `{"amount": "849.11", "date": "YYYY-MM-DD", "method": "bank_transfer"|"cash"|"card"|"other", "reference"}`. ' +
        'Several payments may settle one invoice; above what is still payable is refused (422), as is paying before approval ' +
        'or while in exception (409). ' +
        REFUSALS,
      tags: ['purchasing'],
      access: 'payments.approve',
      params: InvoiceParams,
      body: PaymentRequest,
      response: SupplierInvoiceView,
      status: 201,
      errors: [400, 404, 409, 422],
      handler: ({ params, body, auth }) =>
        answer(auth, subject(params.invoiceId), () => invoices.pay(params.invoiceId, body, actorOf(auth))),
    }),
  ];
}
