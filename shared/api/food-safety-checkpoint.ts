import { z } from 'zod';

const EpochMs = z.number().int().nonnegative().max(253_402_300_799_999);

/**
 * `food_safety.checkpoint`, entityId = store id: the edge pruned its food-safety records
 * up to `seq` after the retention period. `hash` is the chain's full hash at `seq`, the
 * hash the records kept after it chain from, and the edge's `verify` starts there. A
 * chain head central already holds for `seq` must carry this same hash, and every pruned
 * record is older than `cutoff`, at least the retention period (730 days or more) before
 * `at`: a checkpoint that breaks either is a rewritten past, not pruning.
 */
export const ChainCheckpointEvent = z.strictObject({
  seq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: EpochMs.describe('when the edge pruned'),
  pruned: z
    .number()
    .int()
    .nonnegative()
    .max(Number.MAX_SAFE_INTEGER)
    .describe('records deleted in this step'),
  cutoff: EpochMs.describe('every record pruned was older than this'),
});
export type ChainCheckpointEvent = z.infer<typeof ChainCheckpointEvent>;
