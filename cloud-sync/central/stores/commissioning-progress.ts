import {
  COMMISSIONING_PROGRESS_EVENT,
  CommissioningProgress,
} from '../../../shared/api/commissioning-progress';
import type { StoreCommissioning } from '../../../shared/central/commissioning-progress';
import { StoreLifecycleState } from '../../../shared/central/store-lifecycle';
import type { Logger } from '../../../shared/server/runtime/logger';
import type { StoreScope } from '../auth/caller';
import type { CentralDb } from '../db/central-db';
import { inScope } from '../db/scope-filter';
import { storeHandover } from './handover-history';

/**
 * A store's newest `commissioning.progress` as central stored it, read from the events it
 * keeps (`sync_events`; commissioning events do not expire): the box sends one when what it
 * shows changes, so the newest is the store's progress now. No table of its own, as with the
 * handover: the event is the record, and the (store_id, kind, entity_id, ts) index finds it.
 */
export async function latestProgress(
  db: CentralDb,
  storeId: string,
  log?: Logger,
): Promise<{ progress: CommissioningProgress; receivedAt: number } | null> {
  const row = await db
    .selectFrom('sync_events')
    .select(['payload', 'received_at', 'seq'])
    .where('store_id', '=', storeId)
    .where('kind', '=', 'commissioning')
    .where('entity_id', '=', storeId)
    .where('type', '=', COMMISSIONING_PROGRESS_EVENT)
    .orderBy('ts', 'desc')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  const parsed = CommissioningProgress.safeParse(JSON.parse(row.payload));
  if (!parsed.success) {
    // Kept as history like every event; the page shows no progress rather than a wrong one.
    log?.warn(
      { storeId, seq: Number(row.seq), issues: parsed.error.issues.length },
      'progress event unreadable',
    );
    return null;
  }
  return { progress: parsed.data, receivedAt: Number(row.received_at) };
}

/** One store's commissioning: its state, the newest progress and its signed handover. */
export async function storeCommissioning(
  db: CentralDb,
  store: { id: string; state: string; stateSince: number },
  log?: Logger,
): Promise<StoreCommissioning> {
  const latest = await latestProgress(db, store.id, log);
  return {
    storeId: store.id,
    lifecycle: { state: StoreLifecycleState.parse(store.state), since: store.stateSince },
    progress: latest?.progress ?? null,
    receivedAt: latest?.receivedAt ?? null,
    handover: await storeHandover(db, store.id),
  };
}

/** The stores in scope being commissioned now, each with its progress, by id. */
export async function storesInCommissioning(
  db: CentralDb,
  scope: StoreScope,
  log?: Logger,
): Promise<StoreCommissioning[]> {
  const stores = await db
    .selectFrom('stores')
    .select(['id', 'state', 'state_since'])
    .where('state', '=', 'commissioning')
    .where((eb) => inScope(eb, scope))
    .orderBy('id')
    .execute();
  // A handful of stores open at a time in a region: one indexed read each.
  return Promise.all(
    stores.map((s) =>
      storeCommissioning(db, { id: s.id, state: s.state, stateSince: Number(s.state_since) }, log),
    ),
  );
}
