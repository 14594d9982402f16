import type { StoreUser } from '../../../shared/config/users';
import { roleNamesMayDo } from '../../../shared/permissions-table';
import { isStoreLevel } from '../../../shared/purchasing/approval-config';
import type { DelegationRequest, DelegationView } from '../../../shared/purchasing/approval-events';
import { LEVEL_HOLDERS, LEVEL_NAMES } from '../../../shared/purchasing/approval-routing';
import type { Database } from '../../store/database';
import { ApprovalRefused } from './approval-errors';
import { ApprovalStore, type DelegationRow } from './approval-store';

/** A delegation is for an absence, not a standing arrangement: at most this long. */
export const MAX_DELEGATION_MS = 90 * 24 * 3_600_000;

/**
 * A manager hands their approval level to another person until a date (委托审批): used
 * when a request is routed (a 店长's own request stays at the store, for the deputy) and
 * when a step is decided; past its end date it is ignored. Levels above the store are the
 * region's to delegate, not the box's.
 */
export class ApprovalDelegations {
  readonly #store: ApprovalStore;

  constructor(
    db: Database,
    private readonly users: () => readonly StoreUser[],
  ) {
    this.#store = new ApprovalStore(db);
  }

  delegate(
    from: { id: string; roles: readonly string[] },
    request: DelegationRequest,
    at: number,
  ): DelegationView {
    const level = LEVEL_NAMES[request.level];
    const refuse = (en: string, zh: string) => new ApprovalRefused('DELEGATION_REFUSED', { en, 'zh-CN': zh });
    if (!isStoreLevel(request.level))
      throw refuse(
        `the ${level.en} level is decided at central and delegated there, not on the store's box`,
        `${level['zh-CN']}审批在总部进行，须在总部委托`,
      );
    if (!from.roles.some((r) => LEVEL_HOLDERS[request.level].includes(r)))
      throw refuse(
        `${from.id} does not hold the ${level.en} level to delegate`,
        `${from.id} 没有${level['zh-CN']}审批权限，无法委托`,
      );
    const to = this.users().find((u) => u.id === request.to);
    if (!to) throw refuse(`no store user "${request.to}"`, `门店没有用户 "${request.to}"`);
    if (to.id === from.id) throw refuse('a delegation goes to someone else', '不能委托给自己');
    // The delegate still passes the route's own permission check, so they must be able to approve.
    if (!roleNamesMayDo([to.role, ...(to.roles ?? [])], 'purchase_requests.approve'))
      throw refuse(
        `${to.id} may not approve purchase requests (needs a role with purchase_requests.approve)`,
        `${to.id} 没有审批采购申请的权限`,
      );
    if (request.until <= at) throw refuse('the end date has already passed', '委托截止时间已过');
    if (request.until > at + MAX_DELEGATION_MS)
      throw refuse('a delegation runs at most 90 days', '委托期限最长 90 天');
    return viewOf(
      this.#store.delegate(request.level, from.id, to.id, request.until, request.note ?? null, at),
    );
  }

  /** Delegations still running at `at`, newest first. */
  active(at: number): DelegationView[] {
    return this.#store.active(at).map(viewOf);
  }
}

function viewOf(row: DelegationRow): DelegationView {
  return {
    id: row.id,
    level: row.level,
    from: row.from_user,
    to: row.to_user,
    until: row.until,
    createdAt: row.created_at,
    note: row.note,
  };
}
