import type { Kysely } from 'kysely';

/**
 * Migration 025: a rollout halted by a box keeps, beside its English `halted_reason`, the
 * same reason in structured form (HaltedCause JSON), so the regional page words it in its
 * own language. Older rows keep null and are shown by their text.
 */
export async function rolloutHaltedCauseUp(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('edge_rollouts').addColumn('halted_cause', 'text').execute();
}
