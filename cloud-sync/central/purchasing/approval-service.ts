import type { Selectable } from 'kysely';
import type { CentralRole } from '../../../shared/central/api';
import type { LocalizedText } from '../../../shared/localized-text';
import { segregationBreach } from '../../../shared/permissions-segregation';
import type { ApprovalLevel } from '../../../shared/purchasing/approval-config';
import {
  type ApprovalDecision,
  ApprovalStepEvent,
  type CentralApprovalView,
} from '../../../shared/purchasing/approval-events';
import { LEVEL_NAMES } from '../../../shared/purchasing/approval-routing';
import { ApiHttpError, notFound } from '../../../shared/server/http/errors';
import type { Clock } from '../../../shared/server/runtime/clock';
import type { UserCaller } from '../auth/caller';
import { scopeOf } from '../auth/caller';
import { StoreCommands } from '../commands/store-commands';
import type { CentralDb } from '../db/central-db';
import type { ApprovalTables } from './approvals-migration';

const HOUR_MS = 3_600_000;

/** The level each central role decides; an admin may decide any (the region's last resort). */
const LEVEL_OF_ROLE: Partial<Record<CentralRole, ApprovalLevel>> = {
  regional_manager: 'regional_manager',
  regional_purchaser: 'regional_purchaser',
  finance: 'finance',
};

type Row = Selectable<ApprovalTables['purchasing_approvals']>;

/**
 * Central's side of approval routing: the steps above the store whose turn it is, for the
 * people of that level in their scope, with their age (overdue past the store's limit);
 * and a decision, which is queued as a `purchase.approval` store command. The store applies
 * it to its step and the step's next event brings the outcome back here.
 */
export class ApprovalService {
  readonly #db;
  readonly #commands: StoreCommands;

  constructor(private readonly deps: { db: CentralDb; clock: Clock }) {
    this.#db = deps.db.withTables<ApprovalTables>();
    this.#commands = new StoreCommands({ db: deps.db, clock: deps.clock });
  }

  async list(user: UserCaller, status: 'pending' | 'decided' | 'all'): Promise<CentralApprovalView[]> {
    const scope = scopeOf(user);
    let query = this.#db
      .selectFrom('purchasing_approvals as a')
      .innerJoin('stores', 'stores.id', 'a.store_id')
      .selectAll('a')
      .where('a.level', '!=', 'manager');
    if (scope !== null && 'regionId' in scope) query = query.where('stores.region_id', '=', scope.regionId);
    else if (scope !== null)
      query = query.where('a.store_id', 'in', scope.storeIds.length ? [...scope.storeIds] : ['']);
    const level = LEVEL_OF_ROLE[user.role];
    if (user.role !== 'admin') query = query.where('a.level', '=', level ?? '');
    if (status === 'pending')
      query = query
        .where('a.status', '=', 'pending')
        .where('a.current', '=', 1)
        .where('a.decision', 'is', null);
    if (status === 'decided')
      query = query.where((eb) => eb.or([eb('a.status', '!=', 'pending'), eb('a.decision', 'is not', null)]));
    const rows = await query.orderBy('a.pending_since').orderBy('a.id').limit(500).execute();
    const now = this.deps.clock.now();
    return rows.map((row) => viewOf(row, now));
  }

  async decide(user: UserCaller, id: number, decision: ApprovalDecision): Promise<CentralApprovalView> {
    const row = await this.#db
      .selectFrom('purchasing_approvals')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    // Outside one's scope it does not exist, as for every other store document.
    if (!row || !(await this.#inScope(user, row.store_id))) throw notFound(`no approval ${id} in your scope`);
    const step = ApprovalStepEvent.parse(JSON.parse(row.view));
    const name: LocalizedText = {
      en: `${step.requestKind} purchase request #${step.requestId} of store ${row.store_id}`,
      'zh-CN': `门店 ${row.store_id} 的采购申请 #${step.requestId}`,
    };
    const level = LEVEL_NAMES[step.level];
    if (user.role !== 'admin' && LEVEL_OF_ROLE[user.role] !== step.level)
      throw refused('approval_level', {
        en: `${name.en}: step ${step.step} is the ${level.en}'s to decide, not a ${user.role}'s`,
        'zh-CN': `${name['zh-CN']}：第 ${step.step} 步须由${level['zh-CN']}审批`,
      });
    const breach =
      decision.outcome === 'approved'
        ? segregationBreach(
            [{ step: 'request', by: step.requestedBy }],
            { step: 'approve', by: user.username },
            name,
          )
        : undefined;
    if (breach) throw refused(breach.rule, breach.messages);
    if (row.decision !== null || row.status !== 'pending')
      throw new ApiHttpError(
        409,
        'conflict',
        `${name.en}: step ${step.step} was already decided (${row.decision ?? row.status}) by ${row.decided_by ?? step.decidedBy ?? '?'}`,
      );
    if (row.current !== 1)
      throw new ApiHttpError(409, 'conflict', `${name.en}: step ${step.step} is not yet its turn`);
    const command = await this.#commands.issue(
      row.store_id,
      {
        kind: 'purchase.approval',
        requestKind: step.requestKind,
        requestId: step.requestId,
        step: step.step,
        level: step.level,
        outcome: decision.outcome,
        reason: decision.reason ?? null,
      },
      user.username,
    );
    const at = this.deps.clock.now();
    // Only the first decision wins, should two people press at once.
    const updated = await this.#db
      .updateTable('purchasing_approvals')
      .set({ decision: decision.outcome, decided_by: user.username, decided_at: at, command_id: command.id })
      .where('id', '=', id)
      .where('decision', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!updated)
      throw new ApiHttpError(409, 'conflict', `${name.en}: someone decided step ${step.step} meanwhile`);
    return viewOf(updated, at);
  }

  async #inScope(user: UserCaller, storeId: string): Promise<boolean> {
    const scope = scopeOf(user);
    if (scope === null) return true;
    if (!('regionId' in scope)) return scope.storeIds.includes(storeId);
    const store = await this.#db
      .selectFrom('stores')
      .select('region_id')
      .where('id', '=', storeId)
      .executeTakeFirst();
    return store?.region_id === scope.regionId;
  }
}

/** A refused decision: 403 with why in both languages (the caller may not take this step). */
function refused(rule: string, messages: LocalizedText): ApiHttpError {
  return new ApiHttpError(403, 'forbidden', messages.en, undefined, {}, { messages, rule });
}

function viewOf(row: Row, now: number): CentralApprovalView {
  const step = ApprovalStepEvent.parse(JSON.parse(row.view));
  const since = row.pending_since === null ? step.requestedAt : Number(row.pending_since);
  const end =
    row.status === 'pending' && row.decided_at === null
      ? now
      : Number(row.decided_at ?? step.decidedAt ?? now);
  const ageHours = Math.max(0, Math.round(((end - since) / HOUR_MS) * 10) / 10);
  return {
    ...step,
    id: Number(row.id),
    storeId: row.store_id,
    pendingSince: since,
    ageHours,
    overdue:
      row.status === 'pending' && row.decision === null && end - since > step.overdueAfterHours * HOUR_MS,
    commandId: row.command_id === null ? null : Number(row.command_id),
  };
}
