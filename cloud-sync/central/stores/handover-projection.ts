import type { Transaction } from 'kysely';
import {
  COMMISSIONING_HANDOVER_EVENT,
  HandoverEventPayload,
  type HandoverSignature,
} from '../../../shared/api/commissioning-handover';
import type { SyncEvent } from '../../../shared/sync/sync-protocol';
import type { CentralTables } from '../db/schema';
import { invalid, type ProjectionOutcome } from '../ingest/projection-outcome';
import { moveStoreIn } from './store-lifecycle';

type Trx = Transaction<CentralTables>;

/** The reason the state history shows for a store opened by its handover. */
export function handoverReason(signature: HandoverSignature): string {
  return signature.overrideReason === null
    ? 'handover signed'
    : `handover signed; checklist overridden: ${signature.overrideReason}`;
}

/**
 * `commissioning.handover`: a store still in `commissioning` opens when its box reports
 * the handover signed, moved by the signer through the one place that moves stores
 * (moveStoreIn, the table in shared/central/store-lifecycle.ts decides). A store in any
 * other state does not move (a store still fitting out is not opened by a box that signed
 * early; an open one stays open); the handover itself stays readable in its state history
 * either way, from the event central keeps.
 */
export class HandoverProjection {
  readonly #signed = new Map<string, HandoverSignature>();

  static projects(type: string): boolean {
    return type === COMMISSIONING_HANDOVER_EVENT;
  }

  add(storeId: string, event: SyncEvent): ProjectionOutcome {
    const parsed = HandoverEventPayload.safeParse(event.payload);
    if (!parsed.success) return invalid(parsed.error);
    // The box signs once; the first seen in the group is the one.
    if (!this.#signed.has(storeId)) this.#signed.set(storeId, parsed.data);
    return { kind: 'projected' };
  }

  async apply(trx: Trx): Promise<void> {
    for (const [storeId, signature] of this.#signed) {
      const store = await trx
        .selectFrom('stores')
        .select('state')
        .where('id', '=', storeId)
        .executeTakeFirst();
      if (store?.state !== 'commissioning') continue;
      await moveStoreIn(
        trx,
        storeId,
        { to: 'open', reason: handoverReason(signature), override: false },
        signature.signedBy,
        signature.signedAt,
        // Opening never closes: nothing to revoke.
        async () => {},
      );
    }
  }
}
