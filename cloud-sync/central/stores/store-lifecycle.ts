import type { Selectable, Transaction } from 'kysely';
import {
  allowedNextStates,
  type ChangeStoreStateRequest,
  moveProblem,
  type StoreLifecycle,
  StoreLifecycleState,
  type StoreStateChange,
  type StoreStateHistory,
} from '../../../shared/central/store-lifecycle';
import type { Clock } from '../../../shared/server/runtime/clock';
import { StoreTokenRevocations } from '../auth/store-token-revocations';
import { CentralError } from '../central-error';
import type { CentralDb } from '../db/central-db';
import type { CentralTables } from '../db/schema';
import { storeHandover } from './handover-history';

/** Why a move was refused: the HTTP boundary answers 409 (or 400 for a missing reason) with it. */
export class StoreStateMoveError extends Error {
  constructor(
    readonly code: 'MOVE_NOT_ALLOWED' | 'REASON_REQUIRED' | 'SAME_STATE' | 'HANDOVER_REQUIRED',
    readonly from: StoreLifecycleState,
    readonly allowed: readonly StoreLifecycleState[],
    message: string,
  ) {
    super(message);
    this.name = 'StoreStateMoveError';
  }
}

/**
 * Moves stores through their lifecycle (the table in shared/central/store-lifecycle.ts) and
 * keeps the record of every move. The store row holds the state the rest of central reads
 * (token check, webhook enqueue, store list); the change row is appended in the same
 * transaction, and the update only happens if the state is still the one the move started
 * from, so two people moving one store at once cannot both win.
 */
export class StoreLifecycles {
  readonly #revocations: StoreTokenRevocations;

  constructor(private readonly deps: { db: CentralDb; clock: Clock }) {
    this.#revocations = new StoreTokenRevocations(deps.db);
  }

  async current(storeId: string): Promise<StoreLifecycle> {
    const row = await this.deps.db
      .selectFrom('stores')
      .select(['state', 'state_since'])
      .where('id', '=', storeId)
      .executeTakeFirst();
    if (!row) throw new CentralError('NOT_FOUND', `no store "${storeId}"`);
    return { state: StoreLifecycleState.parse(row.state), since: Number(row.state_since) };
  }

  /**
   * A move asked for through the API. A store in commissioning opens on its signed handover
   * (the box's checklist proven and signed, HandoverProjection moves it); before that only an
   * admin opens it, as an override with a reason, which the history keeps as such.
   */
  async change(storeId: string, request: ChangeStoreStateRequest, by: string): Promise<StoreStateChange> {
    const at = this.deps.clock.now();
    if (request.to === 'open' && !request.override) {
      const { state } = await this.current(storeId);
      if (state === 'commissioning' && !(await storeHandover(this.deps.db, storeId)))
        throw new StoreStateMoveError(
          'HANDOVER_REQUIRED',
          state,
          allowedNextStates(state),
          `store "${storeId}" opens when its handover is signed at the box (commissioning checklist ` +
            'proven and signed); no handover has reached central yet. An admin may open it early with ' +
            '`override: true` and a reason.',
        );
    }
    return this.deps.db
      .transaction()
      .execute((trx) => moveStoreIn(trx, storeId, request, by, at, () => this.#revocations.bump(trx)));
  }

  async history(storeId: string): Promise<StoreStateHistory> {
    const current = await this.current(storeId);
    const rows = await this.deps.db
      .selectFrom('store_state_changes')
      .selectAll()
      .where('store_id', '=', storeId)
      .orderBy('id')
      .execute();
    return {
      storeId,
      current,
      changes: rows.map(changeOf),
      handover: await storeHandover(this.deps.db, storeId),
    };
  }
}

/**
 * One move, inside the caller's transaction: the table decides (moveProblem), the store row
 * moves only if it is still in the state the move started from, and the change is appended.
 * Every move goes through here: an admin's request and a store's signed handover alike.
 */
export async function moveStoreIn(
  trx: Transaction<CentralTables>,
  storeId: string,
  request: ChangeStoreStateRequest,
  by: string,
  at: number,
  onClosed: () => Promise<void>,
): Promise<StoreStateChange> {
  const reason = request.reason?.trim() || undefined;
  const row = await trx.selectFrom('stores').select('state').where('id', '=', storeId).executeTakeFirst();
  if (!row) throw new CentralError('NOT_FOUND', `no store "${storeId}"`);
  const from = StoreLifecycleState.parse(row.state);
  const problem = moveProblem({ from, to: request.to, reason, override: request.override });
  if (problem) throw refusal(problem, from, request.to);
  const moved = await trx
    .updateTable('stores')
    .set({ state: request.to, state_since: at })
    .where('id', '=', storeId)
    .where('state', '=', from)
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) === 0)
    throw new CentralError('CONFLICT', `store "${storeId}" changed state meanwhile; read it again`);
  const inserted = await trx
    .insertInto('store_state_changes')
    .values({
      store_id: storeId,
      from_state: from,
      to_state: request.to,
      reason: reason ?? null,
      changed_by: by,
      changed_at: at,
      override: request.override ? 1 : 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // A closed store's tokens die everywhere at once: every central process drops its cached
  // verifications when this version moves, and reads the store's state with the token row.
  if (request.to === 'closed') await onClosed();
  return {
    id: Number(inserted.id),
    storeId,
    from,
    to: request.to,
    reason: reason ?? null,
    by,
    at,
    override: request.override,
  };
}

function refusal(
  problem: 'same_state' | 'not_allowed' | 'reason_required',
  from: StoreLifecycleState,
  to: StoreLifecycleState,
): StoreStateMoveError {
  const allowed = allowedNextStates(from);
  const next = allowed.length > 0 ? allowed.join(', ') : 'none (closed is final)';
  switch (problem) {
    case 'same_state':
      return new StoreStateMoveError(
        'SAME_STATE',
        from,
        allowed,
        `the store is already ${from}; allowed next: ${next}`,
      );
    case 'not_allowed':
      return new StoreStateMoveError(
        'MOVE_NOT_ALLOWED',
        from,
        allowed,
        `a store may not move from ${from} to ${to}; allowed next: ${next}`,
      );
    case 'reason_required':
      return new StoreStateMoveError(
        'REASON_REQUIRED',
        from,
        allowed,
        `moving to ${to}${to === 'temporarily_closed' || to === 'closing' ? '' : ' by override'} needs a reason`,
      );
  }
}

type ChangeRow = Selectable<CentralTables['store_state_changes']>;

function changeOf(row: ChangeRow): StoreStateChange {
  return {
    id: Number(row.id),
    storeId: row.store_id,
    from: row.from_state === null ? null : StoreLifecycleState.parse(row.from_state),
    to: StoreLifecycleState.parse(row.to_state),
    reason: row.reason,
    by: row.changed_by,
    at: Number(row.changed_at),
    override: Number(row.override) === 1,
  };
}
