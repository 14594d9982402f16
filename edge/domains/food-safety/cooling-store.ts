import type { Database } from '../../store/database';
import type { Cell, RecordChain } from './record-chain';

/** A version of a cooling batch as stored (migration 021). */
export interface CoolingRow {
  seq: number;
  batch_id: number;
  amends: number | null;
  change: string;
  product: string;
  qty_milli: number | null;
  qty_unit: string | null;
  equipment_id: string;
  metric: string;
  pack: string;
  pack_edition: string;
  limit_id: string;
  clause: string;
  from_cc: number;
  started_at: number;
  t0: number | null;
  state: string;
  /** canonical JSON of `StoredStage[]` */
  stages: string;
  action_id: number | null;
  by: string | null;
  note: string | null;
  at: number;
}

/** A stage as it sits in `stages`: temperatures in hundredths of a °C, times in epoch ms. */
export interface StoredStage {
  to_cc: number;
  within_min: number;
  result: 'pending' | 'passed' | 'failed' | 'skipped';
  at: number | null;
  cc: number | null;
  warned_at: number | null;
  projected_at: number | null;
}

/** Key order is fixed here, so the JSON a record is hashed over is the same for writer and verifier. */
export function stagesJson(stages: readonly StoredStage[]): string {
  return JSON.stringify(
    stages.map((s) => ({
      to_cc: s.to_cc,
      within_min: s.within_min,
      result: s.result,
      at: s.at,
      cc: s.cc,
      warned_at: s.warned_at,
      projected_at: s.projected_at,
    })),
  );
}

export function parseStages(json: string): StoredStage[] {
  return JSON.parse(json) as StoredStage[];
}

const LATEST = `SELECT * FROM food_safety_cooling c
  WHERE seq = (SELECT max(seq) FROM food_safety_cooling WHERE batch_id = c.batch_id)`;

/** Cooling batches over prepared statements; every write goes through the chain, callers hold the transaction. */
export class CoolingStore {
  readonly #chain: RecordChain;
  readonly #s;

  constructor(db: Database, chain: RecordChain) {
    this.#chain = chain;
    this.#s = {
      batch: db.prepare<[number], CoolingRow>(
        'SELECT * FROM food_safety_cooling WHERE batch_id = ? ORDER BY seq DESC LIMIT 1',
      ),
      active: db.prepare<[], CoolingRow>(`${LATEST} AND state IN ('waiting', 'cooling') ORDER BY batch_id`),
      list: db.prepare<[{ active: number; limit: number }], CoolingRow>(
        `${LATEST} AND (@active = 0 OR state IN ('waiting', 'cooling')) ORDER BY batch_id DESC LIMIT @limit`,
      ),
    };
  }

  batch(batchId: number): CoolingRow | undefined {
    return this.#s.batch.get(batchId);
  }

  active(): CoolingRow[] {
    return this.#s.active.all();
  }

  list(activeOnly: boolean, limit: number): CoolingRow[] {
    return this.#s.list.all({ active: activeOnly ? 1 : 0, limit });
  }

  /** `build` gets the record's own seq, which names a new batch. */
  append(at: number, build: (seq: number) => Omit<CoolingRow, 'seq'>): CoolingRow {
    return this.#chain.append('food_safety_cooling', at, (seq) => {
      const row: Record<string, Cell> = { ...build(seq) };
      return row;
    }).row as unknown as CoolingRow;
  }
}
