import type { Kysely, Transaction } from 'kysely';
import { APPROVAL_EVENT, ApprovalStepEvent } from '../../../shared/purchasing/approval-events';
import type { SyncEvent } from '../../../shared/sync/sync-protocol';
import type { CentralTables } from '../db/schema';
import { invalid, type ProjectionOutcome } from '../ingest/projection-outcome';
import type { ApprovalTables } from './approvals-migration';

type Trx = Transaction<CentralTables>;
type Change = { storeId: string; seq: number; ts: number; value: ApprovalStepEvent };

/**
 * `purchasing.approval` → one row per step of a store's request. Only the store's latest
 * event of a step counts (by seq), so a repeated or late batch never rolls a decision
 * back. `pending_since` is when the step's turn came (the event's time at the store), the
 * clock its age and overdue flag run on.
 */
export class ApprovalProjection {
  readonly #changes: Change[] = [];

  static projects(type: string): boolean {
    return type === APPROVAL_EVENT;
  }

  add(storeId: string, event: SyncEvent): ProjectionOutcome {
    const parsed = ApprovalStepEvent.safeParse(event.payload);
    if (!parsed.success) return invalid(parsed.error);
    this.#changes.push({ storeId, seq: event.seq, ts: event.ts, value: parsed.data });
    return { kind: 'projected' };
  }

  async apply(trx: Trx): Promise<void> {
    if (this.#changes.length === 0) return;
    const db = (trx as Kysely<CentralTables>).withTables<ApprovalTables>();
    for (const { storeId, seq, ts, value } of [...this.#changes].sort((a, b) => a.seq - b.seq)) {
      const held = await db
        .selectFrom('purchasing_approvals')
        .select(['last_seq', 'pending_since'])
        .where('store_id', '=', storeId)
        .where('request_kind', '=', value.requestKind)
        .where('request_id', '=', value.requestId)
        .where('step', '=', value.step)
        .executeTakeFirst();
      const since = value.current ? ts : null;
      const row = {
        level: value.level,
        status: value.status,
        current: value.current ? 1 : 0,
        view: JSON.stringify(value),
        last_seq: seq,
      };
      if (!held) {
        await db
          .insertInto('purchasing_approvals')
          .values({
            store_id: storeId,
            request_kind: value.requestKind,
            request_id: value.requestId,
            step: value.step,
            pending_since: since,
            ...row,
          })
          .execute();
        continue;
      }
      if (Number(held.last_seq) >= seq) continue;
      await db
        .updateTable('purchasing_approvals')
        .set({ ...row, pending_since: held.pending_since ?? since })
        .where('store_id', '=', storeId)
        .where('request_kind', '=', value.requestKind)
        .where('request_id', '=', value.requestId)
        .where('step', '=', value.step)
        .execute();
    }
  }
}
