import type { Migration } from './index';

/**
 * Where the food-safety chain starts once its oldest records are pruned after the
 * retention period (edge/domains/food-safety/chain-pruning.ts).
 *
 * `food_safety_checkpoints`: one row per pruning step, written in the transaction that
 * deletes the records up to `seq`. `hash` is the chain's FULL sha256 hash at `seq` (the
 * records keep only 8 bytes of theirs), so the first kept record verifies against it and
 * `galley food-safety verify` walks from the newest checkpoint instead of the store id's
 * genesis hash. `pruned` counts the records the step deleted, `cutoff` is the instant
 * every one of them was older than, `at` when it ran. Checkpoints are append-only too:
 * the same kind of evidence as the records they stand for.
 */
export const m026FoodSafetyCheckpoints: Migration = {
  version: 26,
  name: 'food-safety-checkpoints',
  sql: `
    CREATE TABLE food_safety_checkpoints (
      seq INTEGER PRIMARY KEY CHECK (seq > 0),
      hash BLOB NOT NULL CHECK (length(hash) = 32),
      at INTEGER NOT NULL,
      pruned INTEGER NOT NULL CHECK (pruned >= 0),
      cutoff INTEGER NOT NULL
    );

    CREATE TRIGGER food_safety_checkpoints_no_update BEFORE UPDATE ON food_safety_checkpoints
    BEGIN SELECT RAISE(ABORT, 'food-safety checkpoints are append-only'); END;
    CREATE TRIGGER food_safety_checkpoints_no_delete BEFORE DELETE ON food_safety_checkpoints
    BEGIN SELECT RAISE(ABORT, 'food-safety checkpoints are append-only'); END;
  `,
};
