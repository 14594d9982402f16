import { z } from 'zod';
import { PurchaseRequestList, PurchaseRequestView } from '../../../shared/api/parts';
import { StockPurchaseList, StockPurchaseView } from '../../../shared/api/stock';
import { ApprovalStepList, type RequestKind } from '../../../shared/purchasing/approval-events';
import { requestEdge } from '../api/edge-client';

/**
 * Requests waiting at the store's approval level (店长): the two rooms' requested lists and
 * each request's steps (edge/domains/purchasing/approval-*.ts). A decision goes through the
 * room's own transition, which the edge routes through the approval gate.
 */
export const approvalPaths = {
  ingredients: '/api/stock/purchase-requests?status=requested&limit=200',
  parts: '/api/purchase-requests?status=requested&limit=200',
  steps: (kind: RequestKind, id: number) => `/api/purchase-approvals/${kind}/${id}`,
  decide: (kind: RequestKind, id: number) =>
    kind === 'ingredient'
      ? `/api/stock/purchase-requests/${id}/transitions`
      : `/api/purchase-requests/${id}/transitions`,
} as const;

export interface WaitingRequest {
  kind: RequestKind;
  id: number;
  item: string;
  qty: string;
  requestedBy: string;
  steps: z.infer<typeof ApprovalStepList>;
}

/** Every requested request with its steps; the caller keeps those whose turn is the person's. */
export async function waitingRequests(token: string): Promise<WaitingRequest[]> {
  const [ingredients, parts] = await Promise.all([
    requestEdge(approvalPaths.ingredients, StockPurchaseList, { token }),
    requestEdge(approvalPaths.parts, PurchaseRequestList, { token }).catch(() => []),
  ]);
  const all: Omit<WaitingRequest, 'steps'>[] = [
    ...ingredients.map((r) => ({
      kind: 'ingredient' as const,
      id: r.id,
      item: r.ingredient,
      qty: String(r.qty),
      requestedBy: r.requestedBy,
    })),
    ...parts.map((r) => ({
      kind: 'part' as const,
      id: r.id,
      item: r.partNumber,
      qty: String(r.quantity),
      requestedBy: r.requestedBy,
    })),
  ];
  return Promise.all(
    all.map(async (r) => ({
      ...r,
      steps: await requestEdge(approvalPaths.steps(r.kind, r.id), ApprovalStepList, { token }),
    })),
  );
}

const Decided = z.union([StockPurchaseView, PurchaseRequestView]);

export function decideRequest(
  kind: RequestKind,
  id: number,
  step: { to: 'approved' } | { to: 'rejected'; note: string },
  token: string,
) {
  return requestEdge(approvalPaths.decide(kind, id), Decided, { method: 'POST', token, body: step });
}
