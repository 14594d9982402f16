import type { LocalizedText } from '../../../shared/localized-text';
import type { ApprovalLevel } from '../../../shared/purchasing/approval-config';
import type { RequestKind, StepStatus } from '../../../shared/purchasing/approval-events';
import type { Database } from '../../store/database';

export interface StepRow {
  request_kind: RequestKind;
  request_id: number;
  step: number;
  level: ApprovalLevel;
  status: StepStatus;
  why_json: string;
  item: string;
  qty: string;
  amount: string | null;
  currency: string;
  requested_by: string;
  requested_at: number;
  by: string | null;
  at: number | null;
  reason: string | null;
  delegated_from: string | null;
  command_id: number | null;
}

export interface NewStep {
  level: ApprovalLevel;
  why: LocalizedText;
  /** a delegate named when routing: only they decide this step */
  assignee: string | null;
  delegatedFrom: string | null;
}

export interface RequestFacts {
  kind: RequestKind;
  id: number;
  item: string;
  qty: string;
  amount: string | null;
  currency: string;
  requestedBy: string;
  requestedAt: number;
}

export interface StepDecision {
  status: 'approved' | 'rejected';
  by: string;
  at: number;
  reason: string | null;
  delegatedFrom: string | null;
  commandId: number | null;
}

/**
 * SQL of approval steps and delegations (migration 031); callers hold the transaction.
 * A step named for a delegate keeps the delegate in `by` while pending: the decision
 * overwrites it with whoever decided.
 */
export class ApprovalStore {
  readonly #s;

  constructor(db: Database) {
    this.#s = {
      steps: db.prepare<[string, number], StepRow>(
        'SELECT * FROM purchase_approval_steps WHERE request_kind = ? AND request_id = ? ORDER BY step',
      ),
      insert: db.prepare(
        `INSERT INTO purchase_approval_steps
           (request_kind, request_id, step, level, status, why_json, item, qty, amount, currency,
            requested_by, requested_at, by, delegated_from)
         VALUES (@kind, @id, @step, @level, 'pending', @why, @item, @qty, @amount, @currency,
            @requestedBy, @requestedAt, @assignee, @delegatedFrom)`,
      ),
      decide: db.prepare(
        `UPDATE purchase_approval_steps
            SET status = @status, by = @by, at = @at, reason = @reason, delegated_from = @delegatedFrom,
                command_id = @commandId
          WHERE request_kind = @kind AND request_id = @id AND step = @step AND status = 'pending'`,
      ),
      delegate: db.prepare(
        `INSERT INTO purchase_approval_delegations (level, from_user, to_user, until, note, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      delegationById: db.prepare<[number], DelegationRow>(
        'SELECT * FROM purchase_approval_delegations WHERE id = ?',
      ),
      activeTo: db.prepare<[string, string, number], DelegationRow>(
        `SELECT * FROM purchase_approval_delegations
          WHERE to_user = ? AND level = ? AND until > ? ORDER BY id DESC LIMIT 1`,
      ),
      activeFrom: db.prepare<[string, string, number], DelegationRow>(
        `SELECT * FROM purchase_approval_delegations
          WHERE from_user = ? AND level = ? AND until > ? ORDER BY id DESC LIMIT 1`,
      ),
      active: db.prepare<[number], DelegationRow>(
        'SELECT * FROM purchase_approval_delegations WHERE until > ? ORDER BY id DESC LIMIT 200',
      ),
    };
  }

  steps(kind: RequestKind, id: number): StepRow[] {
    return this.#s.steps.all(kind, id);
  }

  insert(request: RequestFacts, steps: readonly NewStep[]): void {
    steps.forEach((s, i) => {
      this.#s.insert.run({
        kind: request.kind,
        id: request.id,
        step: i + 1,
        level: s.level,
        why: JSON.stringify(s.why),
        item: request.item,
        qty: request.qty,
        amount: request.amount,
        currency: request.currency,
        requestedBy: request.requestedBy,
        requestedAt: request.requestedAt,
        assignee: s.assignee,
        delegatedFrom: s.delegatedFrom,
      });
    });
  }

  /** False when the step was no longer pending (decided meanwhile): nothing changed. */
  decide(kind: RequestKind, id: number, step: number, decision: StepDecision): boolean {
    return this.#s.decide.run({ kind, id, step, ...decision }).changes === 1;
  }

  delegate(level: ApprovalLevel, from: string, to: string, until: number, note: string | null, at: number) {
    const id = Number(this.#s.delegate.run(level, from, to, until, note, at).lastInsertRowid);
    const row = this.#s.delegationById.get(id);
    if (!row) throw new Error(`delegation ${id} vanished in its own transaction`);
    return row;
  }

  /** The newest delegation of `level` to `to` still running at `at` (its end date excluded). */
  activeTo(to: string, level: ApprovalLevel, at: number): DelegationRow | undefined {
    return this.#s.activeTo.get(to, level, at);
  }

  activeFrom(from: string, level: ApprovalLevel, at: number): DelegationRow | undefined {
    return this.#s.activeFrom.get(from, level, at);
  }

  active(at: number): DelegationRow[] {
    return this.#s.active.all(at);
  }
}

export interface DelegationRow {
  id: number;
  level: ApprovalLevel;
  from_user: string;
  to_user: string;
  until: number;
  note: string | null;
  created_at: number;
}
