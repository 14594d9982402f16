import type { Database } from '../../store/database';
import type { Cell, RecordChain } from './record-chain';

/** A manual-check record as stored (migration 022). */
export interface CheckRow {
  seq: number;
  check_id: string;
  equipment_id: string | null;
  slot_at: number;
  closes_at: number;
  pack: string;
  pack_edition: string;
  limit_id: string;
  clause: string;
  /** canonical JSON of the limit's `measure` */
  measure: string;
  status: 'done' | 'missed';
  value_cc: number | null;
  /** 1 in limit, 0 out, null when missed */
  in_limit: number | null;
  by: string | null;
  note: string | null;
  at: number;
}

/** Manual-check records over prepared statements; every write goes through the chain, callers hold the transaction. */
export class CheckStore {
  readonly #chain: RecordChain;
  readonly #s;

  constructor(db: Database, chain: RecordChain) {
    this.#chain = chain;
    this.#s = {
      bySeq: db.prepare<[number], CheckRow>('SELECT * FROM food_safety_checks WHERE seq = ?'),
      slot: db.prepare<[string, number], CheckRow>(
        'SELECT * FROM food_safety_checks WHERE check_id = ? AND slot_at = ?',
      ),
      latest: db.prepare<[string], CheckRow>(
        'SELECT * FROM food_safety_checks WHERE check_id = ? ORDER BY slot_at DESC LIMIT 1',
      ),
      between: db.prepare<[number, number], CheckRow>(
        'SELECT * FROM food_safety_checks WHERE slot_at >= ? AND slot_at < ? ORDER BY slot_at, check_id',
      ),
    };
  }

  record(seq: number): CheckRow | undefined {
    return this.#s.bySeq.get(seq);
  }

  slot(checkId: string, slotAt: number): CheckRow | undefined {
    return this.#s.slot.get(checkId, slotAt);
  }

  /** The newest slot recorded for the check: a sweep after a restart starts after it. */
  latest(checkId: string): CheckRow | undefined {
    return this.#s.latest.get(checkId);
  }

  /** Records of slots due in [from, to). */
  between(from: number, to: number): CheckRow[] {
    return this.#s.between.all(from, to);
  }

  append(at: number, row: Omit<CheckRow, 'seq'>): CheckRow {
    return this.#chain.append('food_safety_checks', at, () => {
      const cells: Record<string, Cell> = { ...row };
      return cells;
    }).row as unknown as CheckRow;
  }
}
