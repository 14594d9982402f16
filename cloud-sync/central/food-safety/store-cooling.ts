import { sql } from 'kysely';
import { CoolingBatchView } from '../../../shared/api/food-safety';
import type { StoreScope } from '../auth/caller';
import type { CentralDb } from '../db/central-db';
import { inScope } from '../db/scope-filter';

/** Counts as both dialects return them: PostgreSQL's bigint sums arrive as strings. */
type Sum = number | string | bigint | null;
const n = (value: Sum): number => (value === null ? 0 : Number(value));

/** More batches than a store cools in a quarter; the page lists, it does not page. */
const LIST_LIMIT = 500;

export interface CoolingTally {
  batches: number;
  failed: number;
}

/** Per store in scope: cooling batches started in [from, to) and how many missed a stage. */
export async function coolingTallies(
  db: CentralDb,
  scope: StoreScope,
  from: number,
  to: number,
): Promise<Map<string, CoolingTally>> {
  const rows = await db
    .selectFrom('food_safety_cooling as c')
    .innerJoin('stores', 'stores.id', 'c.store_id')
    .where((eb) => inScope(eb, scope))
    .where('c.started_at', '>=', from)
    .where('c.started_at', '<', to)
    .groupBy('c.store_id')
    .select(['c.store_id', sql<Sum>`count(*)`.as('batches'), sql<Sum>`sum(c.failed)`.as('failed')])
    .execute();
  return new Map(rows.map((r) => [r.store_id, { batches: n(r.batches), failed: n(r.failed) }]));
}

/**
 * One store's cooling batches started in [from, to), newest version of each: those that
 * missed a stage first (they are what regional operations follow up), then newest first.
 * A stored view that no longer reads is left out rather than failing the page.
 */
export async function storeCoolingBatches(
  db: CentralDb,
  storeId: string,
  from: number,
  to: number,
): Promise<CoolingBatchView[]> {
  const rows = await db
    .selectFrom('food_safety_cooling')
    .where('store_id', '=', storeId)
    .where('started_at', '>=', from)
    .where('started_at', '<', to)
    .select('view')
    .orderBy('failed', 'desc')
    .orderBy('started_at', 'desc')
    .orderBy('batch_id', 'desc')
    .limit(LIST_LIMIT)
    .execute();
  return rows.flatMap((row) => {
    const parsed = CoolingBatchView.safeParse(JSON.parse(row.view));
    return parsed.success ? [parsed.data] : [];
  });
}
