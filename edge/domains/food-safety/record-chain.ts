import { createHash } from 'node:crypto';
import type { Database } from '../../store/database';
import { latestCheckpoint } from './chain-checkpoint';
import { ChainWalk } from './chain-checkpoint-walk';

/** A cell of a record as SQLite holds it; the canonical form is JSON of these. */
export type Cell = number | string | null;
export type RecordRow = Record<string, Cell>;

export type ChainTable =
  | 'food_safety_limits'
  | 'food_safety_intervals'
  | 'food_safety_excursions'
  | 'food_safety_actions'
  | 'food_safety_cooling'
  | 'food_safety_checks'
  | 'food_safety_time_batches';

/**
 * The columns of each record table in the order they are hashed: one list for the
 * writer and the verifier, so they cannot drift. Adding a column to a table means a new
 * entry here and a migration; a released list is never reordered.
 */
export const CHAIN_COLUMNS: Record<ChainTable, readonly string[]> = {
  food_safety_limits: [
    'seq',
    'control_point',
    'equipment_id',
    'metric',
    'pack',
    'pack_edition',
    'authority',
    'limit_id',
    'clause',
    'bound',
    'limit_cc',
    'alert_delay_min',
    'interval_min',
    'excused_while',
    'at',
  ],
  food_safety_intervals: [
    'seq',
    'limit_seq',
    'start_min',
    'span_min',
    'status',
    'worst_cc',
    'min_cc',
    'max_cc',
    'readings',
    'excused_by',
  ],
  food_safety_excursions: [
    'seq',
    'excursion_id',
    'amends',
    'control_point',
    'equipment_id',
    'started_at',
    'ended_at',
    'minutes',
    'worst_cc',
    'limit_seq',
    'at',
  ],
  food_safety_actions: [
    'seq',
    'action_id',
    'amends',
    'change',
    'control_point',
    'equipment_id',
    'excursion_id',
    'alarm_id',
    'ticket_id',
    'state',
    'opened_at',
    'due_at',
    'escalation',
    'what_done',
    'disposition',
    'qty_milli',
    'qty_unit',
    'moved_to',
    'note',
    'by',
    'at',
  ],
  food_safety_cooling: [
    'seq',
    'batch_id',
    'amends',
    'change',
    'product',
    'qty_milli',
    'qty_unit',
    'equipment_id',
    'metric',
    'pack',
    'pack_edition',
    'limit_id',
    'clause',
    'from_cc',
    'started_at',
    't0',
    'state',
    'stages',
    'action_id',
    'by',
    'note',
    'at',
  ],
  food_safety_checks: [
    'seq',
    'check_id',
    'equipment_id',
    'slot_at',
    'closes_at',
    'pack',
    'pack_edition',
    'limit_id',
    'clause',
    'measure',
    'status',
    'value_cc',
    'in_limit',
    'by',
    'note',
    'at',
  ],
  food_safety_time_batches: [
    'seq',
    'batch_id',
    'amends',
    'change',
    'product',
    'qty_milli',
    'qty_unit',
    'pack',
    'pack_edition',
    'limit_id',
    'option_id',
    'clause',
    'max_min',
    'start_cc',
    'never_above_cc',
    'started_at',
    'discard_by',
    'warn_at',
    'state',
    'last_cc',
    'last_at',
    'action_id',
    'by',
    'note',
    'at',
  ],
};

export const CHAIN_TABLES = Object.keys(CHAIN_COLUMNS) as ChainTable[];

/** The chain of a store starts from its id, so one store's records do not verify as another's. */
export function genesisHash(storeId: string): Buffer {
  return createHash('sha256').update(`galley food-safety chain\n${storeId}`).digest();
}

export function canonicalForm(table: ChainTable, row: RecordRow): string {
  return JSON.stringify([table, ...CHAIN_COLUMNS[table].map((column) => row[column] ?? null)]);
}

/**
 * What each record keeps of its hash: the first 8 bytes. The chain runs on full sha256
 * hashes and the head keeps its hash whole (central gets it), so tamper evidence rests
 * on 256 bits; the per-record tag only says where the chain first breaks. Keeping 8
 * bytes instead of 32 saves a quarter of what a minute record takes on disk (~99 → ~75
 * bytes), about 200 MB over two years of the demo store's minutes; matching a changed
 * record to its old tag by chance takes 2^64 tries.
 */
export const RECORD_TAG_BYTES = 8;

export function recordTag(hash: Buffer): Buffer {
  return hash.subarray(0, RECORD_TAG_BYTES);
}

export function recordHash(previous: Buffer, table: ChainTable, row: RecordRow): Buffer {
  return createHash('sha256').update(previous).update(canonicalForm(table, row)).digest();
}

export interface ChainHead {
  seq: number;
  hash: Buffer;
  at: number;
}

/**
 * Appends records to the store's chain. Callers hold the transaction, so a record, the
 * head and the outbox event that reports it commit together.
 */
export class RecordChain {
  readonly #head;
  readonly #setHead;
  readonly #insert: Record<ChainTable, { run(params: RecordRow): unknown }>;
  readonly #storeId: string;

