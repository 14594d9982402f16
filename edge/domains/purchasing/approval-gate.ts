import type { StoreConfig } from '../../../shared/config/store-config';
import type { LocalizedText } from '../../../shared/localized-text';
import { segregationBreach } from '../../../shared/permissions-segregation';
import { type ApprovalLevel, isStoreLevel } from '../../../shared/purchasing/approval-config';
import { estimateGross } from '../../../shared/purchasing/approval-estimate';
import {
  APPROVAL_EVENT,
  type ApprovalCommand,
  type ApprovalStepEvent,
  type RequestKind,
} from '../../../shared/purchasing/approval-events';
import { LEVEL_HOLDERS, LEVEL_NAMES, routeApproval } from '../../../shared/purchasing/approval-routing';
import type { Database } from '../../store/database';
import { OutboxWriter } from '../../sync/outbox-writer';
import { ApprovalRefused } from './approval-errors';
import { hasOrderedFrom, hasOrderedItem } from './approval-novelty';
import { ApprovalStore, type NewStep, type RequestFacts, type StepRow } from './approval-store';

/** A purchase request as the stock and parts rooms know it. */
export interface ApprovalSubject {
  kind: RequestKind;
  id: number;
  item: string;
  /** in the item's base units (g, ml, each) */
  baseQty: string;
  requestedBy: string;
  requestedAt: number;
}

/** Where a request stands after a decision: only the last approved step approves it. */
export type ApprovalOutcome = 'approved' | 'rejected' | 'pending';

export interface ApprovalGateDeps {
  db: Database;
  storeId: string;
  config: () => StoreConfig;
}

/**
 * The one gate both purchase-request rooms pass an approval through. A request is routed
 * when it is made (shared/purchasing/approval-routing.ts): its steps, in order, by amount,
 * category and novelty. The store manager's step is decided here on the box; the levels
 * above the store go up as `purchasing.approval` events, are decided at central and come
 * back as store commands (`applyCentral`). Callers hold the transaction.
 */
export class ApprovalGate {
  readonly #deps: ApprovalGateDeps;
  readonly #store: ApprovalStore;
  readonly #outbox: OutboxWriter;

  constructor(deps: ApprovalGateDeps) {
    this.#deps = deps;
    this.#store = new ApprovalStore(deps.db);
    this.#outbox = new OutboxWriter(deps.db, deps.storeId);
  }

