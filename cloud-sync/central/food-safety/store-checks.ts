import { sql } from 'kysely';
import { CheckRecordView } from '../../../shared/api/food-safety-checks';
import type { StoreScope } from '../auth/caller';
import type { CentralDb } from '../db/central-db';
import { inScope } from '../db/scope-filter';

type Sum = number | string | bigint | null;
const n = (value: Sum): number => (value === null ? 0 : Number(value));

/** More check slots than a store has in a month; the page lists, it does not page. */
const LIST_LIMIT = 500;

export interface CheckTally {
  done: number;
  missed: number;
  outOfLimit: number;
}

/** Per store in scope: manual-check slots due in [from, to), how many were missed and how many read out of limit. */
export async function checkTallies(
  db: CentralDb,
  scope: StoreScope,
  from: number,
  to: number,
): Promise<Map<string, CheckTally>> {
  const rows = await db
    .selectFrom('food_safety_checks as c')
    .innerJoin('stores', 'stores.id', 'c.store_id')
    .where((eb) => inScope(eb, scope))
    .where('c.slot_at', '>=', from)
    .where('c.slot_at', '<', to)
    .groupBy('c.store_id')
    .select([
      'c.store_id',
      sql<Sum>`count(*)`.as('slots'),
      sql<Sum>`sum(c.missed)`.as('missed'),
      sql<Sum>`sum(c.out_of_limit)`.as('out_of_limit'),
    ])
    .execute();
  return new Map(
    rows.map((r) => [
      r.store_id,
      { done: n(r.slots) - n(r.missed), missed: n(r.missed), outOfLimit: n(r.out_of_limit) },
    ]),
  );
}

/** One store's check records due in [from, to): missed and out of limit first, then newest first. */
export async function storeCheckRecords(
  db: CentralDb,
  storeId: string,
  from: number,
  to: number,
): Promise<CheckRecordView[]> {
  const rows = await db
    .selectFrom('food_safety_checks')
    .where('store_id', '=', storeId)
    .where('slot_at', '>=', from)
    .where('slot_at', '<', to)
    .select('view')
    .orderBy(sql`missed + out_of_limit`, 'desc')
    .orderBy('slot_at', 'desc')
    .orderBy('record_id', 'desc')
    .limit(LIST_LIMIT)
    .execute();
  return rows.flatMap((row) => {
    const parsed = CheckRecordView.safeParse(JSON.parse(row.view));
    return parsed.success ? [parsed.data] : [];
  });
}
