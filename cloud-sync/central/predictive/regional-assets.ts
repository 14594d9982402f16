import type {
  RegionalAsset,
  RegionalAssetList,
  RegionalAssetsQuery,
} from '../../../shared/central/predictive-api';
import { AssetOutlook } from '../../../shared/predictive/asset-outlook';
import type { StoreScope } from '../auth/caller';
import type { CentralDb } from '../db/central-db';
import { inScope } from '../db/scope-filter';
import { equipmentLabels } from '../queries/equipment-labels';
import { withPredictive } from './predictive-tables';

/**
 * The watched assets of the caller's stores, ranked: by risk (then money at stake) or by
 * money at stake (then risk), ties by store and equipment so the order is stable.
 */
export async function regionalAssets(
  db: CentralDb,
  scope: StoreScope,
  query: RegionalAssetsQuery,
): Promise<RegionalAssetList> {
  const pdb = withPredictive(db);
  const scoped = pdb
    .selectFrom('predictive_outlooks as o')
    .innerJoin('stores', 'stores.id', 'o.store_id')
    .innerJoin('regions', 'regions.id', 'stores.region_id')
    .where((eb) => inScope(eb, scope));
  const counted = await scoped.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirst();
  const [first, second] =
    query.sort === 'risk'
      ? (['o.risk_score', 'o.money_fen'] as const)
      : (['o.money_fen', 'o.risk_score'] as const);
  const rows = await scoped
    .select([
      'o.store_id',
      'o.equipment_id',
      'o.view',
      'stores.name',
      'stores.region_id',
      'regions.name as region_name',
    ])
    .orderBy(first, 'desc')
    .orderBy(second, 'desc')
    .orderBy('o.store_id')
    .orderBy('o.equipment_id')
    .limit(query.limit)
    .execute();
  const labelOf = await equipmentLabels(
    db,
    rows.map((r) => r.store_id),
  );
  const assets: RegionalAsset[] = [];
  for (const row of rows) {
    // Parsed on the way in; a row that no longer reads (a contract change) is left out, not shown wrong.
    const outlook = AssetOutlook.safeParse(JSON.parse(row.view));
    if (!outlook.success) continue;
    assets.push({
      storeId: row.store_id,
      storeName: row.name,
      regionId: row.region_id,
      regionName: row.region_name,
      equipmentName: labelOf(row.store_id, row.equipment_id).name,
      outlook: outlook.data,
    });
  }
  return { sort: query.sort, total: Number(counted?.n ?? 0), assets };
}
