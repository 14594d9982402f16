import { z } from 'zod';
import { StoreId } from '../ids';
import { LocalizedText } from '../localized-text';
import { ApprovalLevel } from './approval-config';

/**
 * The approval steps of a purchase request (审批流) as they travel: up to central as
 * `purchasing.approval` outbox events (one per step change; the batch says which store),
 * down again as a `purchase.approval` store command once a central user decided, and
 * the central routes in between.
 */

export const RequestKind = z.enum(['ingredient', 'part']);
export type RequestKind = z.infer<typeof RequestKind>;

export const StepStatus = z.enum(['pending', 'approved', 'rejected']);
export type StepStatus = z.infer<typeof StepStatus>;

const GrossText = z.string().regex(/^\d{1,10}\.\d{2}$/, 'an amount such as "1800.00"');

/** One step of one request: the payload of `purchasing.approval`, entity `<kind>:<id>:<step>`. */
export const ApprovalStepEvent = z.object({
  requestKind: RequestKind,
  requestId: z.number().int().positive(),
  step: z.number().int().min(1).max(10).describe('1 = decided first'),
  steps: z.number().int().min(1).max(10).describe('how many steps the request has'),
  level: ApprovalLevel,
  status: StepStatus,
  /** the step before it is approved: it is this step's turn */
  current: z.boolean(),
  item: z.string().min(1).max(64),
  qty: z.string().max(40).describe("in the item's base units"),
  amount: GrossText.nullable().describe(
    'gross estimate from the price lists; null when no supplier lists it',
  ),
  currency: z.string().regex(/^[A-Z]{3}$/),
  why: LocalizedText.describe('why the step is on the route'),
  requestedBy: z.string().min(1).max(100),
  requestedAt: z.number().int(),
  decidedBy: z.string().max(200).nullable(),
  decidedAt: z.number().int().nullable(),
  reason: z.string().max(500).nullable(),
  delegatedFrom: z.string().max(100).nullable(),
  overdueAfterHours: z.number().int().min(1).max(720).describe("the store config's limit for a pending step"),
});
export type ApprovalStepEvent = z.infer<typeof ApprovalStepEvent>;

export const APPROVAL_EVENT = 'purchasing.approval' as const;

/** The box's view of a request's steps (`GET /api/purchase-requests/{kind}/{id}/approvals`). */
export const ApprovalStepList = z.array(ApprovalStepEvent);

export const DelegationRequest = z.strictObject({
  level: ApprovalLevel.describe('the level delegated; on the box only the store level `manager`'),
  to: z.string().trim().min(1).max(64).describe('the store user who decides in the delegator’s place'),
  until: z.coerce.number().int().positive().describe('epoch ms; after it the delegation is ignored'),
  note: z.string().trim().max(500).optional(),
});
export type DelegationRequest = z.infer<typeof DelegationRequest>;

export const DelegationView = z.object({
  id: z.number().int(),
  level: ApprovalLevel,
  from: z.string(),
  to: z.string(),
  until: z.number().int(),
  createdAt: z.number().int(),
  note: z.string().nullable(),
});
export type DelegationView = z.infer<typeof DelegationView>;
export const DelegationList = z.array(DelegationView);

// ---- central ----

export const CENTRAL_APPROVAL_ROUTES = {
  /** GET `?status=pending|decided|all` → CentralApprovalList, for the caller's levels and stores. */
  list: '/api/purchasing/approvals',
  /** POST ApprovalDecision → CentralApprovalView; queues the decision for the store. */
  decide: '/api/purchasing/approvals/:id/decision',
} as const;

export const CentralApprovalsQuery = z.object({
  status: z.enum(['pending', 'decided', 'all']).default('pending'),
});

export const ApprovalDecision = z
  .strictObject({
    outcome: z.enum(['approved', 'rejected']),
    reason: z.string().trim().min(1).max(500).optional().describe('required when rejecting'),
  })
  .refine((d) => d.outcome === 'approved' || d.reason !== undefined, {
    message: 'a rejection says why',
    path: ['reason'],
  });
export type ApprovalDecision = z.infer<typeof ApprovalDecision>;

export const ApprovalIdParams = z.object({ id: z.coerce.number().int().positive() });

export const CentralApprovalView = ApprovalStepEvent.extend({
  id: z.number().int().describe("central's id of the step"),
  storeId: StoreId,
  pendingSince: z.number().int().describe('when central learned the step became current'),
  ageHours: z.number().describe('hours pending so far (to the decision once decided)'),
  overdue: z.boolean().describe('pending past `overdueAfterHours` (48 h unless configured)'),
  commandId: z.number().int().nullable().describe('the store command that carries the decision down'),
});
export type CentralApprovalView = z.infer<typeof CentralApprovalView>;
export const CentralApprovalList = z.array(CentralApprovalView);

/** The store command that carries a central decision down to the box. */
export const ApprovalCommand = z.object({
  kind: z.literal('purchase.approval'),
  requestKind: RequestKind,
  requestId: z.number().int().positive(),
  step: z.number().int().min(1),
  level: ApprovalLevel,
  outcome: z.enum(['approved', 'rejected']),
  reason: z.string().nullable(),
});
export type ApprovalCommand = z.infer<typeof ApprovalCommand>;
