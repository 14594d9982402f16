import type { StoreScope } from '../auth/caller';
import type { CentralDb } from '../db/central-db';
import { inScope } from '../db/scope-filter';

export interface StoreHeader {
  storeId: string;
  storeName: string;
  regionId: string;
  regionName: string;
}

/** The caller's stores with their region, by region and id. */
export async function storesInScope(db: CentralDb, scope: StoreScope): Promise<StoreHeader[]> {
  const rows = await db
    .selectFrom('stores')
    .innerJoin('regions', 'regions.id', 'stores.region_id')
    .where((eb) => inScope(eb, scope))
    .select(['stores.id', 'stores.name', 'stores.region_id', 'regions.name as region_name'])
    .orderBy('stores.region_id')
    .orderBy('stores.id')
    .execute();
  return rows.map((r) => ({
    storeId: r.id,
    storeName: r.name,
    regionId: r.region_id,
    regionName: r.region_name,
  }));
}

/** The part of [start, end) inside [from, to), in ms; 0 when they do not meet. */
export function overlapMs(start: number, end: number, from: number, to: number): number {
  return Math.max(0, Math.min(end, to) - Math.max(start, from));
}
