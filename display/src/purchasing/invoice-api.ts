import {
  type InvoiceResolutionRequest,
  type PaymentApprovalRequest,
  type PaymentRequest,
  SupplierInvoiceList,
  SupplierInvoiceView,
} from '../../../shared/purchasing/invoice-api';
import { requestEdge } from '../api/edge-client';

/**
 * The display's calls to the edge's supplier-invoice routes (三单匹配, 付款). Finance
 * resolves, approves and records payments; the edge checks each permission and keeps
 * duties apart (one who received may not approve the payment), saying why when it refuses.
 */

export type InvoiceFilter = 'open' | 'all';

export const invoicePaths = {
  list: (status: InvoiceFilter) => `/api/supplier-invoices?status=${status}&limit=100`,
  one: (id: number) => `/api/supplier-invoices/${id}`,
  ofOrder: (orderId: number) => `/api/purchase-orders/${orderId}/invoices`,
  resolution: (id: number) => `/api/supplier-invoices/${id}/resolution`,
  approval: (id: number) => `/api/supplier-invoices/${id}/approval`,
  payments: (id: number) => `/api/supplier-invoices/${id}/payments`,
} as const;

export { SupplierInvoiceList, SupplierInvoiceView };

export function resolveInvoice(id: number, body: InvoiceResolutionRequest, token: string) {
  return requestEdge(invoicePaths.resolution(id), SupplierInvoiceView, { method: 'POST', token, body });
}

export function approvePayment(id: number, body: PaymentApprovalRequest, token: string) {
  return requestEdge(invoicePaths.approval(id), SupplierInvoiceView, { method: 'POST', token, body });
}

export function recordPayment(id: number, body: PaymentRequest, token: string) {
  return requestEdge(invoicePaths.payments(id), SupplierInvoiceView, { method: 'POST', token, body });
}