  /** Writes the request's steps once and sends them up; routing again changes nothing. */
  route(subject: ApprovalSubject, at: number): StepRow[] {
    const existing = this.#store.steps(subject.kind, subject.id);
    if (existing.length > 0) return existing;
    const config = this.#deps.config();
    const suppliers = config.purchasing.suppliers;
    const estimate = estimateGross(
      { kind: subject.kind, id: subject.item, baseQty: subject.baseQty },
      suppliers,
    );
    const supplier = suppliers.find((s) => s.id === estimate?.supplier);
    const roles = this.#rolesOf(subject.requestedBy);
    // A 店长 away may have named a deputy: the store step stays, theirs to decide.
    const deputy = holds(roles, 'manager')
      ? this.#store.activeFrom(subject.requestedBy, 'manager', at)
      : undefined;
    const plan = routeApproval(
      {
        amount: estimate?.gross ?? null,
        category: subject.kind,
        newSupplier: supplier ? (supplier.new ?? !hasOrderedFrom(this.#deps.db, supplier.id)) : false,
        // What a vetted supplier lists was vetted with it; anything else is new until first ordered.
        newItem: supplier?.new === false ? false : !hasOrderedItem(this.#deps.db, subject.kind, subject.item),
        requesterRoles: deputy ? roles.filter((r) => !LEVEL_HOLDERS.manager.includes(r)) : roles,
      },
      config.purchasing.approval,
    );
    const steps: NewStep[] = plan.map((p) =>
      p.level === 'manager' && deputy
        ? {
            level: p.level,
            why: {
              en: `${p.why.en}; ${deputy.from_user} delegated it to ${deputy.to_user}`,
              'zh-CN': `${p.why['zh-CN']}；${deputy.from_user} 已委托 ${deputy.to_user} 审批`,
            },
            assignee: deputy.to_user,
            delegatedFrom: deputy.from_user,
          }
        : { level: p.level, why: p.why, assignee: null, delegatedFrom: null },
    );
    const facts: RequestFacts = {
      kind: subject.kind,
      id: subject.id,
      item: subject.item,
      qty: subject.baseQty,
      amount: estimate?.gross ?? null,
      currency: estimate?.currency ?? 'CNY',
      requestedBy: subject.requestedBy,
      requestedAt: subject.requestedAt,
    };
    this.#store.insert(facts, steps);
    const rows = this.#store.steps(subject.kind, subject.id);
    for (const row of rows) this.#emit(rows, row, at);
    return rows;
  }

  steps(kind: RequestKind, id: number): ApprovalStepEvent[] {
    const rows = this.#store.steps(kind, id);
    return rows.map((row) => this.#eventOf(rows, row));
  }

  #eventOf(rows: readonly StepRow[], row: StepRow): ApprovalStepEvent {
    return {
      ...eventOf(rows, row),
      overdueAfterHours: this.#deps.config().purchasing.approval.overdueAfterHours,
    };
  }

  /**
   * A person on the box approves or rejects the step whose turn it is. Refused (in both
   * languages) when that step is decided at central, when the person requested it, or when
   * the level is not theirs (no role for it and no running delegation). Once every step is
   * decided it only tells the outcome, so the central decision's own transition passes.
   */
  decide(
    subject: ApprovalSubject,
    outcome: 'approved' | 'rejected',
    by: string,
    at: number,
    reason: string | null,
  ): ApprovalOutcome {
    const rows = this.route(subject, at);
    const settled = settledOutcome(rows);
    if (settled) return settled;
    const current = currentOf(rows);
    if (!current) return 'approved';
    const name = documentName(subject);
    // Approving is the duty kept apart; a requester may still reject (withdraw) their own request.
    const breach =
      outcome === 'approved'
        ? segregationBreach([{ step: 'request', by: subject.requestedBy }], { step: 'approve', by }, name)
        : undefined;
    if (breach) throw new ApprovalRefused('APPROVAL_SEGREGATED', breach.messages, breach.rule);
    if (!isStoreLevel(current.level))
      throw new ApprovalRefused('APPROVAL_AT_CENTRAL', {
        en: `${name.en} waits for the ${LEVEL_NAMES[current.level].en} at central (step ${current.step} of ${rows.length})`,
        'zh-CN': `${name['zh-CN']}正在等待总部${LEVEL_NAMES[current.level]['zh-CN']}审批（第 ${current.step}/${rows.length} 步）`,
      });
    const delegatedFrom = this.#authority(current, by, at, name);
    this.#decide(rows, current, { status: outcome, by, at, reason, delegatedFrom, commandId: null });
    return outcome === 'rejected' ? 'rejected' : current.step === rows.length ? 'approved' : 'pending';
  }

  /**
   * A central user's decision, delivered as store command `commandId`. Applying the same
   * command again changes nothing and answers `duplicate`; a decision on a step that is
   * not the current one, or of another level, is refused with why.
   */
  applyCentral(
    command: ApprovalCommand,
    commandId: number,
    issuedBy: string,
    at: number,
  ): { outcome: ApprovalOutcome; duplicate: boolean } {
    const rows = this.#store.steps(command.requestKind, command.requestId);
    const name: LocalizedText = {
      en: `${command.requestKind} purchase request #${command.requestId}`,
      'zh-CN': `采购申请 #${command.requestId}`,
    };
    const step = rows.find((r) => r.step === command.step);
    if (!step || step.level !== command.level)
      throw new ApprovalRefused('APPROVAL_NOT_YOURS', {
        en: `${name.en} has no ${command.level} step ${command.step}`,
        'zh-CN': `${name['zh-CN']}没有第 ${command.step} 步（${LEVEL_NAMES[command.level]['zh-CN']}）`,
      });
    if (step.command_id === commandId) return { outcome: settledOutcome(rows) ?? 'pending', duplicate: true };
    if (step.status !== 'pending')
      throw new ApprovalRefused('APPROVAL_NOT_YOURS', {
        en: `${name.en}: step ${step.step} was already ${step.status} by ${step.by ?? '?'}`,
        'zh-CN': `${name['zh-CN']}：第 ${step.step} 步已由 ${step.by ?? '?'} 处理（${step.status}）`,
      });
    const current = currentOf(rows);
    if (current?.step !== step.step)
      throw new ApprovalRefused('APPROVAL_NOT_YOURS', {
        en: `${name.en}: step ${step.step} is not yet its turn (step ${current?.step ?? '?'} comes first)`,
        'zh-CN': `${name['zh-CN']}：尚未轮到第 ${step.step} 步（须先完成第 ${current?.step ?? '?'} 步）`,
      });
    this.#decide(rows, step, {
      status: command.outcome,
      by: `central:${issuedBy}`,
      at,
      reason: command.reason,
      delegatedFrom: null,
      commandId,
    });
    const after = this.#store.steps(command.requestKind, command.requestId);
    return { outcome: settledOutcome(after) ?? 'pending', duplicate: false };
  }

  get store(): ApprovalStore {
    return this.#store;
  }

  /** Whose level the person decides in: null for their own, the delegator's id for a delegation. */
  #authority(step: StepRow, by: string, at: number, name: LocalizedText): string | null {
    const level = LEVEL_NAMES[step.level];
    if (step.by !== null) {
      if (step.by === by) return step.delegated_from;
      throw new ApprovalRefused('APPROVAL_NOT_YOURS', {
        en: `${name.en}: the ${level.en} step is delegated to ${step.by} by ${step.delegated_from ?? '?'}`,
        'zh-CN': `${name['zh-CN']}：${level['zh-CN']}审批已由 ${step.delegated_from ?? '?'} 委托给 ${step.by}`,
      });
    }
    if (holds(this.#rolesOf(by), step.level)) return null;
    const delegation = this.#store.activeTo(by, step.level, at);
    if (delegation) return delegation.from_user;
    throw new ApprovalRefused('APPROVAL_NOT_YOURS', {
      en: `${name.en}: ${by} does not hold the ${level.en} level and has no running delegation of it`,
      'zh-CN': `${name['zh-CN']}：${by} 没有${level['zh-CN']}审批权限，也没有有效的委托`,
    });
  }

  /** Records a decision; a rejection closes the steps after it; the next step's turn goes up. */
  #decide(rows: StepRow[], step: StepRow, decision: Parameters<ApprovalStore['decide']>[3]): void {
    const { request_kind: kind, request_id: id } = step;
    this.#store.decide(kind, id, step.step, decision);
    if (decision.status === 'rejected')
      for (const later of rows.filter((r) => r.step > step.step && r.status === 'pending'))
        this.#store.decide(kind, id, later.step, {
          status: 'rejected',
          by: decision.by,
          at: decision.at,
          reason: `closed: step ${step.step} (${step.level}) rejected the request`,
          delegatedFrom: null,
          commandId: null,
        });
    const after = this.#store.steps(kind, id);
    // The decided step and every one after it: the next one's turn has come, or they closed.
    for (const row of after) if (row.step >= step.step) this.#emit(after, row, decision.at);
  }

  #emit(rows: StepRow[], row: StepRow, at: number): void {
    this.#outbox.append({
      type: APPROVAL_EVENT,
      entityId: `${row.request_kind}:${row.request_id}:${row.step}`,
      ts: at,
      payload: this.#eventOf(rows, row),
    });
  }

  #rolesOf(userId: string): string[] {
    const user = this.#deps.config().users.find((u) => u.id === userId);
    return user ? [user.role, ...(user.roles ?? [])] : [];
  }
}

