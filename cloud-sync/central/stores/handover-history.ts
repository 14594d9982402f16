import {
  COMMISSIONING_HANDOVER_EVENT,
  HandoverEventPayload,
  type HandoverSignature,
} from '../../../shared/api/commissioning-handover';
import type { CentralDb } from '../db/central-db';

/**
 * A store's signed handover as central received it, read from the events it keeps
 * (`sync_events`, never pruned for a store's history): the box signs once, so the first
 * one stored is the one. No table of its own: the event is the record.
 */
export async function storeHandover(db: CentralDb, storeId: string): Promise<HandoverSignature | null> {
  const row = await db
    .selectFrom('sync_events')
    .select('payload')
    .where('store_id', '=', storeId)
    // kind first: the (store_id, kind, entity_id, ts) index finds it without a scan
    .where('kind', '=', 'commissioning')
    .where('type', '=', COMMISSIONING_HANDOVER_EVENT)
    .orderBy('seq')
    .executeTakeFirst();
  if (!row) return null;
  const parsed = HandoverEventPayload.safeParse(JSON.parse(row.payload));
  return parsed.success ? parsed.data : null;
}
