import type { PurchaseTransitionRequest } from '../../../shared/api/parts';
import type { StockPurchaseTransition } from '../../../shared/api/stock';
import type { ApprovalCommand } from '../../../shared/purchasing/approval-events';
import type { Role } from '../../../shared/roles';
import type { Clock } from '../../../shared/server/runtime/clock';
import { atomic } from '../../store/atomic';
import type { Database } from '../../store/database';
import type { ApprovalGate } from './approval-gate';

/** The two rooms whose requests a central decision may settle (narrowed for this file). */
export interface ApprovalRooms {
  stock: { transitionPurchase(id: number, step: StockPurchaseTransition, actor: { id: string }): unknown };
  parts?: {
    transitionPurchase(
      id: number,
      request: PurchaseTransitionRequest,
      actor: { id: string; role: Role },
    ): unknown;
  };
}

/**
 * Applies a central user's decision (a `purchase.approval` store command) to its step, in
 * one transaction with what follows: when it was the last step, or a rejection, the
 * request itself becomes approved or rejected through its room's own transition, so the
 * history, outbox and segregation checks stay that room's. A command delivered twice
 * applies once (the step keeps the command's id).
 */
export function approvalCommandApplier(deps: {
  db: Database;
  gate: ApprovalGate;
  rooms: ApprovalRooms;
  clock: Clock;
}) {
  const run = atomic(deps.db);
  return (action: ApprovalCommand, commandId: number, issuedBy: string): void =>
    run(() => {
      const at = deps.clock.now();
      const { outcome, duplicate } = deps.gate.applyCentral(action, commandId, issuedBy, at);
      if (duplicate || outcome === 'pending') return;
      // Regional staff act at the store as its manager would (edge/sync/store-command-applier.ts).
      const actor = { id: `central:${issuedBy}`, role: 'manager' as const };
      const step =
        outcome === 'rejected'
          ? { to: 'rejected' as const, note: action.reason ?? `rejected at central by ${issuedBy}` }
          : { to: 'approved' as const, ...(action.reason ? { note: action.reason } : {}) };
      if (action.requestKind === 'ingredient')
        deps.rooms.stock.transitionPurchase(action.requestId, step, actor);
      else if (deps.rooms.parts) deps.rooms.parts.transitionPurchase(action.requestId, step, actor);
      else throw new Error('this store has no spare-parts room to apply the decision to');
    });
}
