import { z } from 'zod';
import { DISPLAY_CREDENTIAL_HEADER } from '../../../shared/api/displays';
import { PurchaseRequestList } from '../../../shared/api/parts';
import {
  type CreatePurchaseOrder,
  type GoodsReceiptRequest,
  PurchaseOrderList,
  type PurchaseOrderTransition,
  PurchaseOrderView,
} from '../../../shared/api/purchasing';
import { ApiError } from '../../../shared/api/session';
import { StockPurchaseList } from '../../../shared/api/stock';
import { RequestError } from '../../../shared/browser/json-client';
import { Supplier } from '../../../shared/config/purchasing';
import type { Locale } from '../../../shared/localized-text';
import { requestEdge } from '../api/edge-client';
import { displayCredential } from '../auth/display-credential';

/**
 * The display's calls to the edge's purchasing routes (edge/domains/purchasing). Every
 * call carries a person's token: purchasing is read and done by people, and the edge
 * checks each route's permission again whatever the display offered.
 */

export type OrderFilter = 'open' | 'all';

export const purchasingPaths = {
  suppliers: '/api/suppliers',
  orders: (state: OrderFilter) => `/api/purchase-orders?state=${state}&limit=100`,
  order: (id: number) => `/api/purchase-orders/${id}`,
  create: '/api/purchase-orders',
  transition: (id: number) => `/api/purchase-orders/${id}/transitions`,
  receipts: (id: number) => `/api/purchase-orders/${id}/receipts`,
  document: (id: number, format: 'pdf' | 'csv', lang: Locale) =>
    `/api/purchase-orders/${id}.${format}?lang=${encodeURIComponent(lang)}`,
  approvedIngredients: '/api/stock/purchase-requests?status=approved&limit=200',
  approvedParts: '/api/purchase-requests?status=approved&limit=200',
} as const;

export const SupplierList = z.array(Supplier);
export { PurchaseOrderList, PurchaseOrderView, PurchaseRequestList, StockPurchaseList };

export function createOrder(request: CreatePurchaseOrder, token: string) {
  return requestEdge(purchasingPaths.create, PurchaseOrderView, { method: 'POST', token, body: request });
}

export function moveOrder(id: number, step: PurchaseOrderTransition, token: string) {
  return requestEdge(purchasingPaths.transition(id), PurchaseOrderView, {
    method: 'POST',
    token,
    body: step,
  });
}

/**
 * A refusal as the edge words it, with the segregation rule when it is one: the display
 * asks for a second person's PIN only when the edge said the orderer may not receive alone.
 */
export class PurchasingRefusal extends RequestError {
  constructor(
    status: number,
    readonly problem: ApiError,
  ) {
    super(
      status === 403 ? 'forbidden' : 'rejected',
      problem.message,
      status,
      problem.error,
      problem.messages,
    );
    this.name = 'PurchasingRefusal';
  }

  get rule(): string | undefined {
    return this.problem.rule;
  }
}

/** Receipts answer refusals that matter on screen (a rule, a limit and its clause): read them whole. */
const RECEIPT_TIMEOUT_MS = 8000;

function headersFor(token: string, json: boolean): Record<string, string> {
  const pairing = displayCredential.get();
  return {
    authorization: `Bearer ${token}`,
    ...(json ? { 'content-type': 'application/json' } : {}),
    ...(pairing ? { [DISPLAY_CREDENTIAL_HEADER]: pairing.credential } : {}),
  };
}

async function refusalOf(response: Response): Promise<RequestError> {
  const text = await response.text().catch(() => '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const problem = ApiError.safeParse(json);
  if (problem.success) return new PurchasingRefusal(response.status, problem.data);
  return new RequestError(
    response.status === 403 ? 'forbidden' : response.status === 401 ? 'unauthorized' : 'rejected',
    `HTTP ${response.status}`,
    response.status,
  );
}

export async function postReceipt(id: number, receipt: GoodsReceiptRequest, token: string) {
  let response: Response;
  try {
    response = await fetch(purchasingPaths.receipts(id), {
      method: 'POST',
      headers: headersFor(token, true),
      body: JSON.stringify(receipt),
      signal: AbortSignal.timeout(RECEIPT_TIMEOUT_MS),
      cache: 'no-store',
    });
  } catch (err) {
    throw new RequestError('network', err instanceof Error ? err.message : String(err));
  }
  if (!response.ok) throw await refusalOf(response);
  const parsed = PurchaseOrderView.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new RequestError('bad_response', parsed.error.message, response.status);
  return parsed.data;
}

/** Laying out a PDF with CJK fonts takes the edge a moment longer than a JSON read. */
const DOCUMENT_TIMEOUT_MS = 60_000;

/** The printed order in one language, with the file name the edge gave it. */
export async function fetchOrderDocument(
  id: number,
  format: 'pdf' | 'csv',
  lang: Locale,
  token: string,
): Promise<{ blob: Blob; fileName: string }> {
  let response: Response;
  try {
    response = await fetch(purchasingPaths.document(id, format, lang), {
      headers: headersFor(token, false),
      signal: AbortSignal.timeout(DOCUMENT_TIMEOUT_MS),
      cache: 'no-store',
    });
  } catch (err) {
    throw new RequestError('network', err instanceof Error ? err.message : String(err));
  }
  if (!response.ok) throw await refusalOf(response);
  const named = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return { blob: await response.blob(), fileName: named?.[1] ?? `PO-${id}-${lang}.${format}` };
}
