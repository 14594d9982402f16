import { sql, type Transaction } from 'kysely';
import type { ChainHeadEvent } from '../../../shared/api/food-safety';
import { inPieces } from '../db/rows-per-statement';
import type { CentralTables } from '../db/schema';

type Trx = Transaction<CentralTables>;

/** A chain head with the store's sync seq of the event that carried it. */
export interface NewHead extends ChainHeadEvent {
  eventSeq: number;
}

export type TamperKind = 'went_back' | 'rewritten';

/**
 * What two heads in the store's sync order say about its chain. The edge appends records
 * and sends their head in one transaction, so an honest chain's head never moves back by
 * sync order, and one seq only ever has one hash.
 */
export function tamperBetween(earlier: ChainHeadEvent, later: ChainHeadEvent): TamperKind | null {
  if (later.seq < earlier.seq) return 'went_back';
  if (later.seq === earlier.seq && later.hash !== earlier.hash) return 'rewritten';
  return null;
}

/**
 * Keeps every head and records a tamper alert for each pair of heads next to each other in
 * sync order that contradict each other. Comparing neighbours is enough: a chain that
 * went back anywhere went back between two neighbours, and two heads of one seq with
 * different hashes have only heads of that seq between them. Heads may arrive out of
 * order, so the neighbours are looked up around the new ones: a late head lands between
 * two stored ones and is checked against both. An alert is never withdrawn, whatever
 * arrives later, and the heads it names are never deleted.
 */
export async function recordChainHeads(trx: Trx, storeId: string, heads: readonly NewHead[]): Promise<void> {
  if (heads.length === 0) return;
  const sorted = [...heads].sort((a, b) => a.eventSeq - b.eventSeq);
  const first = sorted[0]?.eventSeq ?? 0;
  const last = sorted.at(-1)?.eventSeq ?? 0;
  const stored = await storedAround(trx, storeId, first, last);
  const bySeq = new Map(stored.map((h) => [h.eventSeq, h]));
  const fresh = sorted.filter((h) => !bySeq.has(h.eventSeq));
  // A store's event seq is stored once, so a head already stored stays as it was first stored.
  for (const head of fresh) bySeq.set(head.eventSeq, head);
  const merged = [...bySeq.values()].sort((a, b) => a.eventSeq - b.eventSeq);

  await inPieces(fresh, (rows) => insertHeads(trx, storeId, rows));
  const alerts: { kind: TamperKind; earlier: NewHead; later: NewHead }[] = [];
  for (let i = 1; i < merged.length; i++) {
    const earlier = merged[i - 1];
    const later = merged[i];
    if (!earlier || !later) continue;
    const kind = tamperBetween(earlier, later);
    if (kind) alerts.push({ kind, earlier, later });
  }
  await inPieces(alerts, (rows) => insertAlerts(trx, storeId, rows));
}

interface HeadRow {
  event_seq: number | string;
  chain_seq: number | string;
  hash: string;
  at: number | string;
}

/** The stored heads within [first, last] and the nearest one on each side. */
async function storedAround(trx: Trx, storeId: string, first: number, last: number): Promise<NewHead[]> {
  const columns = ['event_seq', 'chain_seq', 'hash', 'at'] as const;
  const heads = trx.selectFrom('food_safety_chain_heads').select(columns).where('store_id', '=', storeId);
  const before = await heads.where('event_seq', '<', first).orderBy('event_seq', 'desc').limit(1).execute();
  const within = await heads.where('event_seq', '>=', first).where('event_seq', '<=', last).execute();
  const after = await heads.where('event_seq', '>', last).orderBy('event_seq', 'asc').limit(1).execute();
  return [...before, ...within, ...after].map((row: HeadRow) => ({
    eventSeq: Number(row.event_seq),
    seq: Number(row.chain_seq),
    hash: row.hash,
    at: Number(row.at),
  }));
}

async function insertHeads(trx: Trx, storeId: string, rows: NewHead[]): Promise<void> {
  const values = rows.map((h) => sql`(${storeId}, ${h.eventSeq}, ${h.seq}, ${h.hash}, ${h.at})`);
  await sql`
    insert into food_safety_chain_heads (store_id, event_seq, chain_seq, hash, at)
    values ${sql.join(values)}
    on conflict (store_id, event_seq) do nothing`.execute(trx);
}

async function insertAlerts(
  trx: Trx,
  storeId: string,
  rows: { kind: TamperKind; earlier: NewHead; later: NewHead }[],
): Promise<void> {
  const values = rows.map(
    ({ kind, earlier: e, later: l }) =>
      sql`(${storeId}, ${e.eventSeq}, ${l.eventSeq}, ${kind}, ${e.seq}, ${e.hash}, ${e.at}, ${l.seq},
        ${l.hash}, ${l.at})`,
  );
  await sql`
    insert into food_safety_tamper_alerts
      (store_id, earlier_event_seq, later_event_seq, kind, earlier_chain_seq, earlier_hash, earlier_at,
       later_chain_seq, later_hash, later_at)
    values ${sql.join(values)}
    on conflict (store_id, earlier_event_seq, later_event_seq) do nothing`.execute(trx);
}
