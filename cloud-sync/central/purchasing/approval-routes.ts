import {
  ApprovalDecision,
  ApprovalIdParams,
  CENTRAL_APPROVAL_ROUTES,
  CentralApprovalList,
  CentralApprovalsQuery,
  CentralApprovalView,
} from '../../../shared/purchasing/approval-events';
import { type CentralRoute, centralRoute, userOf } from '../api/central-route';
import { APPROVERS } from '../api/roles';
import type { CentralContext } from '../central-context';
import { ApprovalService } from './approval-service';

/** 审批 above the store: the steps waiting for the caller's level, and deciding one. */
export function approvalRoutes(ctx: Pick<CentralContext, 'database' | 'clock'>): CentralRoute[] {
  const approvals = new ApprovalService({ db: ctx.database.db, clock: ctx.clock });
  return [
    centralRoute({
      method: 'GET',
      url: CENTRAL_APPROVAL_ROUTES.list,
      summary: "Purchase-request approval steps of the caller's level, oldest first",
      description:
        'Regional managers see the regional_manager steps of their region, regional purchasers theirs, finance ' +
        "theirs (head office's finance every store), admins every level. `pending` (default) lists the steps " +
        "whose turn it is and that nobody decided yet, each with `ageHours` and `overdue` (past the store's " +
        '`overdueAfterHours`, 48 h unless configured).',
      tags: ['purchasing'],
      access: APPROVERS,
      querystring: CentralApprovalsQuery,
      response: CentralApprovalList,
      handler: ({ auth, query }) => approvals.list(userOf(auth), query.status),
    }),
    centralRoute({
      method: 'POST',
      url: CENTRAL_APPROVAL_ROUTES.decide,
      summary: 'Approve or reject a step above the store',
      description:
        'Queues the decision for the store as a `purchase.approval` command; the store applies it to its step ' +
        '(once, however often it is delivered) and the request becomes approved when its last step is. ' +
        "403 with why in en and zh-CN when the step is another level's or the caller requested the purchase; " +
        '404 outside your scope; 409 when it is decided already or not yet its turn.',
      tags: ['purchasing'],
      access: APPROVERS,
      params: ApprovalIdParams,
      body: ApprovalDecision,
      response: CentralApprovalView,
      errors: [403, 404, 409],
      handler: ({ auth, params, body }) => approvals.decide(userOf(auth), params.id, body),
    }),
  ];
}
