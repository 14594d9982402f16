import type { Database } from '../../store/database';
import { CHAIN_COLUMNS, CHAIN_TABLES, type ChainTable } from './record-chain';

/** The columns by which a record names another by its seq. */
export const REFERENCE_COLUMNS = ['limit_seq', 'excursion_id', 'action_id', 'batch_id', 'amends'] as const;

const MINUTE = 60_000;

/** What may be pruned: the records with seq ≤ `seq`. */
export interface PruneBound {
  seq: number;
  /** the end of the prefix older than the cutoff, before anything held it back */
  oldPrefix: number;
  /** what holds `seq` below `oldPrefix`, for the log; null when nothing does */
  heldBy: string | null;
}

/**
 * Things still live whose first record must stay: a thing is named by the seq of the
 * record that opened it, and its later versions point back at it.
 */
const LIVE: { what: string; sql: string }[] = [
  {
    what: 'an open excursion',
    sql: `SELECT min(excursion_id) AS seq FROM food_safety_excursions e WHERE ended_at IS NULL
          AND seq = (SELECT max(seq) FROM food_safety_excursions WHERE excursion_id = e.excursion_id)`,
  },
  {
    what: 'an open corrective action',
    sql: `SELECT min(action_id) AS seq FROM food_safety_actions a WHERE state = 'open'
          AND seq = (SELECT max(seq) FROM food_safety_actions WHERE action_id = a.action_id)`,
  },
  {
    what: 'a cooling batch still cooling',
    sql: `SELECT min(batch_id) AS seq FROM food_safety_cooling c WHERE state IN ('waiting', 'cooling')
          AND seq = (SELECT max(seq) FROM food_safety_cooling WHERE batch_id = c.batch_id)`,
  },
  {
    what: 'a batch still held under time as the control',
    sql: `SELECT min(batch_id) AS seq FROM food_safety_time_batches b WHERE state = 'holding'
          AND seq = (SELECT max(seq) FROM food_safety_time_batches WHERE batch_id = b.batch_id)`,
  },
];

/**
 * The condition (on the cutoff, `?`) for a record to be younger than the cutoff: an
 * interval once it ends after it, the others when written at or after it.
 */
function youngerThan(table: ChainTable): string | null {
  if (table === 'food_safety_intervals') return `(start_min + span_min) * ${MINUTE} > ?`;
  return CHAIN_COLUMNS[table].includes('at') ? 'at >= ?' : null;
}

/**
 * Finds how far the chain may be pruned at `cutoff`: the prefix of records (after the
 * last checkpoint `after`) all older than the cutoff, lowered until nothing kept names a
 * record that would go: a limit record still in force or judging a kept interval, the
 * first record of an excursion, action or batch that is still open or whose later
 * versions are kept, whatever a kept record's `limit_seq`, `excursion_id`, `action_id`,
 * `batch_id` or `amends` points at. Reads only; call it inside the pruning transaction
 * to be sure of it.
 */
export class PruneBoundFinder {
  readonly #firstYoung: {
    table: ChainTable;
    get(after: number, cutoff: number): { seq: number } | undefined;
  }[];
  readonly #head;
  readonly #latestLimits;
  readonly #live;
  readonly #references;
  readonly #limitsUpTo;
  readonly #newestIntervalOf;

  constructor(db: Database) {
    this.#firstYoung = CHAIN_TABLES.map((table) => {
      // A table without a time of its own is never older than the cutoff: nothing in it is pruned.
      const young = youngerThan(table) ?? '? IS NOT NULL';
      const statement = db.prepare<[number, number], { seq: number }>(
        `SELECT seq FROM ${table} WHERE seq > ? AND ${young} ORDER BY seq LIMIT 1`,
      );
      return { table, get: (after: number, cutoff: number) => statement.get(after, cutoff) };
    });
    this.#head = db.prepare<[], { seq: number }>('SELECT seq FROM food_safety_chain_head WHERE id = 1');
    this.#latestLimits = db.prepare<[], { control_point: string; seq: number }>(
      'SELECT control_point, max(seq) AS seq FROM food_safety_limits GROUP BY control_point',
    );
    this.#live = LIVE.map(({ what, sql }) => ({ what, get: db.prepare<[], { seq: number | null }>(sql) }));
    this.#references = CHAIN_TABLES.filter((table) => table !== 'food_safety_intervals').flatMap((table) =>
      REFERENCE_COLUMNS.filter((column) => CHAIN_COLUMNS[table].includes(column)).map((column) => ({
        what: `${table}.${column} of a kept record`,
        get: db.prepare<[number, number], { seq: number | null }>(
          `SELECT min(${column}) AS seq FROM ${table} WHERE seq > ? AND ${column} > ?`,
        ),
      })),
    );
    this.#limitsUpTo = db.prepare<[number, number], { seq: number; control_point: string }>(
      'SELECT seq, control_point FROM food_safety_limits WHERE seq > ? AND seq <= ? ORDER BY seq',
    );
    // The holding log of a limit is written in time order, so its newest interval has its highest seq;
    // the clustered key finds it without reading the rest.
    this.#newestIntervalOf = db.prepare<[number], { seq: number }>(
      'SELECT seq FROM food_safety_intervals WHERE limit_seq = ? ORDER BY start_min DESC LIMIT 1',
    );
  }

  /** `inForce`: the control points of the config in force (null: every one that has a limit record). */
  find(after: number, cutoff: number, inForce: readonly string[] | null): PruneBound {
    const head = this.#head.get()?.seq ?? 0;
    const firstYoung = Math.min(
      head + 1,
      ...this.#firstYoung.map((t) => t.get(after, cutoff)?.seq ?? Number.POSITIVE_INFINITY),
    );
    const oldPrefix = firstYoung - 1;
    const held = this.keptBack(oldPrefix, inForce, after);
    return { seq: held.seq, oldPrefix, heldBy: held.heldBy };
  }

  /**
   * `bound` lowered until nothing after it names a record in (`after`, bound]. What is at
   * or before `after` is pruned already: a name of it can hold nothing back.
   */
  keptBack(
    bound: number,
    inForce: readonly string[] | null,
    after = 0,
  ): { seq: number; heldBy: string | null } {
    let seq = bound;
    let heldBy: string | null = null;
    const keep = (first: number | null | undefined, why: string) => {
      if (first !== null && first !== undefined && first > after && first <= seq) {
        seq = first - 1;
        heldBy = `${why} (record ${first})`;
      }
    };
    const wanted = inForce && new Set(inForce);
    for (const limit of this.#latestLimits.all())
      if (!wanted || wanted.has(limit.control_point))
        keep(limit.seq, `the limit in force for ${limit.control_point}`);
    for (const live of this.#live) keep(live.get.get()?.seq, live.what);
    for (;;) {
      const before = seq;
      for (const reference of this.#references) keep(reference.get.get(seq, after)?.seq, reference.what);
      for (const limit of this.#limitsUpTo.all(after, seq)) {
        const newest = this.#newestIntervalOf.get(limit.seq)?.seq;
        if (newest !== undefined && newest > seq)
          keep(limit.seq, `the limit of ${limit.control_point} judging kept intervals`);
      }
      if (seq === before) return { seq: Math.max(seq, after), heldBy };
    }
  }
}
