import type { Database } from '../../store/database';
import {
  type Cell,
  CHAIN_TABLES,
  type ChainTable,
  type RecordRow,
  recordHash,
  recordTag,
} from './record-chain';

/** Where a walk starts: the genesis hash at seq 0, or a checkpoint's seq and full hash. */
export interface WalkStart {
  seq: number;
  hash: Buffer;
  /** a checkpoint (records up to `seq` pruned), not the chain's first hash */
  checkpoint: boolean;
}

/** The first place the chain does not hold, named for people. */
export interface ChainBreak {
  seq: number;
  table: ChainTable | null;
  record: string;
  reason: string;
}

type StoredRow = RecordRow & { hash: Buffer };

/** One record table's read position: a page of rows, lowest seq last. */
interface Page {
  table: ChainTable;
  next: { all(after: number, limit: number): StoredRow[] };
  rows: StoredRow[];
  after: number;
  exhausted: boolean;
}

const PAGE = 2000;

/** What a record is about, so the person reading the verdict can find it. */
function describe(
  table: ChainTable | null,
  row: RecordRow | undefined,
  seq: number,
  pointOfLimit: (limitSeq: Cell | undefined) => string,
): string {
  if (!table || !row) return `record ${seq}`;
  const at = (ms: Cell | undefined) => (typeof ms === 'number' ? new Date(ms).toISOString() : String(ms));
  const about =
    table === 'food_safety_intervals'
      ? `control point ${pointOfLimit(row.limit_seq)}, interval from ${at(typeof row.start_min === 'number' ? row.start_min * 60_000 : row.start_min)}`
      : table === 'food_safety_limits'
        ? `control point ${row.control_point}, limit ${row.pack}/${row.limit_id}`
        : table === 'food_safety_excursions'
          ? `control point ${row.control_point}, excursion ${row.excursion_id} from ${at(row.started_at)}`
          : table === 'food_safety_cooling'
            ? `cooling batch ${row.batch_id} of ${row.product} on ${row.equipment_id} (${row.change})`
            : table === 'food_safety_checks'
              ? `check ${row.check_id} due ${at(row.slot_at)} (${row.status})`
              : table === 'food_safety_time_batches'
                ? `time-controlled batch ${row.batch_id} of ${row.product} (${row.change})`
                : `control point ${row.control_point}, corrective action ${row.action_id} (${row.change})`;
  return `record ${seq} in ${table} (${about})`;
}

/**
 * Walks the chain in seq order across the record tables from a start, a page per table
 * at a time, recomputing each record's hash from the one before it. It goes in steps,
 * so the pruning job can let the event loop run between them and `verify` can go
 * through in one; it stops at the first record that is altered, missing or repeated.
 */
export class ChainWalk {
  readonly #start: WalkStart;
  readonly #pointOf: (limitSeq: Cell | undefined) => string;
  readonly #pages: Page[];
  #previous: Buffer;
  #seq: number;
  #records = 0;
  #done = false;

  constructor(db: Database, start: WalkStart) {
    this.#start = start;
    this.#previous = start.hash;
    this.#seq = start.seq;
    const point = db.prepare<[Cell], { control_point: string }>(
      'SELECT control_point FROM food_safety_limits WHERE seq = ?',
    );
    this.#pointOf = (limitSeq) => point.get(limitSeq ?? null)?.control_point ?? `of limit record ${limitSeq}`;
    this.#pages = CHAIN_TABLES.map((table) => ({
      table,
      next: db.prepare<[number, number], StoredRow>(
        `SELECT * FROM ${table} WHERE seq > ? ORDER BY seq LIMIT ?`,
      ),
      rows: [] as StoredRow[],
      after: start.seq,
      exhausted: false,
    }));
  }

  /** The seq of the last record verified (the start's while none is). */
  get seq(): number {
    return this.#seq;
  }

  /** The full chain hash at `seq`: what a checkpoint there keeps. */
  get hash(): Buffer {
    return this.#previous;
  }

  /** Records verified so far. */
  get records(): number {
    return this.#records;
  }

  /** No record is left to walk (up to the bound of the last step). */
  get done(): boolean {
    return this.#done;
  }

  name(table: ChainTable | null, row: RecordRow | undefined, seq: number): string {
    return describe(table, row, seq, this.#pointOf);
  }

  /** The lowest record after the start, without walking it. */
  first(): { table: ChainTable; row: StoredRow; seq: number } | undefined {
    const next = this.#lowest();
    return next && { table: next.page.table, row: next.row, seq: next.seq };
  }

  /** Verifies up to `max` more records whose seq is at most `until`; the first break, or null. */
  step(max: number, until = Number.POSITIVE_INFINITY): ChainBreak | null {
    for (let n = 0; n < max; n++) {
      const expected = this.#seq + 1;
      const next = this.#lowest();
      if (!next || expected > until) {
        this.#done = true;
        return null;
      }
      const { page, row, seq } = next;
      if (seq !== expected) {
        if (seq > expected && expected <= until) {
          return {
            seq: expected,
            table: null,
            record: this.name(null, undefined, expected),
            reason: `missing: deleted, or its seq was changed (the next record is ${this.name(page.table, row, seq)})`,
          };
        }
        if (seq < expected)
          return {
            seq,
            table: page.table,
            record: this.name(page.table, row, seq),
            reason: 'its seq repeats an earlier record',
          };
        this.#done = true;
        return null;
      }
      page.rows.pop();
      page.after = seq;
      const hash = recordHash(this.#previous, page.table, row);
      if (!Buffer.isBuffer(row.hash) || !recordTag(hash).equals(row.hash)) {
        if (this.#records === 0 && this.#start.checkpoint) return this.checkpointBreak(page.table, row, seq);
        return {
          seq,
          table: page.table,
          record: this.name(page.table, row, seq),
          reason: 'altered: its contents do not match its hash and the record before it',
        };
      }
      this.#previous = hash;
      this.#seq = seq;
      this.#records += 1;
    }
    return null;
  }

  /**
   * The checkpoint's hash does not lead to the record after it (or to the head when none
   * is kept): one of the two was altered, and the chain cannot say which, so the
   * checkpoint is named as the break with the record beside it.
   */
  checkpointBreak(table: ChainTable | null, row: RecordRow | undefined, seq: number): ChainBreak {
    const after = table ? this.name(table, row, seq) : `the chain head (record ${seq})`;
    return {
      seq: this.#start.seq,
      table: null,
      record: `the checkpoint at record ${this.#start.seq} (the records up to it were pruned)`,
      reason: `its hash does not lead to ${after}: the checkpoint or that record was altered`,
    };
  }

  #lowest(): { page: Page; row: StoredRow; seq: number } | undefined {
    let best: { page: Page; row: StoredRow; seq: number } | undefined;
    for (const page of this.#pages) {
      if (page.rows.length === 0 && !page.exhausted) {
        page.rows = page.next.all(page.after, PAGE).reverse();
        if (page.rows.length < PAGE) page.exhausted = true;
      }
      const row = page.rows[page.rows.length - 1];
      if (row && (!best || Number(row.seq) < best.seq)) best = { page, row, seq: Number(row.seq) };
    }
    return best;
  }
}
