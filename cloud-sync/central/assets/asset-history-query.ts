import { CentralTicket } from '../../../shared/central/api';
import type { AssetHistoryAcrossStores, AssetStay } from '../../../shared/central/asset-history-api';
import type { StoreScope } from '../auth/caller';
import type { CentralDb } from '../db/central-db';
import { inScope } from '../db/scope-filter';
import { withAssetPlacements } from './asset-placement-tables';

/**
 * One unit across the stores it stood in, oldest stay first, each with that store's
 * tickets of it from central's ticket projection. A stay's tickets are those opened before
 * it ended and, when another unit held the same equipment id in that store before, after
 * that one left (an id reused for the replacement is not this unit's past).
 */
export async function assetHistoryAcrossStores(
  database: CentralDb,
  scope: StoreScope,
  assetKey: string,
): Promise<AssetHistoryAcrossStores | undefined> {
  const db = withAssetPlacements(database);
  const placements = await db
    .selectFrom('asset_placements')
    .innerJoin('stores', 'stores.id', 'asset_placements.store_id')
    .select([
      'asset_placements.store_id',
      'asset_placements.equipment_id',
      'asset_placements.since',
      'asset_placements.until',
      'stores.name as store_name',
      'stores.region_id',
    ])
    .where('asset_placements.asset_key', '=', assetKey)
    .orderBy('asset_placements.since')
    .execute();
  if (placements.length === 0) return undefined;
  const visible = new Set(
    (
      await db
        .selectFrom('stores')
        .select('stores.id')
        .where((eb) => inScope(eb, scope))
        .where(
          'stores.id',
          'in',
          placements.map((p) => p.store_id),
        )
        .execute()
    ).map((s) => s.id),
  );
  const stays: AssetStay[] = [];
  for (const p of placements) {
    if (!visible.has(p.store_id)) continue;
    const since = Number(p.since);
    const until = p.until === null ? null : Number(p.until);
    const before = await db
      .selectFrom('asset_placements')
      .select((eb) => eb.fn.max('until').as('left_at'))
      .where('store_id', '=', p.store_id)
      .where('equipment_id', '=', p.equipment_id)
      .where('asset_key', '<>', assetKey)
      .where('until', '<=', since)
      .executeTakeFirst();
    let q = db
      .selectFrom('tickets')
      .select('view')
      .where('store_id', '=', p.store_id)
      .where('equipment_id', '=', p.equipment_id)
      .orderBy('opened_at')
      .orderBy('ticket_id');
    if (until !== null) q = q.where('opened_at', '<', until);
    if (before?.left_at !== null && before?.left_at !== undefined)
      q = q.where('opened_at', '>=', Number(before.left_at));
    const tickets = (await q.execute()).map((row) => CentralTicket.parse(JSON.parse(row.view)));
    stays.push({
      storeId: p.store_id,
      storeName: p.store_name,
      regionId: p.region_id,
      equipmentId: p.equipment_id,
      since,
      until,
      tickets,
    });
  }
  return { assetKey, stays, staysOutOfScope: placements.length - stays.length };
}