  constructor(db: Database, storeId: string) {
    this.#storeId = storeId;
    this.#head = db.prepare<[], { store_id: string; seq: number; hash: Buffer; at: number }>(
      'SELECT store_id, seq, hash, at FROM food_safety_chain_head WHERE id = 1',
    );
    this.#setHead = db.prepare<[string, number, Buffer, number]>(
      `INSERT INTO food_safety_chain_head (id, store_id, seq, hash, at) VALUES (1, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, at = excluded.at`,
    );
    const insert = (table: ChainTable) => {
      const columns = [...CHAIN_COLUMNS[table], 'hash'];
      return db.prepare<[RecordRow]>(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
      );
    };
    this.#insert = {
      food_safety_limits: insert('food_safety_limits'),
      food_safety_intervals: insert('food_safety_intervals'),
      food_safety_excursions: insert('food_safety_excursions'),
      food_safety_actions: insert('food_safety_actions'),
      food_safety_cooling: insert('food_safety_cooling'),
      food_safety_checks: insert('food_safety_checks'),
      food_safety_time_batches: insert('food_safety_time_batches'),
    };
  }

  head(): ChainHead {
    const row = this.#head.get();
    return row
      ? { seq: row.seq, hash: row.hash, at: row.at }
      : { seq: 0, hash: genesisHash(this.#storeId), at: 0 };
  }

  /** The record built for the next seq (a record that opens something is named by its own seq). */
  append(table: ChainTable, at: number, build: (seq: number) => RecordRow): { seq: number; row: RecordRow } {
    const stored = this.#head.get();
    const previous = stored?.hash ?? genesisHash(this.#storeId);
    const seq = (stored?.seq ?? 0) + 1;
    const row = { ...build(seq), seq };
    const hash = recordHash(previous, table, row);
    this.#insert[table].run({ ...row, hash: recordTag(hash) } as unknown as RecordRow);
    // The chain keeps the store id it began with: that is what its first hash was made from.
    this.#setHead.run(stored?.store_id ?? this.#storeId, seq, hash, at);
    return { seq, row };
  }
}

export type VerifyResult =
  | {
      ok: true;
      /** records verified, from `fromSeq` on */
      records: number;
      /** 0: from the chain's first record; else the newest checkpoint's seq (the records up to it were pruned) */
      fromSeq: number;
      head: { seq: number; hash: string } | null;
    }
  | {
      ok: false;
      /** records verified intact before the first bad one */
      records: number;
      fromSeq: number;
      /** the seq of the first altered (or missing) record */
      seq: number;
      table: ChainTable | null;
      /** the record named for people: table, seq and what it is about */
      record: string;
      reason: string;
    };

/**
 * Walks the chain in seq order across the record tables from the newest checkpoint (or
 * the store's genesis hash when nothing was pruned), and names the first record whose
 * stored hash does not match its contents and the hash before it, or that is missing, or
 * the checkpoint when its hash does not lead to the records kept after it; then checks
 * the head points at the last record.
 */
export function verifyChain(db: Database): VerifyResult {
  const headRow = db
    .prepare<[], { store_id: string; seq: number; hash: Buffer }>(
      'SELECT store_id, seq, hash FROM food_safety_chain_head WHERE id = 1',
    )
    .get();
  const checkpoint = latestCheckpoint(db);
  const fromSeq = checkpoint?.seq ?? 0;
  const genesis = headRow ? genesisHash(headRow.store_id) : Buffer.alloc(0);
  const walk = new ChainWalk(
    db,
    checkpoint
      ? { seq: checkpoint.seq, hash: checkpoint.hash, checkpoint: true }
      : { seq: 0, hash: genesis, checkpoint: false },
  );
  if (!headRow) {
    const stray = walk.first();
    if (!stray && !checkpoint) return { ok: true, records: 0, fromSeq, head: null };
    return {
      ok: false,
      records: 0,
      fromSeq,
      seq: stray?.seq ?? fromSeq,
      table: stray?.table ?? null,
      record: stray ? walk.name(stray.table, stray.row, stray.seq) : `the checkpoint at record ${fromSeq}`,
      reason: 'the chain head is missing',
    };
  }
  if (checkpoint && !(Buffer.isBuffer(checkpoint.hash) && checkpoint.hash.length === 32))
    return { ok: false, records: 0, fromSeq, ...walk.checkpointBreak(null, undefined, headRow.seq) };
  const broken = walk.step(Number.POSITIVE_INFINITY);
  if (broken) return { ok: false, records: walk.records, fromSeq, ...broken };
  const last = walk.seq;
  if (headRow.seq !== last) {
    const seq = headRow.seq > last ? last + 1 : headRow.seq + 1;
    return {
      ok: false,
      records: walk.records,
      fromSeq,
      seq,
      table: null,
      record: walk.name(null, undefined, seq),
      reason:
        headRow.seq > last
          ? `missing: the chain head is at record ${headRow.seq}, the records stop at ${last}`
          : `the chain head stops at ${headRow.seq}; records after it were not written by the chain`,
    };
  }
  if (!Buffer.isBuffer(headRow.hash) || !walk.hash.equals(headRow.hash)) {
    if (checkpoint && walk.records === 0)
      return { ok: false, records: 0, fromSeq, ...walk.checkpointBreak(null, undefined, headRow.seq) };
    return {
      ok: false,
      records: walk.records,
      fromSeq,
      seq: headRow.seq,
      table: null,
      record: `the chain head (record ${headRow.seq})`,
      reason: 'the chain head does not match the last record',
    };
  }
  return {
    ok: true,
    records: walk.records,
    fromSeq,
    head: { seq: headRow.seq, hash: walk.hash.toString('hex') },
  };
}
