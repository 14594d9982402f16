import type { Database } from '../../store/database';

/** Where the chain was cut: records up to `seq` are pruned, `hash` is the chain's full hash at `seq`. */
export interface ChainCheckpoint {
  seq: number;
  hash: Buffer;
  /** when the pruning step ran */
  at: number;
  /** records the step deleted */
  pruned: number;
  /** every record it deleted was older than this instant */
  cutoff: number;
}

/** The full sha256 hash a checkpoint keeps, unlike the records' 8-byte tags. */
export const CHECKPOINT_HASH_BYTES = 32;

const hasTable = (db: Database): boolean =>
  db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'food_safety_checkpoints'")
    .get() !== undefined;

/**
 * The newest checkpoint, or null while nothing was ever pruned. A database from before
 * migration 026 (the verify command opens it without migrating) has none.
 */
export function latestCheckpoint(db: Database): ChainCheckpoint | null {
  if (!hasTable(db)) return null;
  return (
    db
      .prepare<[], ChainCheckpoint>(
        'SELECT seq, hash, at, pruned, cutoff FROM food_safety_checkpoints ORDER BY seq DESC LIMIT 1',
      )
      .get() ?? null
  );
}

/** Appends checkpoints; the caller holds the transaction that deletes the records up to `seq`. */
export class ChainCheckpoints {
  readonly #insert;

  constructor(db: Database) {
    this.#insert = db.prepare<[number, Buffer, number, number, number]>(
      'INSERT INTO food_safety_checkpoints (seq, hash, at, pruned, cutoff) VALUES (?, ?, ?, ?, ?)',
    );
  }

  append(checkpoint: ChainCheckpoint): void {
    if (checkpoint.hash.length !== CHECKPOINT_HASH_BYTES)
      throw new RangeError(`a checkpoint keeps the full ${CHECKPOINT_HASH_BYTES}-byte hash`);
    const { seq, hash, at, pruned, cutoff } = checkpoint;
    this.#insert.run(seq, hash, at, pruned, cutoff);
  }
}
