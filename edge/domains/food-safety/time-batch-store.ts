import type { Database } from '../../store/database';
import type { Cell, RecordChain } from './record-chain';

/** A version of a time-controlled batch as stored (migration 023). */
export interface TimeBatchRow {
  seq: number;
  batch_id: number;
  amends: number | null;
  change: string;
  product: string;
  qty_milli: number | null;
  qty_unit: string | null;
  pack: string;
  pack_edition: string;
  limit_id: string;
  option_id: string;
  clause: string;
  max_min: number;
  start_cc: number;
  never_above_cc: number | null;
  started_at: number;
  discard_by: number;
  warn_at: number;
  state: string;
  last_cc: number | null;
  last_at: number | null;
  action_id: number | null;
  by: string | null;
  note: string | null;
  at: number;
}

const LATEST = `SELECT * FROM food_safety_time_batches b
  WHERE seq = (SELECT max(seq) FROM food_safety_time_batches WHERE batch_id = b.batch_id)`;

/** Time-controlled batches over prepared statements; writes go through the chain, callers hold the transaction. */
export class TimeBatchStore {
  readonly #chain: RecordChain;
  readonly #s;

  constructor(db: Database, chain: RecordChain) {
    this.#chain = chain;
    this.#s = {
      batch: db.prepare<[number], TimeBatchRow>(
        'SELECT * FROM food_safety_time_batches WHERE batch_id = ? ORDER BY seq DESC LIMIT 1',
      ),
      holding: db.prepare<[], TimeBatchRow>(`${LATEST} AND state = 'holding' ORDER BY discard_by`),
      list: db.prepare<[{ active: number; limit: number }], TimeBatchRow>(
        `${LATEST} AND (@active = 0 OR state = 'holding') ORDER BY batch_id DESC LIMIT @limit`,
      ),
      between: db.prepare<[number, number], TimeBatchRow>(
        `${LATEST} AND started_at < ? AND (state = 'holding' OR at >= ?) ORDER BY started_at`,
      ),
    };
  }

  batch(batchId: number): TimeBatchRow | undefined {
    return this.#s.batch.get(batchId);
  }

  holding(): TimeBatchRow[] {
    return this.#s.holding.all();
  }

  list(activeOnly: boolean, limit: number): TimeBatchRow[] {
    return this.#s.list.all({ active: activeOnly ? 1 : 0, limit });
  }

  /** The latest version of each batch that was held during [from, to). */
  heldIn(from: number, to: number): TimeBatchRow[] {
    return this.#s.between.all(to, from);
  }

  append(at: number, build: (seq: number) => Omit<TimeBatchRow, 'seq'>): TimeBatchRow {
    return this.#chain.append('food_safety_time_batches', at, (seq) => {
      const row: Record<string, Cell> = { ...build(seq) };
      return row;
    }).row as unknown as TimeBatchRow;
  }
}
