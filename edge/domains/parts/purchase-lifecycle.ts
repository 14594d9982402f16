import type { PurchaseStatus } from '../../../shared/api/parts';
import type { Permission } from '../../../shared/permissions';
import { peopleRolesWith, roleNamesMayDo } from '../../../shared/permissions-table';
import type { TicketActor } from '../tickets/ticket-lifecycle';
import { PartsError } from './parts-errors';

/** 申请 requested → 审批 approved | rejected → 收货 received; rejected and received are final. */
export const PURCHASE_NEXT: Record<PurchaseStatus, readonly PurchaseStatus[]> = {
  requested: ['approved', 'rejected'],
  approved: ['received'],
  rejected: [],
  received: [],
};

/** Deciding is the manager's permission, receiving the receiver's too (shared/permissions-table.ts). */
export function purchaseStepPermission(to: PurchaseStatus): Permission {
  return to === 'received' ? 'purchase_requests.receive' : 'purchase_requests.approve';
}

export function checkPurchaseTransition(from: PurchaseStatus, to: PurchaseStatus, actor: TicketActor): void {
  const allowed = PURCHASE_NEXT[from];
  if (!allowed.includes(to)) {
    const next = allowed.length ? allowed.join(', ') : `nothing (${from} is final)`;
    throw new PartsError(
      'PURCHASE_ILLEGAL_TRANSITION',
      `a ${from} purchase request cannot become ${to}; allowed: ${next}`,
      allowed,
    );
  }
  const permission = purchaseStepPermission(to);
  if (!roleNamesMayDo([actor.role], permission)) {
    throw new PartsError(
      'PURCHASE_FORBIDDEN',
      `${actor.role} may not set a purchase request to ${to}; ${peopleRolesWith(permission).join(', ')} may`,
    );
  }
}