function holds(roles: readonly string[], level: ApprovalLevel): boolean {
  return roles.some((r) => LEVEL_HOLDERS[level].includes(r));
}

function currentOf(rows: readonly StepRow[]): StepRow | undefined {
  return rows.find((r) => r.status === 'pending');
}

/** Approved once every step is; rejected once any is; undefined while a step waits. */
function settledOutcome(rows: readonly StepRow[]): 'approved' | 'rejected' | undefined {
  if (rows.some((r) => r.status === 'rejected')) return 'rejected';
  return rows.every((r) => r.status === 'approved') ? 'approved' : undefined;
}

function documentName(subject: ApprovalSubject): LocalizedText {
  return {
    en: `${subject.kind} purchase request #${subject.id}`,
    'zh-CN': `${subject.kind === 'part' ? '备件' : '食材'}采购申请 #${subject.id}`,
  };
}

function eventOf(rows: readonly StepRow[], row: StepRow): Omit<ApprovalStepEvent, 'overdueAfterHours'> {
  const pending = row.status === 'pending';
  return {
    requestKind: row.request_kind,
    requestId: row.request_id,
    step: row.step,
    steps: rows.length,
    level: row.level,
    status: row.status,
    current: pending && rows.filter((r) => r.step < row.step).every((r) => r.status === 'approved'),
    item: row.item,
    qty: row.qty,
    amount: row.amount,
    currency: row.currency,
    why: JSON.parse(row.why_json) as LocalizedText,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    decidedBy: pending ? null : row.by,
    decidedAt: row.at,
    reason: row.reason,
    delegatedFrom: row.delegated_from,
  };
}
