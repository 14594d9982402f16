import { sql, type Transaction } from 'kysely';
import { type SyncEvent, SyncEventKind } from '../../../shared/sync/sync-protocol';
import type { CentralDialect } from '../db/central-db';
import { inPieces } from '../db/rows-per-statement';
import type { CentralTables } from '../db/schema';

type Trx = Transaction<CentralTables>;

export interface EventToStore {
  storeId: string;
  event: SyncEvent;
}

/** The key of one stored event in what insertEvents returns. */
export function eventKey(storeId: string, seq: number): string {
  return `${storeId}\u0000${seq}`;
}

/**
 * Inserts the events not held yet; returns central's id of each newly stored one by
 * eventKey. An event already held (the once-key is (store_id, seq) on SQLite and
 * (store_id, seq, kind, ts) on partitioned PostgreSQL, migration 016) is skipped, and so
 * is a second copy within the same call: the first one is stored.
 */
export async function insertEvents(
  trx: Trx,
  dialect: CentralDialect,
  events: readonly EventToStore[],
  receivedAt: number,
): Promise<Map<string, number>> {
  const stored = new Map<string, number>();
  const keep = (rows: readonly { id: number | string; store_id: string; seq: number | string }[]) => {
    for (const row of rows) stored.set(eventKey(row.store_id, Number(row.seq)), Number(row.id));
  };
  if (dialect === 'postgres') keep(await insertAsOneDocument(trx, events, receivedAt));
  else
    await inPieces(events, async (piece) => {
      keep(await insertAsValues(trx, piece, receivedAt));
    });
  return stored;
}

/**
 * PostgreSQL: the whole group's events travel as one JSON parameter, unpacked by the
 * server. Eight bind parameters per event (and a query text that grows with the group)
 * cost the central process more CPU than the rest of the ingest together: building and
 * serialising them was the largest share of its time per event under load. One
 * parameter also leaves no bind-parameter limit to cut the group by. `payload` is read as
 * `json`, which keeps the text as sent, so the stored payload is exactly the edge's.
 */
async function insertAsOneDocument(trx: Trx, events: readonly EventToStore[], receivedAt: number) {
  const document = JSON.stringify(
    events.map(({ storeId, event: e }) => ({
      store_id: storeId,
      seq: e.seq,
      ts: e.ts,
      type: e.type,
      kind: SyncEventKind(e.type),
      entity_id: e.entityId,
      payload: e.payload,
    })),
  );
  // What was stored comes back as one JSON document too: a row per event cost the
  // process as much to read back as the insert itself.
  const result = await sql<{ stored: [string, number, number][] | null }>`
    with inserted as (
      insert into sync_events (store_id, seq, ts, type, kind, entity_id, payload, received_at)
      select e.store_id, e.seq, e.ts, e.type, e.kind, e.entity_id, e.payload::text, ${receivedAt}::bigint
      from rows from (
        json_to_recordset(${document}::json)
          as (store_id text, seq bigint, ts bigint, type text, kind text, entity_id text, payload json)
      ) with ordinality as e(store_id, seq, ts, type, kind, entity_id, payload, n)
      order by e.n
      on conflict do nothing
      returning id, store_id, seq
    )
    select json_agg(json_build_array(store_id, seq, id)) as stored from inserted`.execute(trx);
  return (result.rows[0]?.stored ?? []).map(([store_id, seq, id]) => ({ store_id, seq, id }));
}

/** SQLite: one in-process call per piece; rows as VALUES (its parameters cost little here). */
async function insertAsValues(trx: Trx, events: readonly EventToStore[], receivedAt: number) {
  const rows = events.map(
    ({ storeId, event: e }) =>
      sql`(${storeId}, ${e.seq}, ${e.ts}, ${e.type}, ${SyncEventKind(e.type)}, ${e.entityId}, ${JSON.stringify(e.payload)}, ${receivedAt})`,
  );
  const result = await sql<{ id: number; store_id: string; seq: number }>`
    insert into sync_events (store_id, seq, ts, type, kind, entity_id, payload, received_at)
    values ${sql.join(rows)}
    on conflict do nothing
    returning id, store_id, seq`.execute(trx);
  return result.rows;
}
